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
  return new CheckWorker(minFiles, options.workerOnly === true);
}

/**
 * `check`'s worker thread (check-worker.ts), started before the main thread reads anything so that it has
 * loaded its code by the time the files are listed; `share` then hands it the files to read.
 */
export class CheckWorker implements ReadHelper {
  readonly #worker: Worker;
  /** Resolves when the worker ends or fails, whatever it was doing. */
  readonly #ended: Promise<void>;
  #onMessage: (message: FromCheckWorker) => void = () => {};

  constructor(
    readonly minJobs: number,
    readonly alone = false,
  ) {
    const here = fileURLToPath(import.meta.url);
    const entry = path.join(path.dirname(here), `check-worker${path.extname(here)}`);
    // Under tsx (and in tests) a small JavaScript entry registers tsx's loader in the worker first.
    const start = entry.endsWith(".ts") ? entry.replace(/\.ts$/, "-boot.mjs") : entry;
    this.#worker = new Worker(start);
    this.#worker.on("message", (message: FromCheckWorker) => this.#onMessage(message));
    this.#ended = new Promise<void>((resolve) => {
      this.#worker.on("error", () => resolve());
      this.#worker.on("exit", () => resolve());
    });
  }

  share(request: ShareRequest, onOutcomes: (batch: SentBatch) => void): Promise<void> {
    const finished = new Promise<void>((resolve) => {
      this.#onMessage = (message) => {
        if (message.kind === "outcomes") onOutcomes(message.batch);
        else resolve();
      };
    });
    this.#worker.postMessage(request);
    return Promise.race([finished, this.#ended]);
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}
