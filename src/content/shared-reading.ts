import type { Diagnostic, SiteSettings } from "../core/types.ts";
import type { Memo } from "./cache.ts";
import { type StoredDocument, storeDocument } from "./frontmatter.ts";
import { type CheckDocument, type JobOutcome, type ReadJob, readJob } from "./read-job.ts";
import { type BodyAt, bodyHolder, findBody, withBlankBody } from "./value-body.ts";

/**
 * Reading the article files on two threads: `readCheckedFiles` on the main thread and a helper (a worker
 * thread, `npm run check`'s) take the files to read one at a time from one shared counter, so both stay
 * busy to the end whatever each file costs, and the helper sends back what it found, which the main thread
 * puts in the files' order. Each file is read, parsed and checked by the same code on either thread, so
 * the results are the same whichever thread read it.
 */

/** The counter both threads take job indices from (`Atomics.add` on shared memory). */
export class JobCounter {
  readonly #cells: Int32Array;
  constructor(
    readonly total: number,
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4),
  ) {
    this.#cells = new Int32Array(buffer);
  }

  /** The next job nobody has taken, taken now; undefined when all are. */
  claim(): number | undefined {
    const index = Atomics.add(this.#cells, 0, 1);
    return index < this.total ? index : undefined;
  }
}

/** A checked file as sent between threads: the document in its stored form, the value without its body. */
export interface SentResult {
  document?: StoredDocument;
  value?: unknown;
  /** Where the value held the document's body (sent once, as the document's). */
  valueBody?: BodyAt;
  diagnostics: Diagnostic[];
  memo?: Memo;
}

/** One job's outcome as sent: as `JobOutcome`, or `failed` when checking the file threw (a bug). */
export type SentOutcome =
  | { unread: Diagnostic[] }
  | { file: string; hash: string; readAt: number; result?: SentResult }
  | { failed: string };

/** Outcomes by job index, as a helper sends them, a few dozen at a time. */
export type SentBatch = [index: number, outcome: SentOutcome][];

/**
 * An outcome in the form sent to the other thread. The value's body is left out (it is sent once, as the
 * document's): blanked in place when the value is this thread's own, about to be dropped, or with `keep`
 * (the main thread sending what it read to its render worker, and keeping it) in a shallow copy.
 */
export function toSent(outcome: JobOutcome<unknown>, keep = false): SentOutcome {
  if ("unread" in outcome || !outcome.result) {
    if ("unread" in outcome) return outcome;
    return { file: outcome.file, hash: outcome.hash, readAt: outcome.readAt };
  }
  const { document, value, diagnostics, memo } = outcome.result;
  const result: SentResult = { diagnostics };
  if (document) result.document = storeDocument(document, outcome.raw ?? "");
  if (value !== undefined) {
    const at = document ? findBody(value, document.body) : undefined;
    const holder = at === undefined ? undefined : bodyHolder(value, at);
    // Put back from the document's on the other side (in the same key order).
    if (at !== undefined && holder) {
      result.valueBody = at;
      if (keep) result.value = withBlankBody(value as object, at);
      else {
        holder.body = "";
        result.value = value;
      }
    } else result.value = value;
  }
  if (memo !== undefined) result.memo = memo;
  return { file: outcome.file, hash: outcome.hash, readAt: outcome.readAt, result };
}

/** The value of a sent result with its body put back. */
export function receivedValue(result: SentResult): unknown {
  const holder = result.valueBody === undefined ? undefined : bodyHolder(result.value, result.valueBody);
  if (holder && result.document) holder.body = result.document.body;
  return result.value;
}

/** What the main thread asks of a helper: the jobs, the shared counter, and the settings to check against. */
export interface ShareRequest {
  jobs: readonly ReadJob[];
  counter: SharedArrayBuffer;
  settings: SiteSettings;
}

/**
 * A helper that reads a share of the article files (check's worker thread), checking each as
 * `articleChecker(settings, …)` does on the main thread.
 */
export interface ReadHelper {
  /** The fewest files to read for it to be worth sharing them: below, the main thread reads alone. */
  readonly minJobs: number;
  /** It reads every file and the main thread none (tests: every result crosses the threads). */
  readonly alone?: boolean;
  /**
   * Starts it on the jobs: it claims them from the counter, as the main thread does, and sends each
   * outcome to `onOutcomes`. Resolves when it has no more to take, or has failed: a job it took but sent no
   * outcome for is the main thread's to do.
   */
  share(request: ShareRequest, onOutcomes: (batch: SentBatch) => void): Promise<void>;
  /** Ends it (unused, or done). */
  stop(): Promise<void>;
  /**
   * Given, the helper wants every outcome too (a render worker, which models the same site): the main
   * thread sends it what it read itself, a batch at a time, then `mirrorDone`.
   */
  mirror?(batch: SentBatch): void;
  mirrorDone?(): void;
}

/**
 * The render worker's side of reading shared with the main thread: the main thread's request (or none:
 * it reads alone), the worker's outcomes sent to it, and the main thread's outcomes received, so that both
 * end with every file's result.
 */
export interface ReadPeer {
  /** The main thread's jobs and counter; undefined when it reads without the worker. */
  request(): Promise<Pick<ShareRequest, "jobs" | "counter"> | undefined>;
  /** Sends the worker's outcomes to the main thread. */
  send(batch: SentBatch): void;
  /** The worker takes no more jobs (after its last batch, or at once when it does not take part). */
  done(): void;
  /**
   * The main thread's outcomes, each batch given to `onOutcomes` (those that came before as well); resolves
   * when the main thread has sent its last.
   */
  follow(onOutcomes: (batch: SentBatch) => void): Promise<void>;
}

/** Whether two threads planned the same jobs (the same files, in the same order, with the same cache hash). */
export function sameJobs(mine: readonly ReadJob[], theirs: readonly ReadJob[]): boolean {
  if (mine.length !== theirs.length) return false;
  return mine.every((job, i) => {
    const other = theirs[i];
    return (
      other !== undefined &&
      job.candidate.shown === other.candidate.shown &&
      job.candidate.target === other.candidate.target &&
      job.cachedHash === other.cachedHash
    );
  });
}

/** How many outcomes a thread sends the other at once. */
const BATCH = 32;

/** Outcomes gathered for the other thread and sent a batch at a time; `flush` sends what is left. */
export class OutcomeBatches {
  #batch: SentBatch = [];
  constructor(private readonly send: (batch: SentBatch) => void) {}

  add(index: number, outcome: SentOutcome): void {
    this.#batch.push([index, outcome]);
    if (this.#batch.length === BATCH) this.flush();
  }

  flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    this.send(batch);
  }
}

/** A check that threw (a bug), as sent: the other thread checks the file itself. */
export function failedOutcome(error: unknown): SentOutcome {
  return { failed: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/**
 * The helper's side: takes jobs from the counter until none are left, reading and checking each as
 * `readCheckedFiles` would, and sends the outcomes. A file whose check throws is sent as `failed` (the main
 * thread then checks it itself, and so reports what it would have alone).
 */
export function helpRead(
  request: Pick<ShareRequest, "jobs" | "counter">,
  checkDocument: CheckDocument<unknown>,
  send: (batch: SentBatch) => void,
): void {
  const counter = new JobCounter(request.jobs.length, request.counter);
  const batches = new OutcomeBatches(send);
  for (let index = counter.claim(); index !== undefined; index = counter.claim()) {
    try {
      batches.add(index, toSent(readJob(request.jobs[index] as ReadJob, checkDocument)));
    } catch (error) {
      batches.add(index, failedOutcome(error));
    }
  }
  batches.flush();
}
