import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Measured, measure } from "./measure.ts";

/**
 * The build's "now", fixed so every run renders the same pages. It is after the newest generated article
 * (2025-01-01 UTC at the latest), so no article is held back as scheduled.
 */
export const BENCH_BUILD_TIME = "2025-06-01T00:00:00+04:00";

export interface DatelineRun extends Measured {
  /** The seconds Dateline reports itself (from reading content to the published site, without start-up). */
  reportedSeconds?: number;
  /** In an incremental build: seconds until the new pages were in place, and what was rendered or reused. */
  liveSeconds?: number;
  rendered?: number;
  unchanged?: number;
  /** Photos processed in this build, and photos taken from the cache. */
  photosProcessed?: number;
  photosCached?: number;
}

export interface DatelineRunOptions {
  /** A Dateline checkout with node_modules: the repository itself by default. */
  datelineDir: string;
  contentDir: string;
  outDir: string;
  logPrefix: string;
  /** Extra environment, e.g. DEBUG for Eleventy's benchmarks. */
  env?: NodeJS.ProcessEnv;
  /**
   * Node options such as `--cpu-prof` (which NODE_OPTIONS does not accept). When given, the build runs as
   * `node OPTIONS --import tsx src/cli/build.ts …`, one process instead of tsx's two.
   */
  nodeArgs?: readonly string[];
  /** Extra arguments for the build command, e.g. `--no-search`. */
  buildArgs?: readonly string[];
}

/** Runs a full production build as a child process: `tsx src/cli/build.ts --content … --out … --build-time …`. */
export async function runDateline(options: DatelineRunOptions): Promise<DatelineRun> {
  const stdoutFile = `${options.logPrefix}.stdout`;
  const buildArgs = [
    "src/cli/build.ts",
    "--content",
    options.contentDir,
    "--out",
    options.outDir,
    "--build-time",
    BENCH_BUILD_TIME,
    ...(options.buildArgs ?? []),
  ];
  // As a newsroom runs it: the compiled CLI (compiled beforehand, so compiling is not timed); under a CPU
  // profile, the sources through tsx in one process.
  // A checkout without the launcher (an older snapshot given with --dateline) runs its sources with tsx.
  const compiled = !options.nodeArgs && existsSync(path.join(options.datelineDir, "bin/dateline.mjs"));
  const [command, args] = options.nodeArgs
    ? [process.execPath, [...options.nodeArgs, "--import", "tsx", ...buildArgs]]
    : compiled
      ? [process.execPath, ["bin/dateline.mjs", "build", ...buildArgs.slice(1)]]
      : [path.join(options.datelineDir, "node_modules/.bin/tsx"), buildArgs];
  if (compiled)
    await measure(process.execPath, ["bin/dateline.mjs", "build", "--help"], {
      cwd: options.datelineDir,
      stdoutFile: `${options.logPrefix}.compile.stdout`,
      stderrFile: `${options.logPrefix}.compile.stderr`,
    });
  const measured = await measure(command, args, {
    cwd: options.datelineDir,
    // The photo cache lives beside the output, in the bench's workspace, not in the project.
    env: {
      ...process.env,
      DATELINE_PHOTO_CACHE: path.join(path.dirname(path.resolve(options.outDir)), "photo-cache"),
      DATELINE_CACHE_DIR: path.join(path.dirname(path.resolve(options.outDir)), "content-cache"),
      ...options.env,
    },
    stdoutFile,
    stderrFile: `${options.logPrefix}.stderr`,
  });
  const stdout = await readFile(stdoutFile, "utf8");
  const match = / in ([\d.]+) s /.exec(stdout);
  const live = /pages live after ([\d.]+) s/.exec(stdout);
  const rendered = /\((\d+) rendered, (\d+) unchanged/.exec(stdout);
  const photos = /photos: (\d+) processed, (\d+) from cache/.exec(stdout);
  return {
    ...measured,
    ...(match ? { reportedSeconds: Number(match[1]) } : {}),
    ...(live ? { liveSeconds: Number(live[1]) } : {}),
    ...(rendered ? { rendered: Number(rendered[1]), unchanged: Number(rendered[2]) } : {}),
    ...(photos ? { photosProcessed: Number(photos[1]), photosCached: Number(photos[2]) } : {}),
  };
}
