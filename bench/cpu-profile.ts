/** Reading a V8 `.cpuprofile` (as written by `node --cpu-prof`) into self and inclusive times. */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Timing {
  key: string;
  ms: number;
}

export interface ProfileSummary {
  /** Sampled milliseconds in total, idle included. */
  totalMs: number;
  /** Self time per function (`name url:line`). */
  selfByFunction: Timing[];
  /** Self time per area: an npm package, a Dateline source file, Node internals, GC, idle. */
  selfByArea: Timing[];
  /** Time with the function anywhere on the stack, per function name (recursion counted once). */
  inclusiveByName: Map<string, number>;
}

/** Where a frame's code lives: `markdown-it`, `src/site.ts`, `node internals`, `(garbage collector)`… */
export function areaOf(frame: CallFrame): string {
  if (frame.url === "")
    return frame.functionName.startsWith("(") ? frame.functionName : "(compiled templates and eval)";
  if (frame.url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
  if (pkg?.[1]) return pkg[1];
  const src = /\/((?:src|bench|templates)\/.*)$/.exec(frame.url);
  if (src?.[1]) return src[1];
  return "other";
}

function shortUrl(url: string): string {
  const match = /(node_modules\/.*|(?:src|bench)\/.*)$/.exec(url);
  return match?.[1] ?? url.replace(/^file:\/\//, "");
}

function functionKey(frame: CallFrame): string {
  const where = frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : "";
  return `${frame.functionName || "(anonymous)"}${where}`;
}

function sorted(map: Map<string, number>): Timing[] {
  return [...map].map(([key, ms]) => ({ key, ms })).sort((a, b) => b.ms - a.ms);
}

function add<K>(map: Map<K, number>, key: K, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

export function summarize(profile: CpuProfile): ProfileSummary {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const selfMs = new Map<number, number>();
  // Each sample stands for the time until the next one.
  samples.forEach((id, i) => {
    add(selfMs, id, (deltas[i + 1] ?? 0) / 1000);
  });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = (id: number) => selfMs.get(id) ?? 0;

  const selfByFunction = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = self(node.id);
    if (ms === 0) continue;
    add(selfByFunction, functionKey(node.callFrame), ms);
    add(selfByArea, areaOf(node.callFrame), ms);
  }

  // Inclusive time: a subtree's total, counted for each name on the path only at its outermost frame.
  const inclusiveByName = new Map<string, number>();
  const totals = new Map<number, number>();
  const totalOf = (id: number): number => {
    const known = totals.get(id);
    if (known !== undefined) return known;
    let sum = self(id);
    for (const child of byId.get(id)?.children ?? []) sum += totalOf(child);
    totals.set(id, sum);
    return sum;
  };
  const root = profile.nodes[0];
  if (root) {
    const active = new Map<string, number>();
    const stack: { id: number; entering: boolean }[] = [{ id: root.id, entering: true }];
    while (stack.length > 0) {
      const item = stack.pop();
      if (!item) break;
      const node = byId.get(item.id);
      if (!node) continue;
      const name = node.callFrame.functionName || "(anonymous)";
      if (!item.entering) {
        active.set(name, (active.get(name) ?? 1) - 1);
        continue;
      }
      if ((active.get(name) ?? 0) === 0) add(inclusiveByName, name, totalOf(node.id));
      active.set(name, (active.get(name) ?? 0) + 1);
      stack.push({ id: node.id, entering: false });
      for (const child of node.children ?? []) stack.push({ id: child, entering: true });
    }
  }

  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    selfByFunction: sorted(selfByFunction),
    selfByArea: sorted(selfByArea),
    inclusiveByName,
  };
}
