import { createHash } from "node:crypto";
import type { Diagnostic } from "../core/types.ts";
import type { Memo } from "./cache.ts";
import { type ParsedDocument, parseDocument, type StoredDocument } from "./frontmatter.ts";
import { type Candidate, readSourceFile } from "./load.ts";

/**
 * Parses and validates one document: a value, or diagnostics saying why not; and, for `npm run check`, the
 * warnings of its per-file rules found on the way (`memo`, by rule id), so no second pass reads the body.
 */
export type CheckDocument<T> = (document: ParsedDocument) => {
  value?: T;
  diagnostics: Diagnostic[];
  memo?: Memo;
};

/**
 * One content file to read, parse and validate: plain data, so that either thread can take it. Made by
 * `readCheckedFiles` for every file the content cache cannot answer by size and time.
 */
export interface ReadJob {
  candidate: Candidate;
  /** The cache's hash of the file's bytes when it was last read: the same bytes are not parsed again. */
  cachedHash?: string;
}

/** A file parsed and checked: the document, the value when it is valid, and every problem found. */
export interface CheckedResult<T> {
  document?: ParsedDocument;
  /** The document as another thread sent it (in place of `document`). */
  stored?: StoredDocument;
  value?: T;
  diagnostics: Diagnostic[];
  memo?: Memo;
}

/**
 * What reading one job gave: the file could not be read (`unread`, with why); or its bytes, hashed, and
 * unless they are the ones the cache has, what parsing and checking them found (`result`, with `raw`, the
 * text it was made from, for the cache).
 */
export type JobOutcome<T> =
  | { unread: Diagnostic[] }
  | { file: string; hash: string; readAt: number; raw?: string; result?: CheckedResult<T> };

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** Parses and checks one file's text. */
export function checkText<T>(file: string, raw: string, checkDocument: CheckDocument<T>): CheckedResult<T> {
  const parsed = parseDocument(file, raw);
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const checked = checkDocument(parsed.document);
  return {
    document: parsed.document,
    ...(checked.value !== undefined ? { value: checked.value } : {}),
    diagnostics: [...parsed.diagnostics, ...checked.diagnostics],
    ...(checked.memo !== undefined ? { memo: checked.memo } : {}),
  };
}

/** Reads one job's file and, unless its bytes are the cache's, parses and checks it. Never throws on content. */
export function readJob<T>(job: ReadJob, checkDocument: CheckDocument<T>): JobOutcome<T> {
  const readAt = Date.now();
  const read = readSourceFile(job.candidate);
  if (!read.source) return { unread: read.diagnostics };
  const { file, raw } = read.source;
  const hash = sha1(raw);
  if (hash === job.cachedHash) return { file, hash, readAt };
  return { file, hash, readAt, raw, result: checkText(file, raw, checkDocument) };
}
