import { readdirSync, readFileSync } from "node:fs";

/** The ids of `root` and all of its descendants, read from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The parent id is the second field after the command name, which is in parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree: number[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function highWaterKiB(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Polls the peak resident set size (VmHWM) of every process in `root`'s tree every `intervalMs` and keeps
 * the largest seen. `stop()` returns it in KiB. A fallback for machines without GNU time.
 */
export function peakRssOfTree(root: number, intervalMs = 100): { stop: () => number } {
  let peak = 0;
  const poll = () => {
    for (const pid of processTree(root)) peak = Math.max(peak, highWaterKiB(pid));
  };
  const timer = setInterval(poll, intervalMs);
  poll();
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
