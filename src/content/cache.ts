import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import { PROJECT_ROOT, SRC_DIR } from "../core/paths.ts";
import type { Diagnostic } from "../core/types.ts";
import type { StoredDocument } from "./frontmatter.ts";

/** The layout of a cache file; a file of another layout is ignored. */
const CACHE_FORMAT = 2;

/**
 * A file modified less than this long before it was read may be modified again within the same timestamp
 * tick (coarse clocks, file systems with 1 or 2 s times), unseen by size and time: its content is compared
 * on the next run.
 */
const RACY_MS = 3000;

/** One content file's result from the content stage, kept between runs. */
export interface CachedFile {
  /** The file's size and modification time when it was read: equal ones mean it is unchanged. */
  size: number;
  mtimeMs: number;
  /** SHA-1 of the file's bytes (an article's `sourceHash`). */
  hash: string;
  /** Modified just before it was read: compare the content next time, not only size and time. */
  verify: boolean;
  /** The parsed document; absent when the file could not be parsed. */
  document?: StoredDocument;
  /** The validated value (an article's `ArticleInput`, a registry file's `RegistryEntry`). */
  value?: unknown;
  /** The problems parsing and validating found, in order. */
  diagnostics: Diagnostic[];
  /**
   * What `check`'s per-file warning rules found in this file, by rule id, with the key of what else they
   * looked at (the registry's spellings of its names): reused while the file and the key are the same.
   */
  memo?: Memo;
}

/** How the files of one run were found. */
export interface CacheStats {
  /** Unchanged by size and time: not read. */
  hits: number;
  /** Read, but the content was the same (a touched file): not parsed. */
  hashHits: number;
  /** Read and parsed. */
  misses: number;
}

/**
 * A cache file: a 4-byte length, then the snapshot (`v8.serialize`), then every file's text (the head
 * before the body, then the body) as UTF-8. Texts are most of the bytes, and UTF-8 bytes are several times
 * faster to read back than V8's own strings (two bytes a character for most scripts).
 */
interface Snapshot {
  format: number;
  version: string;
  files: Map<string, DiskEntry>;
  /** Results of warning rules over the whole content folder (`memo("", …)`). */
  memo?: Memo;
}

type Memo = Record<string, { key: string; value: Diagnostic[] }>;

/** A cached file on disk: the document without its texts, and where they are in the text section. */
interface DiskEntry extends Omit<CachedFile, "document"> {
  document?: Omit<StoredDocument, "head" | "body">;
  /** Byte offsets in the text section: start, start of the body, end. */
  text?: [number, number, number];
  /**
   * The value's `body` (`true`), or its article's (`"article"`: an article's value is `{ article, … }`), is
   * the document's body: kept once, in the text section.
   */
  valueBody?: BodyPlace;
}

/** Where in a cached value the document's body is. */
type BodyPlace = true | "article";

/** The object of `value` whose `body` is at `place`. */
function bodyHolder(value: unknown, place: BodyPlace): object | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (place === true) return value;
  const article = (value as { article?: unknown }).article;
  return typeof article === "object" && article !== null ? article : undefined;
}

/** Where the document's body is in `value`, if it is there. */
function bodyPlaceOf(value: unknown, body: string): BodyPlace | undefined {
  for (const place of [true, "article"] as const)
    if ((bodyHolder(value, place) as { body?: unknown } | undefined)?.body === body) return place;
  return undefined;
}

const HEADER_BYTES = 4;

/** The UTF-8 bytes of an entry read from the cache file, written back as they are if it is kept unchanged. */
interface KeptTexts {
  head: Buffer;
  body: Buffer;
  valueBody: BodyPlace | undefined;
}

const keptTexts = new WeakMap<CachedFile, KeptTexts>();

/** A copy of `object` without `omit`, never reading them (they may be texts not decoded yet). */
function without<T extends object>(object: T, ...omit: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object))
    if (!omit.includes(key)) copy[key] = (object as Record<string, unknown>)[key];
  return copy;
}

/**
 * Defines `object[key]` as text decoded from `bytes` when first read: an unchanged article's body is
 * decoded only if something uses it (a page rendered, a warning rule run), which most runs never do.
 */
function lazyText(object: object, key: string, bytes: Buffer): void {
  let text: string | undefined;
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      text ??= bytes.toString("utf8");
      return text;
    },
    set: (value: string) => Object.defineProperty(object, key, { value, enumerable: true, writable: true }),
  });
}

function toDisk(entry: CachedFile, texts: Buffer[], offset: { bytes: number }): DiskEntry {
  if (!entry.document) return entry as DiskEntry;
  const kept = keptTexts.get(entry);
  const disk = without(entry, "document") as unknown as DiskEntry;
  disk.document = without(entry.document, "head", "body") as DiskEntry["document"];
  let headBytes: Buffer;
  let bodyBytes: Buffer;
  let valueBody: BodyPlace | undefined;
  if (kept) {
    ({ head: headBytes, body: bodyBytes, valueBody } = kept);
  } else {
    headBytes = Buffer.from(entry.document.head);
    bodyBytes = Buffer.from(entry.document.body);
    valueBody = bodyPlaceOf(entry.value, entry.document.body);
  }
  texts.push(headBytes, bodyBytes);
  const start = offset.bytes;
  offset.bytes += headBytes.length + bodyBytes.length;
  disk.text = [start, start + headBytes.length, offset.bytes];
  const holder = valueBody === undefined ? undefined : bodyHolder(entry.value, valueBody);
  if (valueBody === true && holder) {
    disk.value = without(holder, "body");
    disk.valueBody = true;
  } else if (valueBody === "article" && holder) {
    disk.value = { ...without(entry.value as object, "article"), article: without(holder, "body") };
    disk.valueBody = "article";
  }
  return disk;
}

function fromDisk(disk: DiskEntry, texts: Buffer): CachedFile {
  const { text, valueBody, document, ...entry } = disk;
  if (!document || !text) return entry;
  const [start, middle, end] = text;
  if (!(start <= middle && middle <= end && end <= texts.length)) throw new Error("corrupt cache");
  const head = texts.subarray(start, middle);
  const body = texts.subarray(middle, end);
  const stored = document as StoredDocument;
  lazyText(stored, "head", head);
  lazyText(stored, "body", body);
  const place = valueBody === true || valueBody === "article" ? valueBody : undefined;
  const holder = place === undefined ? undefined : bodyHolder(entry.value, place);
  if (holder) lazyText(holder, "body", body);
  const cached: CachedFile = { ...entry, document: stored };
  keptTexts.set(cached, { head, body, valueBody: holder ? place : undefined });
  return cached;
}

const sha1 = (data: string | Buffer) => createHash("sha1").update(data).digest("hex");

async function hashTree(dir: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files)
    hash
      .update(path.relative(dir, file))
      .update("\0")
      .update(await readFile(file));
}

let codeVersion: Promise<string> | undefined;

/**
 * The version of the code that reads and checks content: the sources of `src/core/` and `src/content/`
 * (the content stage imports nothing else) and `src/lint/` (the per-file warnings kept), the lockfile (the
 * parsers' versions) and Node's.
 */
function dependencyVersion(): Promise<string> {
  codeVersion ??= (async () => {
    const hash = createHash("sha1");
    hash.update(`${CACHE_FORMAT}\0${process.versions.node}\0${process.versions.v8}\0`);
    await hashTree(path.join(SRC_DIR, "core"), hash);
    await hashTree(path.join(SRC_DIR, "content"), hash);
    await hashTree(path.join(SRC_DIR, "lint"), hash);
    hash.update(await readFile(path.join(PROJECT_ROOT, "package-lock.json")).catch(() => ""));
    return hash.digest("hex");
  })();
  return codeVersion;
}

function isDiskEntry(value: unknown): value is DiskEntry {
  const entry = value as DiskEntry | null;
  return (
    typeof entry === "object" &&
    entry !== null &&
    typeof entry.size === "number" &&
    typeof entry.mtimeMs === "number" &&
    typeof entry.hash === "string" &&
    Array.isArray(entry.diagnostics)
  );
}

/**
 * The persistent cache of the content stage: each content file's parsed and validated result, keyed by its
 * path and checked by size and modification time (and by content hash when those differ), in one file per
 * content folder. It is versioned by the code, the settings and the working directory (diagnostics name
 * files relative to it); a cache of another version, or one that cannot be read, is ignored and rebuilt.
 * Deleting it only makes the next run slower.
 */
export class ContentCache {
  readonly stats: CacheStats = { hits: 0, hashHits: 0, misses: 0 };
  private readonly next = new Map<string, CachedFile>();
  /** The key of each file kept, by the path diagnostics show. */
  private readonly byFile = new Map<string, string>();
  private changed = false;

  constructor(
    /** The cache file. */
    readonly file: string,
    private readonly version: string,
    private readonly previous: Map<string, CachedFile>,
    /** Results over the whole content folder, kept while their key is the same. */
    private whole: Memo = {},
    /** Whether it holds results the cache file does not have yet. */
    private unsaved = false,
  ) {}

  /**
   * The cache of the next run in this process (`npm run build -- --watch`): this run's results become its
   * previous ones, without reading the cache file again. Results not yet written stay to be written.
   */
  successor(): ContentCache {
    return new ContentCache(this.file, this.version, this.next, this.whole, this.changed || this.unsaved);
  }

  /** The previous run's result for the file at `key` (an absolute path), if any. */
  lookup(key: string): CachedFile | undefined {
    return this.previous.get(key);
  }

  /** Keeps a file's result for the next run; `how` says how it was found, `changed` whether to write it. */
  keep(key: string, entry: CachedFile, how: keyof CacheStats, changed = how !== "hits"): void {
    this.stats[how]++;
    if (changed) this.changed = true;
    this.next.set(key, entry);
    if (entry.document) this.byFile.set(entry.document.file, key);
  }

  /**
   * A per-file result of a warning rule: the one kept for `file` (as diagnostics show it) when `key` is the
   * same as then, else `compute()`, kept for the next run. Results depend only on the file, the settings
   * and the code (all part of the cache's version) and on `key`. With `file` "", a result over the whole
   * content folder, whose `key` must then say everything it depends on.
   */
  memo(file: string, rule: string, key: string, compute: () => Diagnostic[]): Diagnostic[] {
    if (file === "") {
      const kept = this.whole[rule];
      if (kept && kept.key === key) return kept.value;
      const value = compute();
      this.whole = { ...this.whole, [rule]: { key, value } };
      this.changed = true;
      return value;
    }
    const cacheKey = this.byFile.get(file);
    const entry = cacheKey === undefined ? undefined : this.next.get(cacheKey);
    if (!entry) return compute();
    const kept = entry.memo?.[rule];
    if (kept && kept.key === key) return kept.value;
    const value = compute();
    entry.memo = { ...entry.memo, [rule]: { key, value } };
    this.changed = true;
    return value;
  }

  /** Whether a file modified at `mtimeMs` and read at `readAt` must be compared by content next time. */
  static isRacy(mtimeMs: number, readAt: number): boolean {
    return mtimeMs >= readAt - RACY_MS;
  }

  /**
   * Writes the cache, if anything changed, atomically (a temporary file, then a rename), so a killed run or
   * two runs at once never leave half a file. A cache that cannot be written is not an error: the next run
   * reads the files again.
   */
  async save(): Promise<void> {
    if (!this.changed && !this.unsaved && this.next.size === this.previous.size) return;
    const texts: Buffer[] = [];
    const offset = { bytes: 0 };
    const files = new Map<string, DiskEntry>();
    for (const [key, entry] of this.next) files.set(key, toDisk(entry, texts, offset));
    const snapshot = v8.serialize({
      format: CACHE_FORMAT,
      version: this.version,
      files,
      memo: this.whole,
    } satisfies Snapshot);
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(snapshot.length);
    const temporary = `${this.file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(temporary, [header, snapshot, ...texts]);
      await rename(temporary, this.file);
      this.changed = false;
      this.unsaved = false;
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }
}

/** Where the cache goes unless told: `.cache/dateline/` in the working directory. */
export const DEFAULT_CACHE_DIR = path.join(".cache", "dateline");

/**
 * The cache folder a command uses: `--cache DIR`, else `DATELINE_CACHE_DIR`, else `.cache/dateline/`;
 * none with `--no-cache` (or `DATELINE_CACHE_DIR=off`).
 */
export function cacheDirFrom(option: string | undefined, disabled: boolean | undefined): string | undefined {
  if (disabled) return undefined;
  const fromEnv = process.env.DATELINE_CACHE_DIR;
  if (option !== undefined && option !== "") return option;
  if (fromEnv === "off") return undefined;
  return fromEnv !== undefined && fromEnv !== "" ? fromEnv : DEFAULT_CACHE_DIR;
}

/**
 * Opens the cache of `contentDir` in `cacheDir`: empty when there is none yet, when it is of another
 * version (other code, other `site.json`, another working directory or time zone) or cannot be read.
 */
export async function openContentCache(cacheDir: string, contentDir: string): Promise<ContentCache> {
  const absolute = path.resolve(contentDir);
  const file = path.join(cacheDir, `content-${sha1(absolute).slice(0, 16)}.v8`);
  const settings = await readFile(path.join(absolute, "site.json")).catch(() => Buffer.from(""));
  const version = sha1(
    [await dependencyVersion(), absolute, process.cwd(), process.env.TZ ?? "", sha1(settings)].join("\0"),
  );
  const files = new Map<string, CachedFile>();
  let memo: Memo = {};
  try {
    const bytes = await readFile(file);
    const length = bytes.readUInt32LE(0);
    const snapshot = v8.deserialize(
      bytes.subarray(HEADER_BYTES, HEADER_BYTES + length),
    ) as Partial<Snapshot> | null;
    if (snapshot?.format === CACHE_FORMAT && snapshot.version === version && snapshot.files instanceof Map) {
      const texts = bytes.subarray(HEADER_BYTES + length);
      for (const [key, entry] of snapshot.files)
        if (isDiskEntry(entry)) files.set(key, fromDisk(entry, texts));
      if (typeof snapshot.memo === "object" && snapshot.memo !== null) memo = snapshot.memo;
    }
  } catch {
    // No cache yet, or one that cannot be read: start empty.
    files.clear();
    memo = {};
  }
  return new ContentCache(file, version, files, memo);
}
