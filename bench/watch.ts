import { spawn } from "node:child_process";
import { readFile, rename, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";

/** One save timed in the publishing mode. */
export interface WatchEdit {
  /** From the save to the build's `Built` line (search included, when built). */
  seconds: number;
  /** From the save until the pages were live (the line's "pages live after", plus the wait before the build). */
  liveSeconds?: number;
  /** Whether the build modelled the edit on the last site (only the edited article read). */
  patched: boolean;
  /** The 1-minute load average just before the save. */
  load: number;
}

export interface WatchOptions {
  datelineDir: string;
  contentDir: string;
  outDir: string;
  /** The article to edit (restored afterwards). */
  file: string;
  edits: number;
  noSearch: boolean;
  env: Record<string, string>;
  logPrefix: string;
}

/**
 * Runs `npm run build -- --watch` as a newsroom's build machine does, then saves `file` `edits` times with
 * a new headline each (as editors save: a temporary file renamed over the article), a few seconds apart,
 * timing each save until the build's `Built` line. Restores the file and stops the process.
 */
export async function timeWatchEdits(options: WatchOptions): Promise<WatchEdit[]> {
  const child = spawn(
    process.execPath,
    [
      "bin/dateline.mjs",
      "build",
      "--watch",
      ...(options.noSearch ? ["--no-search"] : []),
      "--content",
      options.contentDir,
      "--out",
      options.outDir,
    ],
    { cwd: options.datelineDir, env: { ...process.env, ...options.env } },
  );
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const waitFor = (pattern: RegExp, from: number, timeoutMs: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `no ${pattern} from the publishing mode within ${timeoutMs / 1000} s:\n${stderr.slice(-2000)}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        const match = pattern.exec(stdout.slice(from));
        if (!match) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(match);
      };
      waiters.add(check);
      check();
    });
  const original = await readFile(options.file, "utf8");
  const edits: WatchEdit[] = [];
  try {
    await waitFor(/Watching/, 0, 30 * 60_000);
    for (let i = 1; i <= options.edits; i++) {
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const from = stdout.length;
      const load = loadavg()[0] ?? 0;
      const edited = original.replace(
        /^title: "?(.*?)"?$/m,
        `title: "Watch edit ${i} for the benchmark, $1"`,
      );
      const started = performance.now();
      await writeFile(`${options.file}.swp`, edited);
      await rename(`${options.file}.swp`, options.file);
      const match = await waitFor(/^Built .*$/m, from, 10 * 60_000);
      const seconds = (performance.now() - started) / 1000;
      const line = match[0];
      const built = / in ([\d.]+) s /.exec(line);
      const live = /pages live after ([\d.]+) s/.exec(line);
      edits.push({
        seconds,
        ...(built && live ? { liveSeconds: seconds - (Number(built[1]) - Number(live[1])) } : {}),
        patched: line.includes("only the edited articles read"),
        load,
      });
    }
  } finally {
    await writeFile(options.file, original);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.kill("SIGINT");
    await exited;
    await writeFile(`${options.logPrefix}.stdout`, stdout);
    await writeFile(`${options.logPrefix}.stderr`, stderr);
  }
  return edits;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const watchLogPrefix = (logs: string) => path.join(logs, "dateline-watch");
