import { createHash } from "node:crypto";

/**
 * The build manifest on disk: compact, so that a large archive's (hundreds of thousands of files) is read,
 * compared and written in milliseconds rather than seconds. Every file is named once, in one sorted list,
 * and each file's hashes are stored as 20 bytes beside it instead of 40 hex digits under a key:
 *
 *     dateline-manifest 2\n          what the file is, and which version of the format
 *     u32 LE length, header JSON     the fingerprint, the search index, the number of files, block lengths
 *     paths                          every file named by the manifest, sorted, UTF-8, NUL-separated
 *     kinds                          one byte a file: how its page hash, output hash and source are stored
 *     page hashes                    20 bytes each, for the files whose page hash is a SHA-1
 *     output hashes                  20 bytes each, likewise
 *     sources                        the content file of each article page, NUL-separated, in file order
 *     texts                          JSON: any hash that is not a SHA-1 in lowercase hex ("" = unknown)
 *     SHA-1 of all the above         so that a damaged or cut-off file is never taken for a build's record
 *
 * The same manifest always gives the same bytes. Decoding checks everything and returns undefined for a
 * file that is not a whole, undamaged manifest: the caller treats it as no previous build.
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
  pages: Map<string, string>;
  /** Output file → SHA-1 of its bytes as written ("" when unknown), to recognise unchanged files unread. */
  outputs: Map<string, string>;
  /** The search index this output holds: the code that built it, and a hash of each shard's records. */
  search?: SearchManifest;
  /**
   * Article page (output file) → the content file it was built from, so that `check` can name the article
   * whose URL went away. Absent in manifests written before it was recorded.
   */
  sources?: Map<string, string>;
}

const MAGIC = Buffer.from("dateline-manifest 2\n");
const SHA1_BYTES = 20;
const CHECKSUM_BYTES = 20;

/** How a hash is stored: absent, as 20 bytes, or as text (kept in the texts block). */
const NONE = 0;
const BINARY = 1;
const TEXT = 2;
const HAS_SOURCE = 1 << 4;

interface Header {
  fingerprint: string;
  files: number;
  /** Byte lengths of the paths, sources and texts blocks. */
  bytes: [number, number, number];
  search?: SearchManifest;
  /** Whether sources were recorded (a manifest may record none: the dev server's). */
  sources: boolean;
}

/**
 * Stores `hash` as 20 bytes at `at` in `into` if it is 40 lowercase hex digits (those decode to the same
 * text); returns whether it did.
 */
function writeSha1(hash: string, into: Buffer, at: number): boolean {
  if (hash.length !== 2 * SHA1_BYTES || into.write(hash, at, "hex") !== SHA1_BYTES) return false;
  for (let i = 0; i < hash.length; i++) {
    const c = hash.charCodeAt(i);
    if (c >= 65 && c <= 70) return false; // A-F: would decode to a-f
  }
  return true;
}

function joined(list: readonly string[], what: string): Buffer {
  // File names cannot hold NUL; a name that does is a bug, never silently a different manifest.
  if (list.some((s) => s.includes("\0")))
    throw new Error(`a ${what} in the manifest contains a NUL character`);
  return Buffer.from(list.join("\0"), "utf8");
}

/** Every file the manifest names, sorted (by UTF-16 code units, as `<` compares). */
function fileList(manifest: Manifest): string[] {
  const files = new Set(manifest.outputs.keys());
  for (const file of manifest.pages.keys()) files.add(file);
  for (const file of manifest.sources?.keys() ?? []) files.add(file);
  return [...files].sort();
}

export function encodeManifest(manifest: Manifest): Buffer {
  const files = fileList(manifest);
  const n = files.length;
  const kinds = Buffer.alloc(n);
  const pageHashes = Buffer.alloc(n * SHA1_BYTES);
  const outputHashes = Buffer.alloc(n * SHA1_BYTES);
  const sources: string[] = [];
  const texts: string[] = [];
  let p = 0;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const file = files[i] as string;
    let kind = 0;
    const page = manifest.pages.get(file);
    if (page !== undefined) {
      if (writeSha1(page, pageHashes, p)) {
        p += SHA1_BYTES;
        kind |= BINARY;
      } else {
        texts.push(page);
        kind |= TEXT;
      }
    }
    const output = manifest.outputs.get(file);
    if (output !== undefined) {
      if (writeSha1(output, outputHashes, o)) {
        o += SHA1_BYTES;
        kind |= BINARY << 2;
      } else {
        texts.push(output);
        kind |= TEXT << 2;
      }
    }
    const source = manifest.sources?.get(file);
    if (source !== undefined) {
      sources.push(source);
      kind |= HAS_SOURCE;
    }
    kinds[i] = kind;
  }
  const paths = joined(files, "file name");
  const sourceBlock = joined(sources, "source file name");
  const textBlock = Buffer.from(texts.length > 0 ? JSON.stringify(texts) : "", "utf8");
  const header: Header = {
    fingerprint: manifest.fingerprint,
    files: n,
    bytes: [paths.length, sourceBlock.length, textBlock.length],
    ...(manifest.search ? { search: manifest.search } : {}),
    sources: manifest.sources !== undefined,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const parts = [
    MAGIC,
    length,
    headerBytes,
    paths,
    kinds,
    pageHashes.subarray(0, p),
    outputHashes.subarray(0, o),
    sourceBlock,
    textBlock,
  ];
  const checksum = createHash("sha1");
  for (const part of parts) checksum.update(part);
  return Buffer.concat([...parts, checksum.digest()]);
}

/** Whether `bytes` begin as a manifest in this format does (whole or not). */
export function isCompactManifest(bytes: Buffer): boolean {
  return bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

/** The `count` NUL-separated strings of `bytes` from `start` to `end` (none when `count` is 0). */
function splitList(bytes: Buffer, start: number, end: number, count: number): string[] {
  return count === 0 && end === start ? [] : bytes.toString("utf8", start, end).split("\0");
}

function validHeader(value: unknown): value is Header {
  if (typeof value !== "object" || value === null) return false;
  const h = value as Partial<Header>;
  return (
    typeof h.fingerprint === "string" &&
    Number.isSafeInteger(h.files) &&
    (h.files as number) >= 0 &&
    Array.isArray(h.bytes) &&
    h.bytes.length === 3 &&
    h.bytes.every((b) => Number.isSafeInteger(b) && b >= 0) &&
    typeof h.sources === "boolean" &&
    (h.search === undefined ||
      (typeof h.search === "object" &&
        h.search !== null &&
        typeof h.search.fingerprint === "string" &&
        typeof h.search.shards === "object" &&
        h.search.shards !== null))
  );
}

/** The manifest in `bytes`, or undefined when they are not a whole, undamaged manifest in this format. */
export function decodeManifest(bytes: Buffer): Manifest | undefined {
  if (!isCompactManifest(bytes) || bytes.length < MAGIC.length + 4 + CHECKSUM_BYTES) return undefined;
  const body = bytes.length - CHECKSUM_BYTES;
  const checksum = createHash("sha1").update(bytes.subarray(0, body)).digest();
  if (!checksum.equals(bytes.subarray(body))) return undefined;
  try {
    const headerLength = bytes.readUInt32LE(MAGIC.length);
    let at = MAGIC.length + 4;
    const header: unknown = JSON.parse(bytes.toString("utf8", at, at + headerLength));
    if (!validHeader(header)) return undefined;
    at += headerLength;
    const n = header.files;
    const [pathBytes, sourceBytes, textBytes] = header.bytes;
    const files = splitList(bytes, at, at + pathBytes, n);
    at += pathBytes;
    if (files.length !== n) return undefined;
    const kinds = bytes.subarray(at, at + n);
    at += n;
    let pageCount = 0;
    let outputCount = 0;
    let sourceCount = 0;
    for (const kind of kinds) {
      if ((kind & 3) === BINARY) pageCount++;
      if (((kind >> 2) & 3) === BINARY) outputCount++;
      if (kind & HAS_SOURCE) sourceCount++;
    }
    let p = at;
    let o = p + pageCount * SHA1_BYTES;
    at = o + outputCount * SHA1_BYTES;
    const sources = splitList(bytes, at, at + sourceBytes, sourceCount);
    at += sourceBytes;
    const texts: unknown = textBytes === 0 ? [] : JSON.parse(bytes.toString("utf8", at, at + textBytes));
    at += textBytes;
    if (at !== body || sources.length !== sourceCount || !Array.isArray(texts)) return undefined;
    const pages = new Map<string, string>();
    const outputs = new Map<string, string>();
    const sourceMap = new Map<string, string>();
    let s = 0;
    let t = 0;
    const text = () => {
      const value: unknown = texts[t++];
      return typeof value === "string" ? value : undefined;
    };
    for (let i = 0; i < n; i++) {
      const file = files[i] as string;
      const kind = kinds[i] as number;
      const page = kind & 3;
      if (page === BINARY) {
        pages.set(file, bytes.toString("hex", p, p + SHA1_BYTES));
        p += SHA1_BYTES;
      } else if (page === TEXT) {
        const value = text();
        if (value === undefined) return undefined;
        pages.set(file, value);
      } else if (page !== NONE) return undefined;
      const output = (kind >> 2) & 3;
      if (output === BINARY) {
        outputs.set(file, bytes.toString("hex", o, o + SHA1_BYTES));
        o += SHA1_BYTES;
      } else if (output === TEXT) {
        const value = text();
        if (value === undefined) return undefined;
        outputs.set(file, value);
      } else if (output !== NONE) return undefined;
      if (kind & HAS_SOURCE) sourceMap.set(file, sources[s++] as string);
      if (kind >> 5 !== 0) return undefined;
    }
    if (t !== texts.length) return undefined;
    return {
      fingerprint: header.fingerprint,
      pages,
      outputs,
      ...(header.search ? { search: header.search } : {}),
      ...(header.sources ? { sources: sourceMap } : {}),
    };
  } catch {
    return undefined;
  }
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
