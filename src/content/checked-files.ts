import { createHash } from "node:crypto";
import { type Stats, statSync } from "node:fs";
import path from "node:path";
import { mapLimit } from "../core/limit.ts";
import type { Diagnostic } from "../core/types.ts";
import { type CachedFile, ContentCache } from "./cache.ts";
import { type ParsedDocument, parseDocument, restoreDocument, storeDocument } from "./frontmatter.ts";
import { MAX_FILE_BYTES } from "./limits.ts";
import { type Candidate, displayPath, listSourceFiles, READ_CONCURRENCY, readSourceFile } from "./load.ts";

/** One content file, read (or found in the cache), parsed and validated. */
export interface CheckedFile<T> {
  file: string;
  /** SHA-1 of the file's bytes. */
  hash: string;
  document?: ParsedDocument;
  value?: T;
  /** What parsing and validating found, in order. */
  diagnostics: Diagnostic[];
}

/** Parses and validates one document: a value, or diagnostics saying why not. */
export type CheckDocument<T> = (document: ParsedDocument) => { value?: T; diagnostics: Diagnostic[] };

export interface CheckedFiles<T> {
  /** The files read, in the order of `readSources`. */
  files: CheckedFile<T>[];
  /** Files that could not be read, as `readSources` reports them. */
  diagnostics: Diagnostic[];
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

function check<T>(file: string, raw: string, checkDocument: CheckDocument<T>) {
  const parsed = parseDocument(file, raw);
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const checked = checkDocument(parsed.document);
  return {
    document: parsed.document,
    ...(checked.value !== undefined ? { value: checked.value } : {}),
    diagnostics: [...parsed.diagnostics, ...checked.diagnostics],
  };
}

function toCache<T>(
  result: { document?: ParsedDocument; value?: T; diagnostics: Diagnostic[] },
  raw: string,
  identity: Pick<CachedFile, "size" | "mtimeMs" | "hash" | "verify">,
): CachedFile {
  const entry: CachedFile = { ...identity, diagnostics: result.diagnostics };
  if (result.document) {
    entry.document = storeDocument(result.document, raw);
  }
  if (result.value !== undefined) entry.value = result.value;
  return entry;
}

function fromCache<T>(file: string, entry: CachedFile): CheckedFile<T> {
  const checked: CheckedFile<T> = { file, hash: entry.hash, diagnostics: entry.diagnostics };
  if (entry.value !== undefined) checked.value = entry.value as T;
  if (entry.document) checked.document = restoreDocument(entry.document);
  return checked;
}

/**
 * Reads, parses and validates every markdown file under `dir`, as `readSources` then `parseDocument` and
 * `checkDocument` would, but through `cache` when given: a file whose size and modification time are those
 * the cache has is not read at all; one whose bytes hash to what the cache has is not parsed again. What
 * changed is kept in the cache (the caller saves it). The results are the same with or without the cache.
 */
export async function readCheckedFiles<T>(
  dir: string,
  root: string,
  checkDocument: CheckDocument<T>,
  cache?: ContentCache,
  onLoaded?: (done: number, total: number) => void,
  knownStats?: ReadonlyMap<string, Stats>,
): Promise<CheckedFiles<T>> {
  const listed = await listSourceFiles(dir, { root });
  const total = listed.files.length;
  let done = 0;
  const one = async (candidate: Candidate) => {
    const result = checkFile(candidate, checkDocument, cache, knownStats);
    done++;
    if (onLoaded && (done % 250 === 1 || done === total)) onLoaded(done, total);
    // Reading is synchronous: let timers (the progress display) and signals through now and then.
    if (done % 250 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    return result;
  };
  const results = await mapLimit(listed.files, READ_CONCURRENCY, one);
  const files: CheckedFile<T>[] = [];
  const diagnostics = listed.diagnostics;
  for (const result of results) {
    if ("file" in result) files.push(result);
    else diagnostics.push(...result.unread);
  }
  return { files, diagnostics };
}

/** One file read (or found in the cache), parsed and validated, as `readCheckedFiles` does each. */
export function checkFile<T>(
  candidate: Candidate,
  checkDocument: CheckDocument<T>,
  cache: ContentCache | undefined,
  knownStats?: ReadonlyMap<string, Stats>,
): CheckedFile<T> | { unread: Diagnostic[] } {
  const key = candidate.shown;
  const cached = cache?.lookup(key);
  // Named unchanged by the folder watcher: not even looked at. (A link's target may change unseen.)
  if (cache && cached && !cached.verify && candidate.target === key && cache.knownUnchanged(key)) {
    cache.keep(key, cached, "hits");
    return fromCache(displayPath(candidate.shown), cached);
  }
  // One synchronous stat a file: for 20,000 files several times faster than as many promises.
  const before = cache
    ? (knownStats?.get(path.resolve(candidate.target)) ?? statOf(candidate.target))
    : undefined;
  const usable = before?.isFile() === true && before.size <= MAX_FILE_BYTES;
  if (cache && cached && usable && !cached.verify) {
    if (before.size === cached.size && before.mtimeMs === cached.mtimeMs) {
      cache.keep(key, cached, "hits");
      return fromCache(displayPath(candidate.shown), cached);
    }
  }
  const readAt = Date.now();
  const read = readSourceFile(candidate);
  if (!read.source) return { unread: read.diagnostics };
  const { file, raw } = read.source;
  const hash = sha1(raw);
  const identity = {
    size: usable ? before.size : 0,
    mtimeMs: usable ? before.mtimeMs : 0,
    hash,
    verify: usable ? ContentCache.isRacy(before.mtimeMs, readAt) : true,
  };
  if (cache && cached && cached.hash === hash) {
    const entry = { ...cached, ...identity };
    // A file read only because it had just been modified last time is not worth rewriting the cache for.
    const moved = cached.size !== identity.size || cached.mtimeMs !== identity.mtimeMs;
    cache.keep(key, entry, "hashHits", moved);
    return fromCache(file, entry);
  }
  const result = check(file, raw, checkDocument);
  if (!cache) return { file, hash, ...result };
  // Through the cache entry, whose texts are read from the cache file once it is written (not kept).
  const entry = toCache(result, raw, identity);
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
