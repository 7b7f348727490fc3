import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { peakRssOfTree } from "./proc.ts";

const GNU_TIME = "/usr/bin/time";

export interface Measured {
  exitCode: number;
  /** Wall-clock seconds from spawn to exit. */
  seconds: number;
  /** Peak resident set size of the largest process in the child's tree, in MiB. */
  peakRssMiB: number;
  /** How the peak was measured. */
  rssSource: "gnu-time" | "proc-polling";
}

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Files that receive the child's output (so a long debug log never sits in memory). */
  stdoutFile: string;
  stderrFile: string;
}

/**
 * Runs a command as a child process and measures its wall time and peak RSS: with GNU time's `%M` when
 * /usr/bin/time exists (the maximum over the child and the descendants it waited for), otherwise by polling
 * VmHWM in /proc for the whole process tree.
 */
export async function measure(
  command: string,
  args: readonly string[],
  options: MeasureOptions,
): Promise<Measured> {
  const useGnuTime = existsSync(GNU_TIME);
  const rssFile = `${options.stderrFile}.rss`;
  const [file, argv] = useGnuTime
    ? [GNU_TIME, ["-f", "%M", "-o", rssFile, command, ...args]]
    : [command, [...args]];
  const out = openSync(options.stdoutFile, "w");
  const err = openSync(options.stderrFile, "w");
  const started = performance.now();
  try {
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", out, err],
    });
    const poller = useGnuTime || child.pid === undefined ? undefined : peakRssOfTree(child.pid);
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const seconds = (performance.now() - started) / 1000;
    if (poller) return { exitCode, seconds, peakRssMiB: poller.stop() / 1024, rssSource: "proc-polling" };
    const kib = Number.parseInt((await readFile(rssFile, "utf8")).trim().split("\n").at(-1) ?? "", 10);
    return { exitCode, seconds, peakRssMiB: Number.isFinite(kib) ? kib / 1024 : 0, rssSource: "gnu-time" };
  } finally {
    closeSync(out);
    closeSync(err);
  }
}
