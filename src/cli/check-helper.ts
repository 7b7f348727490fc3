import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReadHelper, SentBatch, ShareRequest } from "../content/shared-reading.ts";

/** What the check worker sends: outcomes as it goes, then `done` (or `failed`, when it broke). */
export type FromCheckWorker =
  | { kind: "outcomes"; batch: SentBatch }
  | { kind: "done" }
  | { kind: "failed"; message: string };

/**
 * The fewest article files for `check` to start its worker thread: below, one thread reads them sooner than
 * a worker starts (starting one takes about as long as checking a few hundred articles).
 */
export const CHECK_WORKER_MIN_FILES = 500;

export interface CheckParallel {
  /**
   * Start the worker only once there are enough files to read (with a content cache that has results: most
   * files usually come from it), instead of at once, beside the main thread's start.
   */
  lazy?: boolean;
  /** The fewest files to read for the worker to start (`CHECK_WORKER_MIN_FILES` by default). */
  minFiles?: number;
  /** The worker reads every file and the main thread none (tests: every result crosses the threads). */
  workerOnly?: boolean;
  /** A stand-in for the worker (tests). */
  helper?: () => ReadHelper;
}

/**
 * Starts `check`'s worker thread when the machine has a second core and the archive has at least `minFiles`
 * article files (counted by the caller, by name); never with `false` or `DATELINE_WORKERS=0`.
 */
export function maybeStartCheckWorker(
  articleFiles: number,
  options: false | CheckParallel = {},
): ReadHelper | undefined {
  if (options === false || process.env.DATELINE_WORKERS === "0") return undefined;
  const minFiles = options.minFiles ?? CHECK_WORKER_MIN_FILES;
  if (articleFiles < minFiles) return undefined;
  if (options.helper) return options.helper();
  if (availableParallelism() < 2) return undefined;
  return new CheckWorker(minFiles, { alone: options.workerOnly === true, lazy: options.lazy === true });
}

/**
 * `check`'s worker thread (check-worker.ts), started before the main thread reads anything so that it has
 * loaded its code by the time the files are listed (or, `lazy`, when it is given files); `share` then hands
 * it the files to read.
 */
export class CheckWorker implements ReadHelper {
  readonly alone: boolean;
  #started?: { worker: Worker; ended: Promise<void> };
  #onMessage: (message: FromCheckWorker) => void = () => {};

  constructor(
    readonly minJobs: number,
    options: { alone?: boolean; lazy?: boolean } = {},
  ) {
    this.alone = options.alone === true;
    if (!options.lazy) this.#start();
  }

  #start(): { worker: Worker; ended: Promise<void> } {
    if (this.#started) return this.#started;
    const here = fileURLToPath(import.meta.url);
    const entry = path.join(path.dirname(here), `check-worker${path.extname(here)}`);
    // Under tsx (and in tests) a small JavaScript entry registers tsx's loader in the worker first.
    const start = entry.endsWith(".ts") ? entry.replace(/\.ts$/, "-boot.mjs") : entry;
    const worker = new Worker(start);
    worker.on("message", (message: FromCheckWorker) => this.#onMessage(message));
    // Resolves when the worker ends or fails, whatever it was doing.
    const ended = new Promise<void>((resolve) => {
      worker.on("error", () => resolve());
      worker.on("exit", () => resolve());
    });
    this.#started = { worker, ended };
    return this.#started;
  }

  share(request: ShareRequest, onOutcomes: (batch: SentBatch) => void): Promise<void> {
    const { worker, ended } = this.#start();
    const finished = new Promise<void>((resolve) => {
      this.#onMessage = (message) => {
        if (message.kind === "outcomes") onOutcomes(message.batch);
        else resolve();
      };
    });
    worker.postMessage(request);
    return Promise.race([finished, ended]);
  }

  async stop(): Promise<void> {
    await this.#started?.worker.terminate();
  }
}
