import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReadHelper, SentBatch, ShareRequest } from "../content/shared-reading.ts";
import type { Site } from "../core/types.ts";

/** What the render worker needs to read the same content as the main thread. */
export interface WorkerInput {
  contentDir: string;
  buildTime: string;
  preview: boolean;
  /** The content cache's folder: the worker reads it (all hits when warm) and never writes it. */
  cacheDir?: string;
}

export type ToWorker =
  | { kind: "render"; staging: string; reuse: string[] }
  | { kind: "stop" }
  // Reading shared with the main thread: its jobs and counter (or none: it reads alone), its outcomes.
  | { kind: "share"; request: Pick<ShareRequest, "jobs" | "counter"> }
  | { kind: "share-none" }
  | { kind: "main-outcomes"; batch: SentBatch }
  | { kind: "main-done" };

export type FromWorker =
  | { kind: "outcomes"; batch: SentBatch }
  | { kind: "read-done" }
  | { kind: "progress"; files: number }
  | { kind: "done"; key: string; outputs: [string, string][] }
  | { kind: "failed"; message: string };

/** A key of the content a Site was built from: every article's file and bytes, the settings and build time. */
export function contentKey(site: Site): string {
  const h = createHash("sha1");
  h.update(JSON.stringify(site.settings)).update(site.buildTime);
  for (const a of site.articles) h.update(a.file).update("\0").update(a.sourceHash).update("\0");
  for (const kind of Object.keys(site.entities) as (keyof Site["entities"])[])
    for (const e of site.entities[kind])
      h.update(e.url)
        .update(e.html ?? "")
        .update(e.description ?? "");
  return h.digest("hex");
}

/**
 * The fewest pages to render for the worker to pay: below this the main thread renders alone and the worker
 * is stopped unused (handing it the work costs about as much as rendering a thousand pages).
 * `DATELINE_WORKER_MIN_PAGES` overrides it (tests set 0 to exercise the worker on a small site).
 */
export function workerMinPages(): number {
  return fromEnv("DATELINE_WORKER_MIN_PAGES", 2000);
}

/**
 * The fewest article files for a build to start a render worker at all, before reading anything (the worker
 * reads the content on the second core while the main thread does). `DATELINE_WORKER_MIN_ARTICLES` overrides
 * it; `DATELINE_WORKERS=0` never starts one.
 */
export function workerMinArticles(): number {
  return fromEnv("DATELINE_WORKER_MIN_ARTICLES", 1000);
}

function fromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  const given = Number(text);
  return text !== undefined && text !== "" && Number.isInteger(given) && given >= 0 ? given : fallback;
}

/** How many `.md` files the content's `articles/` folder holds (names only, nothing is read). */
export async function articleFileCount(contentDir: string): Promise<number> {
  const names = await readdir(path.join(contentDir, "articles"), { recursive: true }).catch(() => []);
  return names.filter((name) => name.endsWith(".md")).length;
}

/**
 * When a build shares its pages with a render worker; `false` never (also `DATELINE_WORKERS=0`). By default
 * only a build expected to render the whole site starts one (`--full`, or no earlier build in the output):
 * an incremental build renders few pages, and a worker reading the whole content would only compete with
 * the search indexer for the second core.
 */
export type ParallelOptions =
  | false
  | {
      minArticles?: number;
      minPages?: number;
      incrementalToo?: boolean;
      /** The fewest article files to parse for the worker to share the reading (500 by default). */
      minShared?: number;
      /** The worker reads every file to parse and the main thread none (tests: all cross the threads). */
      workerReadsAll?: boolean;
    };

/** The fewest files to parse for the render worker to read a share of them (as `check`'s worker). */
export const SHARED_READING_MIN_FILES = 500;

/** Starts a render worker when the machine has a second core and the archive is large enough to pay. */
export async function maybeStartWorker(
  input: WorkerInput,
  options: ParallelOptions = {},
  expectFull = true,
): Promise<PageWorker | undefined> {
  if (options === false || process.env.DATELINE_WORKERS === "0" || availableParallelism() < 2)
    return undefined;
  if (!expectFull && !options.incrementalToo) return undefined;
  const articles = await articleFileCount(input.contentDir);
  if (articles < (options.minArticles ?? workerMinArticles())) return undefined;
  return new RenderWorker(input, {
    minShared: options.minShared ?? SHARED_READING_MIN_FILES,
    workerReadsAll: options.workerReadsAll === true,
  });
}

/** The result of the worker's share: the files it wrote (relative path → SHA-1), or why it could not help. */
export type WorkerResult = { outputs: Map<string, string> } | { declined: string };

type Reply = { key: string; outputs: Map<string, string> } | { declined: string };

/** What a build asks of a render worker (the real one, or a test's stand-in). */
export interface PageWorker {
  /**
   * The worker as a helper of the content stage's reading: it reads a share of the article files, sends
   * them, and is sent the rest, so both threads read each file once (absent: each reads them all).
   */
  readonly reader?: ReadHelper;
  /**
   * Renders the worker's share of the pages into `staging`, leaving `reuse` alone, and resolves when they
   * are written. Declined when the worker failed or read other content than `expectedKey`.
   */
  render(
    staging: string,
    reuse: readonly string[],
    expectedKey: string,
    onProgress: (files: number) => void,
  ): Promise<WorkerResult>;
  /** Ends the worker unused. */
  stop(): Promise<void>;
}

/**
 * A render worker started at the beginning of a build, reading the content while the main thread does.
 * `render` hands it the staging folder and the pages to leave alone; `stop` ends it unused.
 */
export class RenderWorker implements PageWorker {
  readonly #worker: Worker;
  readonly #reply: Promise<Reply>;
  /** Resolves when the worker ends or fails, whatever it was doing. */
  readonly #ended: Promise<void>;
  #onProgress: (files: number) => void = () => {};
  #onOutcomes: (batch: SentBatch) => void = () => {};
  #readDone: () => void = () => {};
  readonly reader: ReadHelper;

  constructor(
    input: WorkerInput,
    sharing: { minShared: number; workerReadsAll?: boolean } = { minShared: SHARED_READING_MIN_FILES },
  ) {
    const here = fileURLToPath(import.meta.url);
    const entry = path.join(path.dirname(here), `render-worker${path.extname(here)}`);
    // Under tsx (and in tests) a small JavaScript entry registers tsx's loader in the worker first.
    const start = entry.endsWith(".ts") ? entry.replace(/\.ts$/, "-boot.mjs") : entry;
    this.#worker = new Worker(start, { workerData: input });
    this.#ended = new Promise<void>((resolve) => {
      this.#worker.on("error", () => resolve());
      this.#worker.on("exit", () => resolve());
    });
    this.#reply = new Promise<Reply>((resolve) => {
      this.#worker.on("message", (message: FromWorker) => {
        if (message.kind === "outcomes") this.#onOutcomes(message.batch);
        else if (message.kind === "read-done") this.#readDone();
        else if (message.kind === "progress") this.#onProgress(message.files);
        else if (message.kind === "failed") resolve({ declined: message.message });
        else resolve({ key: message.key, outputs: new Map(message.outputs) });
      });
      this.#worker.on("error", (error) => resolve({ declined: error.message }));
      this.#worker.on("exit", (code) => resolve({ declined: `the render worker exited with code ${code}` }));
    });
    this.reader = this.#readerOf(sharing.minShared, sharing.workerReadsAll === true);
  }

  /** The worker as the content stage's reading helper (see `PageWorker.reader`). */
  #readerOf(minJobs: number, alone: boolean): ReadHelper {
    const post = (message: ToWorker) => this.#worker.postMessage(message);
    let asked = false;
    return {
      minJobs,
      alone,
      share: (request, onOutcomes) => {
        asked = true;
        this.#onOutcomes = onOutcomes;
        const finished = new Promise<void>((resolve) => {
          this.#readDone = resolve;
        });
        post({ kind: "share", request: { jobs: request.jobs, counter: request.counter } });
        return Promise.race([finished, this.#ended]);
      },
      // The reading is over, or never shared: the worker goes on (to render), reading alone if never asked.
      stop: async () => {
        if (!asked) post({ kind: "share-none" });
        asked = true;
      },
      mirror: (batch) => post({ kind: "main-outcomes", batch }),
      mirrorDone: () => post({ kind: "main-done" }),
    };
  }

  /**
   * Asks the worker for its share of the pages and resolves when it has written them. Declined when the
   * worker failed or read other content than `expectedKey` (a file saved between the two reads).
   */
  async render(
    staging: string,
    reuse: readonly string[],
    expectedKey: string,
    onProgress: (files: number) => void,
  ): Promise<WorkerResult> {
    this.#onProgress = onProgress;
    this.#worker.postMessage({ kind: "render", staging, reuse: [...reuse] } satisfies ToWorker);
    const reply = await this.#reply;
    await this.#worker.terminate();
    if ("declined" in reply) return reply;
    if (reply.key !== expectedKey) return { declined: "the content changed while the worker read it" };
    return { outputs: reply.outputs };
  }

  /** Ends the worker unused. */
  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}
