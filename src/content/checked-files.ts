import { type Stats, statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic, SiteSettings } from "../core/types.ts";
import { type CachedFile, ContentCache, type Memo } from "./cache.ts";
import { type ParsedDocument, restoreDocument, storeDocument } from "./frontmatter.ts";
import { MAX_FILE_BYTES } from "./limits.ts";
import { type Candidate, displayPath, listSourceFiles } from "./load.ts";
import {
  type CheckDocument,
  type CheckedResult,
  type JobOutcome,
  type ReadJob,
  readJob,
} from "./read-job.ts";
import {
  failedOutcome,
  JobCounter,
  OutcomeBatches,
  type ReadHelper,
  type ReadPeer,
  receivedValue,
  type SentBatch,
  type SentOutcome,
  sameJobs,
  toSent,
} from "./shared-reading.ts";

export type { CheckDocument } from "./read-job.ts";

/** One content file, read (or found in the cache), parsed and validated. */
export interface CheckedFile<T> {
  file: string;
  /** SHA-1 of the file's bytes. */
  hash: string;
  document?: ParsedDocument;
  value?: T;
  /** What parsing and validating found, in order. */
  diagnostics: Diagnostic[];
  /** Warnings of `check`'s per-file rules found while reading it (or kept in the cache), by rule id. */
  memo?: Memo;
}

export interface CheckedFiles<T> {
  /** The files read, in the order of `readSources`. */
  files: CheckedFile<T>[];
  /** Files that could not be read, as `readSources` reports them. */
  diagnostics: Diagnostic[];
  /** How many of the files a helper thread read (0 without one). */
  helped: number;
}

/**
 * A helper thread to share the reading with, and the settings it checks articles against; or, on the
 * render worker, the main thread whose reading it shares (`peer`): both end with every file's result.
 */
export type ReadSharing = { helper: ReadHelper; settings: SiteSettings } | { peer: ReadPeer };

/** The jobs of one reading, where their outcomes go, and how each is done. */
interface Reading<T> {
  jobs: readonly ReadJob[];
  outcomes: (JobOutcome<T> | undefined)[];
  checkDocument: CheckDocument<T>;
  progress: () => void;
}

/** Lets timers (the progress display), signals and the other thread's messages through, now and then. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Takes the other thread's outcomes into `outcomes`, telling `onEach` of each (not those whose check threw). */
function receiver<T>(outcomes: (JobOutcome<T> | undefined)[], onEach: () => void) {
  return (batch: SentBatch) => {
    for (const [index, sent] of batch) {
      const outcome = received<T>(sent);
      if (!outcome) continue;
      outcomes[index] = outcome;
      onEach();
    }
  };
}

/**
 * The main thread's reading: alone, or sharing the jobs with a helper through one counter when there are
 * enough files to parse. A helper that wants every outcome (`mirror`: the render worker) is sent what this
 * thread read. Gives how many files the helper read.
 */
async function readAsLead<T>(
  sharing: { helper: ReadHelper; settings: SiteSettings } | undefined,
  toParse: number,
  { jobs, outcomes, checkDocument, progress }: Reading<T>,
): Promise<number> {
  const counter = new JobCounter(jobs.length);
  let helped = 0;
  let helping: Promise<void> | undefined;
  if (sharing && toParse > 0 && toParse >= sharing.helper.minJobs) {
    const onOutcomes = receiver(outcomes, () => {
      helped++;
      progress();
    });
    helping = sharing.helper.share({ jobs, counter: counter.buffer, settings: sharing.settings }, onOutcomes);
  } else if (sharing) await sharing.helper.stop();
  const helper = helping ? sharing?.helper : undefined;
  const mirrored = helper?.mirror ? new OutcomeBatches(helper.mirror.bind(helper)) : undefined;
  const mine = helper?.alone ? undefined : counter;
  let count = 0;
  for (let index = mine?.claim(); index !== undefined; index = mine?.claim()) {
    const outcome = readJob(jobs[index] as ReadJob, checkDocument);
    outcomes[index] = outcome;
    progress();
    mirrored?.add(index, toSent(outcome, true));
    // Reading is synchronous: let timers, signals and the helper's results through.
    if (++count % 250 === 0) await breathe();
  }
  if (mirrored) {
    mirrored.flush();
    helper?.mirrorDone?.();
  }
  if (helping) {
    await helping;
    await sharing?.helper.stop();
  }
  return helped;
}

/**
 * The render worker's reading: the main thread's jobs, shared through its counter, each outcome sent to it
 * and its outcomes received, so that both threads model the same site from every file read once. When the
 * main thread reads alone, or planned other jobs (a file changed between the two looks), it reads every
 * job itself. Gives how many files the main thread read for it.
 */
async function readAsPeer<T>(peer: ReadPeer, { jobs, outcomes, checkDocument }: Reading<T>): Promise<number> {
  const request = await peer.request();
  if (!request || !sameJobs(jobs, request.jobs)) {
    peer.done();
    for (const [index, job] of jobs.entries()) {
      outcomes[index] = readJob(job, checkDocument);
      if (index % 250 === 249) await breathe();
    }
    return 0;
  }
  let theirs = 0;
  const following = peer.follow(
    receiver(outcomes, () => {
      theirs++;
    }),
  );
  const counter = new JobCounter(jobs.length, request.counter);
  const batches = new OutcomeBatches((batch) => peer.send(batch));
  let count = 0;
  for (let index = counter.claim(); index !== undefined; index = counter.claim()) {
    try {
      const outcome = readJob(jobs[index] as ReadJob, checkDocument);
      outcomes[index] = outcome;
      batches.add(index, toSent(outcome, true));
    } catch (error) {
      // Checked again below, as alone; the main thread does the same with it.
      batches.add(index, failedOutcome(error));
    }
    if (++count % 250 === 0) await breathe();
  }
  batches.flush();
  peer.done();
  await following;
  return theirs;
}

function toCache<T>(result: CheckedResult<T>, raw: string, identity: Identity): CachedFile {
  const entry: CachedFile = { ...identity, diagnostics: result.diagnostics };
  const document = result.stored ?? (result.document ? storeDocument(result.document, raw) : undefined);
  if (document) entry.document = document;
  if (result.value !== undefined) entry.value = result.value;
  if (result.memo !== undefined) entry.memo = result.memo;
  return entry;
}

type Identity = Pick<CachedFile, "size" | "mtimeMs" | "ctimeMs" | "hash" | "verify">;

function fromCache<T>(file: string, entry: CachedFile): CheckedFile<T> {
  const checked: CheckedFile<T> = { file, hash: entry.hash, diagnostics: entry.diagnostics };
  if (entry.value !== undefined) checked.value = entry.value as T;
  if (entry.document) checked.document = restoreDocument(entry.document);
  if (entry.memo !== undefined) checked.memo = entry.memo;
  return checked;
}

/** An outcome a helper sent, as `readJob` would have given it here; undefined when its check threw. */
function received<T>(sent: SentOutcome): JobOutcome<T> | undefined {
  if ("failed" in sent) return undefined;
  if ("unread" in sent) return sent;
  if (!sent.result) return { file: sent.file, hash: sent.hash, readAt: sent.readAt };
  const { document, diagnostics, memo } = sent.result;
  const value = receivedValue(sent.result) as T | undefined;
  const result: CheckedResult<T> = { diagnostics };
  if (document) result.stored = document;
  if (value !== undefined) result.value = value;
  if (memo !== undefined) result.memo = memo;
  return { file: sent.file, hash: sent.hash, readAt: sent.readAt, result };
}

/** A file the cache answers by size and time (`hit`), or a job to read, with its size and time before. */
type Planned = { hit: CachedFile; shown: string } | { job: number; before: Stats | undefined };

/**
 * Reads, parses and validates every markdown file under `dir`, as `readSources` then `parseDocument` and
 * `checkDocument` would, but through `cache` when given: a file whose size and modification time are those
 * the cache has is not read at all; one whose bytes hash to what the cache has is not parsed again. What
 * changed is kept in the cache (the caller saves it). With `sharing`, and enough files to read, a helper
 * thread reads a share of them (shared-reading.ts). The results are the same with or without the cache,
 * and with or without the helper.
 */
export async function readCheckedFiles<T>(
  dir: string,
  root: string,
  checkDocument: CheckDocument<T>,
  cache?: ContentCache,
  onLoaded?: (done: number, total: number) => void,
  knownStats?: ReadonlyMap<string, Stats>,
  sharing?: ReadSharing,
): Promise<CheckedFiles<T>> {
  const listed = await listSourceFiles(dir, { root });
  const total = listed.files.length;
  let done = 0;
  const progress = () => {
    done++;
    if (onLoaded && (done % 250 === 1 || done === total)) onLoaded(done, total);
  };
  const jobs: ReadJob[] = [];
  // Files that will be parsed, as far as size tells: only they are worth a helper (a file only touched,
  // whose bytes are probably the cache's, is read and hashed, which costs little).
  let toParse = 0;
  const plan: Planned[] = listed.files.map((candidate) => {
    const looked = lookAt(candidate, cache, knownStats);
    if ("hit" in looked) {
      progress();
      return looked;
    }
    if (looked.parse) toParse++;
    jobs.push(looked.job);
    return { job: jobs.length - 1, before: looked.before };
  });

  const outcomes: (JobOutcome<T> | undefined)[] = new Array(jobs.length);
  const reading = { jobs, outcomes, checkDocument, progress };
  const helped =
    sharing && "peer" in sharing
      ? await readAsPeer(sharing.peer, reading)
      : await readAsLead(sharing, toParse, reading);
  // What the helper took but never sent (it failed): read here, as it would have been without it.
  for (const [index, job] of jobs.entries()) {
    if (outcomes[index] !== undefined) continue;
    outcomes[index] = readJob(job, checkDocument);
    progress();
  }

  // In the files' order, whoever read them, so the cache and the results never depend on the split.
  const files: CheckedFile<T>[] = [];
  const diagnostics = listed.diagnostics;
  for (const [i, planned] of plan.entries()) {
    const candidate = listed.files[i];
    if (!candidate) continue;
    let result: CheckedFile<T> | { unread: Diagnostic[] };
    if ("hit" in planned) {
      cache?.keep(planned.shown, planned.hit, "hits");
      result = fromCache(displayPath(planned.shown), planned.hit);
    } else {
      const outcome = outcomes[planned.job] as JobOutcome<T>;
      result = finish(candidate.shown, outcome, planned.before, cache);
    }
    if ("file" in result) files.push(result);
    else diagnostics.push(...result.unread);
  }
  return { files, diagnostics, helped };
}

/**
 * What the cache says of a file before it is read: unchanged (`hit`), or a job to read, with its size and
 * time (`before`) and whether it will probably be parsed (`parse`: new, or of another size).
 */
function lookAt(
  candidate: Candidate,
  cache: ContentCache | undefined,
  knownStats: ReadonlyMap<string, Stats> | undefined,
): { hit: CachedFile; shown: string } | { job: ReadJob; before: Stats | undefined; parse: boolean } {
  const key = candidate.shown;
  const cached = cache?.lookup(key);
  // Named unchanged by the folder watcher: not even looked at. (A link's target may change unseen.)
  if (cache && cached && !cached.verify && candidate.target === key && cache.knownUnchanged(key))
    return { hit: cached, shown: key };
  // One synchronous stat a file: for 20,000 files several times faster than as many promises.
  const before = cache
    ? (knownStats?.get(path.resolve(candidate.target)) ?? statOf(candidate.target))
    : undefined;
  const usable = before?.isFile() === true && before.size <= MAX_FILE_BYTES;
  if (cache && cached && usable && !cached.verify) {
    if (before.size === cached.size && before.mtimeMs === cached.mtimeMs && before.ctimeMs === cached.ctimeMs)
      return { hit: cached, shown: key };
  }
  return {
    job: { candidate, ...(cached ? { cachedHash: cached.hash } : {}) },
    before: usable ? before : undefined,
    parse: !cached || !usable || before.size !== cached.size,
  };
}

/** One file read (or found in the cache), parsed and validated, as `readCheckedFiles` does each. */
export function checkFile<T>(
  candidate: Candidate,
  checkDocument: CheckDocument<T>,
  cache: ContentCache | undefined,
  knownStats?: ReadonlyMap<string, Stats>,
): CheckedFile<T> | { unread: Diagnostic[] } {
  const looked = lookAt(candidate, cache, knownStats);
  if ("hit" in looked) {
    cache?.keep(looked.shown, looked.hit, "hits");
    return fromCache(displayPath(looked.shown), looked.hit);
  }
  return finish(candidate.shown, readJob(looked.job, checkDocument), looked.before, cache);
}

/** A job's outcome as a checked file, kept in the cache when there is one. */
function finish<T>(
  key: string,
  outcome: JobOutcome<T>,
  before: Stats | undefined,
  cache: ContentCache | undefined,
): CheckedFile<T> | { unread: Diagnostic[] } {
  if ("unread" in outcome) return outcome;
  const { file, hash, readAt } = outcome;
  const identity: Identity = {
    size: before ? before.size : 0,
    mtimeMs: before ? before.mtimeMs : 0,
    ctimeMs: before ? before.ctimeMs : 0,
    hash,
    verify: before ? ContentCache.isRacy(before.mtimeMs, readAt) : true,
  };
  const cached = cache?.lookup(key);
  if (cache && cached && cached.hash === hash) {
    const entry = { ...cached, ...identity };
    // A file read only because it had just been modified last time is not worth rewriting the cache for.
    const moved =
      cached.size !== identity.size ||
      cached.mtimeMs !== identity.mtimeMs ||
      cached.ctimeMs !== identity.ctimeMs;
    cache.keep(key, entry, "hashHits", moved);
    return fromCache(file, entry);
  }
  const result: CheckedResult<T> = outcome.result ?? { diagnostics: [] };
  if (!cache) {
    const document = result.document ?? (result.stored ? restoreDocument(result.stored) : undefined);
    const checked: CheckedFile<T> = { file, hash, diagnostics: result.diagnostics };
    if (document) checked.document = document;
    if (result.value !== undefined) checked.value = result.value;
    if (result.memo !== undefined) checked.memo = result.memo;
    return checked;
  }
  // Through the cache entry, whose texts are read from the cache file once it is written (not kept).
  const entry = toCache(result, outcome.raw ?? "", identity);
  cache.keep(key, entry, "misses");
  return fromCache(file, entry);
}

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
