import { createHash, type Hash } from "node:crypto";
import {
  BINARY,
  type FileTable,
  HAS_SOURCE,
  SHA1_BYTES,
  StoredHashes,
  StoredManifestIndex,
  StoredSources,
  TEXT,
} from "./manifest-stored.ts";

export type { FileTable };

/**
 * The build manifest on disk: compact, and written and read without building large objects, so that a
 * large archive's (a quarter of a million files) costs milliseconds rather than the seconds of garbage
 * collection that a JSON manifest costs in a build holding gigabytes. Every file is one record, in sorted
 * order, with its hashes as 20 bytes instead of 40 hex digits under a key:
 *
 *     dateline-manifest 2\n          what the file is, and which version of the format
 *     a record per file, sorted:     the file's path in UTF-8, NUL; one byte saying what follows;
 *                                    its page hash (20 bytes) if a SHA-1; its output hash (20 bytes) if a
 *                                    SHA-1; its content file in UTF-8, NUL, if it is an article page
 *     header JSON                    the fingerprint, the search index, the number of files, and any hash
 *                                    that is not a SHA-1 in lowercase hex ("" = unknown), in file order
 *     u32 LE                         the header's length in bytes
 *     SHA-1 of all the above         so that a damaged or cut-off file is never taken for a build's record,
 *                                    and two manifests are compared by it alone
 *
 * The same manifest always gives the same bytes. Decoding checks everything and returns undefined for a
 * file that is not a whole, undamaged manifest: the caller treats it as no previous build. A decoded
 * manifest keeps its bytes and turns a hash into hex only when asked (manifest-stored.ts).
 */

/** What the search index was built from (see search-plan.ts). */
export interface SearchManifest {
  /** The code and settings that shape every record (not the templates: they do not reach the index). */
  fingerprint: string;
  /** Shard key → hash of its records' inputs, in order. */
  shards: Record<string, string>;
}

export interface Manifest {
  fingerprint: string;
  /** Output file (relative to the output folder) → hash of what it shows. */
  pages: FileTable;
  /** Output file → SHA-1 of its bytes as written ("" when unknown), to recognise unchanged files unread. */
  outputs: FileTable;
  /** The search index this output holds: the code that built it, and a hash of each shard's records. */
  search?: SearchManifest;
  /**
   * Article page (output file) → the content file it was built from, so that `check` can name the article
   * whose URL went away. Absent in manifests written before it was recorded.
   */
  sources?: FileTable;
}

const MAGIC = Buffer.from("dateline-manifest 2\n");
const TRAILER_BYTES = 4 + SHA1_BYTES;

interface Header {
  fingerprint: string;
  files: number;
  search?: SearchManifest;
  /** Whether sources were recorded (a manifest may record none: the dev server's). */
  sources: boolean;
  /** The hashes stored as text, in the order of the records. */
  texts: string[];
}

/** Each character's value as a hex digit, -1 for any other: lowercase only, so a stored hash decodes as it was. */
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) HEX_DIGIT["0123456789abcdef".charCodeAt(d)] = d;

/**
 * Stores `hash` as 20 bytes at `at` in `into` if it is 40 lowercase hex digits (those decode to the same
 * text); returns whether it did. Plain code rather than `Buffer.write`: it checks as it goes, and runs
 * several times faster for a quarter of a million hashes.
 */
function writeSha1(hash: string, into: Buffer, at: number): boolean {
  if (hash.length !== 2 * SHA1_BYTES) return false;
  for (let i = 0; i < SHA1_BYTES; i++) {
    const high = hash.charCodeAt(2 * i);
    const low = hash.charCodeAt(2 * i + 1);
    const h = high < 128 ? (HEX_DIGIT[high] as number) : -1;
    const l = low < 128 ? (HEX_DIGIT[low] as number) : -1;
    if ((h | l) < 0) return false;
    into[at + i] = (h << 4) | l;
  }
  return true;
}

/** Every file the manifest names, sorted (by UTF-16 code units, as `<` compares). */
function fileList(manifest: Manifest): string[] {
  const files = [...manifest.outputs.keys()];
  for (const file of manifest.pages.keys()) if (!manifest.outputs.has(file)) files.push(file);
  for (const file of manifest.sources?.keys() ?? [])
    if (!manifest.outputs.has(file) && !manifest.pages.has(file)) files.push(file);
  return files.sort();
}

/** Bytes of the chunks an encoded manifest is handed out in: one buffer, filled again for each. */
const CHUNK_BYTES = 1 << 20;

/** The most bytes a record can take: each UTF-16 unit is at most 3 bytes in UTF-8. */
function recordBound(file: string, source: string | undefined): number {
  return 3 * (file.length + (source?.length ?? 0)) + 3 + 2 * SHA1_BYTES;
}

function checkName(value: string, what: string): void {
  // File names cannot hold NUL; a name that does is a bug, never silently a different manifest.
  if (value.includes("\0")) throw new Error(`a ${what} in the manifest contains a NUL character`);
}

/** Writes one file's record into `into` at `at` (there is room); returns where it ends. */
function writeRecord(
  into: Buffer,
  at: number,
  file: string,
  source: string | undefined,
  manifest: Manifest,
  texts: string[],
): number {
  checkName(file, "file name");
  let end = at + into.write(file, at, "utf8");
  into[end++] = 0;
  const kindAt = end++;
  let kind = source === undefined ? 0 : HAS_SOURCE;
  const page = manifest.pages.get(file);
  if (page !== undefined) {
    if (writeSha1(page, into, end)) {
      end += SHA1_BYTES;
      kind |= BINARY;
    } else {
      texts.push(page);
      kind |= TEXT;
    }
  }
  const output = manifest.outputs.get(file);
  if (output !== undefined) {
    if (writeSha1(output, into, end)) {
      end += SHA1_BYTES;
      kind |= BINARY << 2;
    } else {
      texts.push(output);
      kind |= TEXT << 2;
    }
  }
  into[kindAt] = kind;
  if (source !== undefined) {
    checkName(source, "source file name");
    end += into.write(source, end, "utf8");
    into[end++] = 0;
  }
  return end;
}

/**
 * The manifest's bytes, in chunks of one reused buffer: each chunk must be used (written, copied) before
 * the next is asked for, as `writeFile` does with an iterable. `done` receives the checksum at the end.
 */
export function* encodeManifestChunks(
  manifest: Manifest,
  done: (checksum: Buffer) => void = () => undefined,
): Generator<Buffer> {
  const files = fileList(manifest);
  const checksum = createHash("sha1");
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const texts: string[] = [];
  let at = MAGIC.copy(chunk, 0);
  for (const file of files) {
    const source = manifest.sources?.get(file);
    const bound = recordBound(file, source);
    if (at + bound > CHUNK_BYTES) {
      const full = chunk.subarray(0, at);
      checksum.update(full);
      yield full;
      at = 0;
    }
    if (bound > CHUNK_BYTES) {
      // A name longer than a chunk (never in practice): a buffer of its own.
      const own = Buffer.allocUnsafe(bound);
      const record = own.subarray(0, writeRecord(own, 0, file, source, manifest, texts));
      checksum.update(record);
      yield record;
    } else at = writeRecord(chunk, at, file, source, manifest, texts);
  }
  const header: Header = {
    fingerprint: manifest.fingerprint,
    files: files.length,
    ...(manifest.search ? { search: manifest.search } : {}),
    sources: manifest.sources !== undefined,
    texts,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const tail = Buffer.concat([chunk.subarray(0, at), headerBytes, length]);
  const sum = checksum.update(tail).digest();
  done(sum);
  yield Buffer.concat([tail, sum]);
}

/** The whole manifest as one buffer (for tests and small manifests; publishing streams the chunks). */
export function encodeManifest(manifest: Manifest): Buffer {
  const copies: Buffer[] = [];
  for (const chunk of encodeManifestChunks(manifest)) copies.push(Buffer.from(chunk));
  return Buffer.concat(copies);
}

/** Whether `bytes` begin as a manifest in this format does (whole or not). */
export function isCompactManifest(bytes: Buffer): boolean {
  return bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

function validHeader(value: unknown): value is Header {
  if (typeof value !== "object" || value === null) return false;
  const h = value as Partial<Header>;
  return (
    typeof h.fingerprint === "string" &&
    Number.isSafeInteger(h.files) &&
    (h.files as number) >= 0 &&
    typeof h.sources === "boolean" &&
    Array.isArray(h.texts) &&
    h.texts.every((t) => typeof t === "string") &&
    (h.search === undefined ||
      (typeof h.search === "object" &&
        h.search !== null &&
        typeof h.search.fingerprint === "string" &&
        typeof h.search.shards === "object" &&
        h.search.shards !== null))
  );
}

/** The manifest in `bytes`, or undefined when they are not a whole, undamaged manifest in this format. */
export function decodeManifest(bytes: Buffer, hash: Hash = createHash("sha1")): Manifest | undefined {
  if (!isCompactManifest(bytes) || bytes.length < MAGIC.length + TRAILER_BYTES) return undefined;
  const body = bytes.length - SHA1_BYTES;
  if (!hash.update(bytes.subarray(0, body)).digest().equals(bytes.subarray(body))) return undefined;
  const headerLength = bytes.readUInt32LE(body - 4);
  const recordsEnd = body - 4 - headerLength;
  if (recordsEnd < MAGIC.length) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString("utf8", recordsEnd, body - 4));
  } catch {
    return undefined;
  }
  // Each record takes at least two bytes (a NUL and its kind): a count beyond that is not this file's.
  if (!validHeader(header) || header.files > (recordsEnd - MAGIC.length) / 2) return undefined;
  const index = StoredManifestIndex.read(bytes, MAGIC.length, recordsEnd, header.files, header.texts.length);
  if (!index) return undefined;
  return {
    fingerprint: header.fingerprint,
    pages: new StoredHashes(index, bytes, header.texts, 0),
    outputs: new StoredHashes(index, bytes, header.texts, 2),
    ...(header.search ? { search: header.search } : {}),
    ...(header.sources ? { sources: new StoredSources(index, bytes) } : {}),
  };
}

/** A manifest in the JSON of Dateline before the compact format (`.dateline-manifest.json`), or undefined. */
export function parseLegacyManifest(text: string): Manifest | undefined {
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== "object" || json === null) return undefined;
    const old = json as { version?: unknown; fingerprint?: unknown; pages?: unknown; outputs?: unknown };
    if (old.version !== 1 || typeof old.fingerprint !== "string") return undefined;
    const map = (value: unknown) =>
      new Map(
        Object.entries(typeof value === "object" && value !== null ? value : {}).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string",
        ),
      );
    const { search, sources } = json as { search?: SearchManifest; sources?: unknown };
    return {
      fingerprint: old.fingerprint,
      pages: map(old.pages),
      outputs: map(old.outputs),
      ...(search && typeof search === "object" ? { search } : {}),
      ...(sources && typeof sources === "object" ? { sources: map(sources) } : {}),
    };
  } catch {
    return undefined;
  }
}
