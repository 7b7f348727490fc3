import { createHash, randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import { PROJECT_ROOT, SRC_DIR } from "../core/paths.ts";
import type { Diagnostic } from "../core/types.ts";
import type { StoredDocument } from "./frontmatter.ts";
import { type BodyAt, bodyHolder, findBody, without, withoutBody } from "./value-body.ts";

/** The layout of a cache file; a file of another layout is ignored. */
const CACHE_FORMAT = 3;

/**
 * A file modified less than this long before it was read may be modified again within the same timestamp
 * tick (coarse clocks, file systems with 1 or 2 s times), unseen by size and time: its content is compared
 * on the next run.
 */
const RACY_MS = 3000;

/** One content file's result from the content stage, kept between runs. */
export interface CachedFile {
  /**
   * The file's size, modification time and change time when it was read: equal ones mean it is unchanged.
   * The change time is the kernel's own (a tool can set the modification time back, never the change
   * time): an edit of the same length whose modification time was restored is still seen.
   */
  size: number;
  mtimeMs: number;
  ctimeMs: number;
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
  /** Names this main file: a delta file applies only to the main file it was written over. */
  base: string;
  files: Map<string, DiskEntry>;
  /** Results of warning rules over the whole content folder (`memo("", …)`). */
  memo?: Memo;
}

/**
 * A delta file (`content-<hash>.delta.v8`, the same layout): the entries that differ from the main file's
 * and the keys it has that are gone. A run that changed a few files writes only these, not the whole cache.
 */
interface DeltaSnapshot {
  format: number;
  version: string;
  base: string;
  files: Map<string, DiskEntry>;
  removed: string[];
  memo?: Memo;
}

/** What a delta may hold before the main file is written again instead: a share of the entries. */
const DELTA_SHARE = 0.05;
const DELTA_MIN = 200;

/** Warning rules' results by rule id, each with the key of what else the rule looked at. */
export type Memo = Record<string, { key: string; value: Diagnostic[] }>;

/** A cached file on disk: the document without its texts, and where they are in the text section. */
interface DiskEntry extends Omit<CachedFile, "document"> {
  document?: Omit<StoredDocument, "head" | "body">;
  /** Byte offsets in the text section: start, start of the body, end. */
  text?: [number, number, number];
  /** The value's `body` (`true`), or its article's (`"article"`), is the document's body (kept once). */
  valueBody?: true | "article";
}

const HEADER_BYTES = 4;

/**
 * Where the texts of a cache file are. The main file's texts stay on disk and are read when used (one
 * system call each), so a run holds only the texts it uses: an incremental build renders a few pages.
 */
interface TextSource {
  read(start: number, end: number): Buffer;
  readonly length: number;
}

/** The texts of the open cache file `fd`, from byte `base` on. The descriptor stays open for the process. */
function fileTexts(fd: number, base: number, length: number): TextSource {
  return {
    length,
    read(start, end) {
      const bytes = Buffer.allocUnsafe(end - start);
      for (let done = 0; done < bytes.length; ) {
        const read = readSync(fd, bytes, done, bytes.length - done, base + start + done);
        if (read === 0) throw new Error("the content cache file is shorter than it says");
        done += read;
      }
      return bytes;
    },
  };
}

function memoryTexts(bytes: Buffer): TextSource {
  return { length: bytes.length, read: (start, end) => bytes.subarray(start, end) };
}

/** The texts of an entry read from a cache file, written back as they are if it is kept unchanged. */
interface KeptTexts {
  source: TextSource;
  text: [number, number, number];
  valueBody: BodyAt | undefined;
}

const keptTexts = new WeakMap<CachedFile, KeptTexts>();

/**
 * Defines `object[key]` as text read and decoded when used, and not kept: an unchanged article's body is
 * read only if something uses it (a page rendered, a search record, a warning rule run), which most runs
 * never do, and a run that uses every body (a full render) never holds them all.
 */
function lazyText(object: object, key: string, source: TextSource, start: number, end: number): void {
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: true,
    get: () => source.read(start, end).toString("utf8"),
    set: (value: string) => Object.defineProperty(object, key, { value, enumerable: true, writable: true }),
  });
}

/**
 * The texts of a cache file, packed as they are added into buffers of a few megabytes: written with one
 * system call each, instead of a buffer (and a write) for every head and body of tens of thousands of files.
 */
class TextSink {
  static readonly CHUNK = 8 * 1024 * 1024;
  readonly chunks: Buffer[] = [];
  #current = Buffer.allocUnsafe(TextSink.CHUNK);
  #used = 0;
  /** Bytes added so far: where the next text starts. */
  bytes = 0;

  add(text: string | Buffer): void {
    const length = typeof text === "string" ? Buffer.byteLength(text) : text.length;
    if (length > this.#current.length - this.#used) {
      this.#flush();
      this.#current = Buffer.allocUnsafe(Math.max(TextSink.CHUNK, length));
    }
    if (typeof text === "string") this.#current.write(text, this.#used, "utf8");
    else text.copy(this.#current, this.#used);
    this.#used += length;
    this.bytes += length;
  }

  /** Every chunk, the last one cut to what it holds. */
  finish(): Buffer[] {
    this.#flush();
    return this.chunks;
  }

  #flush(): void {
    if (this.#used > 0) this.chunks.push(this.#current.subarray(0, this.#used));
    this.#current = Buffer.alloc(0);
    this.#used = 0;
  }
}

function toDisk(entry: CachedFile, texts: TextSink): DiskEntry {
  if (!entry.document) return entry as DiskEntry;
  const kept = keptTexts.get(entry);
  const disk = without(entry, "document") as unknown as DiskEntry;
  disk.document = without(entry.document, "head", "body") as DiskEntry["document"];
  const start = texts.bytes;
  let valueBody: BodyAt | undefined;
  if (kept) {
    const [from, middle, end] = kept.text;
    texts.add(kept.source.read(from, middle));
    const bodyStart = texts.bytes;
    texts.add(kept.source.read(middle, end));
    disk.text = [start, bodyStart, texts.bytes];
    valueBody = kept.valueBody;
  } else {
    texts.add(entry.document.head);
    const bodyStart = texts.bytes;
    texts.add(entry.document.body);
    disk.text = [start, bodyStart, texts.bytes];
    valueBody = findBody(entry.value, entry.document.body);
  }
  if (valueBody !== undefined && typeof entry.value === "object" && entry.value !== null) {
    disk.value = withoutBody(entry.value, valueBody);
    disk.valueBody = valueBody;
  }
  return disk;
}

function fromDisk(disk: DiskEntry, texts: TextSource): CachedFile {
  const { text, valueBody, document, ...entry } = disk;
  if (!document || !text) return entry;
  const [start, middle, end] = text;
  if (!(0 <= start && start <= middle && middle <= end && end <= texts.length))
    throw new Error("corrupt cache");
  const stored = document as StoredDocument;
  lazyText(stored, "head", texts, start, middle);
  lazyText(stored, "body", texts, middle, end);
  const holder = valueBody === undefined ? undefined : bodyHolder(entry.value, valueBody);
  if (holder) lazyText(holder, "body", texts, middle, end);
  const cached: CachedFile = { ...entry, document: stored };
  keptTexts.set(cached, {
    source: texts,
    text: [start, middle, end],
    valueBody: holder ? valueBody : undefined,
  });
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
    typeof entry.ctimeMs === "number" &&
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
    /** The main file on disk: its name, and the keys it holds; none when there is no usable one. */
    private disk: { base: string; keys: ReadonlySet<string> } | undefined = undefined,
    /** Keys whose entry differs from the main file's (in the delta file, or not saved yet). */
    private readonly differs: Set<string> = new Set(),
  ) {}

  /** Never written, and keeps nothing new: for a reader beside the one that writes (the render worker). */
  private readOnly = false;

  /** Makes this cache read-only: results found in it are used, new ones are neither kept nor saved. */
  makeReadOnly(): this {
    this.readOnly = true;
    return this;
  }

  /** The delta file beside the main file. */
  get deltaFile(): string {
    return this.file.replace(/\.v8$/, ".delta.v8");
  }

  /**
   * The cache of the next run in this process (`npm run build -- --watch`): this run's results become its
   * previous ones, without reading the cache file again. Results not yet written stay to be written.
   */
  successor(unchanged?: (key: string) => boolean): ContentCache {
    const next = new ContentCache(
      this.file,
      this.version,
      this.next,
      this.whole,
      this.changed || this.unsaved,
      this.disk,
      new Set([...this.differs].filter((key) => this.next.has(key))),
    );
    if (unchanged) next.unchanged = unchanged;
    return next;
  }

  /**
   * Which files are known not to have changed since the previous run without looking at them: in the
   * publishing mode, every file the folder watcher did not name. Such a file's result is used without a
   * `stat` (tens of thousands of them cost a quarter of a second at 20,000 articles).
   */
  private unchanged: (key: string) => boolean = () => false;

  /** Whether the file at `key` is known to be as it was in the previous run (see `successor`). */
  knownUnchanged(key: string): boolean {
    return this.unchanged(key);
  }

  /** The previous run's result for the file at `key` (an absolute path), if any. */
  lookup(key: string): CachedFile | undefined {
    return this.previous.get(key);
  }

  /** Keeps a file's result for the next run; `how` says how it was found, `changed` whether to write it. */
  keep(key: string, entry: CachedFile, how: keyof CacheStats, changed = how !== "hits"): void {
    this.stats[how]++;
    // Read-only: a file read and parsed in this run is not kept (nor its text held) for a save that never comes.
    if (this.readOnly && how !== "hits") return;
    if (changed) {
      this.changed = true;
      this.differs.add(key);
    }
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
    if (this.unindexed) {
      for (const [key, entry] of this.next) if (entry.document) this.byFile.set(entry.document.file, key);
      this.unindexed = false;
    }
    const cacheKey = this.byFile.get(file);
    const entry = cacheKey === undefined ? undefined : this.next.get(cacheKey);
    if (!entry) return compute();
    const kept = entry.memo?.[rule];
    if (kept && kept.key === key) return kept.value;
    const value = compute();
    entry.memo = { ...entry.memo, [rule]: { key, value } };
    this.changed = true;
    if (cacheKey !== undefined) this.differs.add(cacheKey);
    return value;
  }

  /**
   * Keeps every previous result not kept in this run, as found: for the publishing mode, which reads only
   * the files it was told changed (so that the cache it writes still holds every file).
   */
  keepUnchanged(): void {
    // As `keep(key, entry, "hits")` for each, without indexing them by file: only `check`'s warning rules
    // (`memo`) need that index, and the publishing mode never runs them.
    for (const [key, entry] of this.previous) {
      if (this.next.has(key)) continue;
      this.next.set(key, entry);
      this.stats.hits++;
    }
    this.unindexed = true;
  }

  /** Whether `byFile` lacks entries kept by `keepUnchanged`. */
  private unindexed = false;

  /** Whether a file modified at `mtimeMs` and read at `readAt` must be compared by content next time. */
  static isRacy(mtimeMs: number, readAt: number): boolean {
    return mtimeMs >= readAt - RACY_MS;
  }

  /**
   * Writes the cache, if anything changed, atomically (a temporary file, then a rename), so a killed run or
   * two runs at once never leave half a file. When few entries differ from the main file, only they go
   * into the delta file; else the main file is written whole and the delta removed. A cache that cannot be
   * written is not an error: the next run reads the files again. The snapshot is made before the first
   * `await` (`writeSnapshot`), so what is done to the values after the call never reaches the file.
   */
  async save(): Promise<void> {
    if (this.readOnly) return;
    if (!this.changed && !this.unsaved && this.next.size === this.previous.size) return;
    const disk = this.disk;
    const removed = disk ? [...disk.keys].filter((key) => !this.next.has(key)) : [];
    const changed = [...this.differs].filter((key) => this.next.has(key));
    const deltaLimit = Math.max(DELTA_MIN, this.next.size * DELTA_SHARE);
    try {
      if (disk && changed.length + removed.length <= deltaLimit) {
        const files = new Map<string, CachedFile>();
        for (const key of changed) files.set(key, this.next.get(key) as CachedFile);
        await writeSnapshot(this.deltaFile, files, (entries) => ({
          format: CACHE_FORMAT,
          version: this.version,
          base: disk.base,
          files: entries,
          removed,
          memo: this.whole,
        }));
      } else {
        const base = randomBytes(8).toString("hex");
        const written = await writeSnapshot(this.file, this.next, (entries) => ({
          format: CACHE_FORMAT,
          version: this.version,
          base,
          files: entries,
          memo: this.whole,
        }));
        await rm(this.deltaFile, { force: true });
        textsToDisk(this.next, written.files, written.texts);
        this.disk = { base, keys: new Set(this.next.keys()) };
        this.differs.clear();
      }
      this.changed = false;
      this.unsaved = false;
    } catch {
      // Not written: the next run reads the files again.
    }
  }
}

/**
 * Writes a cache file: the header, the snapshot made of the entries' disk form, then their texts. Gives the
 * entries as written and the file's texts, read through a descriptor of the very file written (opened
 * before the rename, so another run replacing the file meanwhile cannot mix them up).
 */
async function writeSnapshot(
  file: string,
  entries: ReadonlyMap<string, CachedFile>,
  snapshotOf: (files: Map<string, DiskEntry>) => Snapshot | DeltaSnapshot,
): Promise<{ files: Map<string, DiskEntry>; texts: TextSource }> {
  const texts = new TextSink();
  const files = new Map<string, DiskEntry>();
  for (const [key, entry] of entries) files.set(key, toDisk(entry, texts));
  const snapshot = v8.serialize(snapshotOf(files));
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(snapshot.length);
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  let fd: number | undefined;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, [header, snapshot, ...texts.finish()]);
    fd = openSync(temporary, "r");
    await rename(temporary, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  const textStart = HEADER_BYTES + snapshot.length;
  return { files, texts: fileTexts(fd, textStart, texts.bytes) };
}

/**
 * After the main file is written, its entries' texts are read from it when used, like those of a cache
 * read at the start: the texts of the files read in this run (a first build reads them all) are not kept
 * in memory for the rest of the run. An article's `body` is its value's too, so the content's articles
 * let go of their bodies with it.
 */
function textsToDisk(
  entries: ReadonlyMap<string, CachedFile>,
  written: Map<string, DiskEntry>,
  texts: TextSource,
) {
  for (const [key, entry] of entries) {
    const disk = written.get(key);
    if (!entry.document || !disk?.text) continue;
    const [start, middle, end] = disk.text;
    lazyText(entry.document, "head", texts, start, middle);
    lazyText(entry.document, "body", texts, middle, end);
    const holder = disk.valueBody === undefined ? undefined : bodyHolder(entry.value, disk.valueBody);
    if (holder) lazyText(holder, "body", texts, middle, end);
    keptTexts.set(entry, {
      source: texts,
      text: [start, middle, end],
      valueBody: holder ? disk.valueBody : undefined,
    });
  }
}

/**
 * Reads a cache file's snapshot, leaving its texts on disk (read when used through the descriptor, which
 * stays open) or, with `inMemory`, reading them too (a small delta file). Undefined when there is none.
 */
function readSnapshot(file: string, inMemory: boolean): { snapshot: unknown; texts: TextSource } | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  let keepOpen = false;
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(HEADER_BYTES);
    if (readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return undefined;
    const length = header.readUInt32LE(0);
    if (HEADER_BYTES + length > size) return undefined;
    const source = fileTexts(fd, 0, size);
    const snapshot = v8.deserialize(source.read(HEADER_BYTES, HEADER_BYTES + length)) as unknown;
    const textStart = HEADER_BYTES + length;
    if (inMemory) return { snapshot, texts: memoryTexts(source.read(textStart, size)) };
    keepOpen = true;
    return { snapshot, texts: fileTexts(fd, textStart, size - textStart) };
  } finally {
    if (!keepOpen) closeSync(fd);
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

/** The main file of the cache of `contentDir` in `cacheDir` (there may be none yet). */
export function contentCacheFile(cacheDir: string, contentDir: string): string {
  return path.join(cacheDir, `content-${sha1(path.resolve(contentDir)).slice(0, 16)}.v8`);
}

/**
 * Opens the cache of `contentDir` in `cacheDir`: empty when there is none yet, when it is of another
 * version (other code, other `site.json`, another working directory or time zone) or cannot be read.
 */
export async function openContentCache(
  cacheDir: string,
  contentDir: string,
  options: { readOnly?: boolean } = {},
): Promise<ContentCache> {
  const absolute = path.resolve(contentDir);
  const file = contentCacheFile(cacheDir, contentDir);
  const settings = await readFile(path.join(absolute, "site.json")).catch(() => Buffer.from(""));
  const version = sha1(
    [await dependencyVersion(), absolute, process.cwd(), process.env.TZ ?? "", sha1(settings)].join("\0"),
  );
  const files = new Map<string, CachedFile>();
  let memo: Memo = {};
  let disk: { base: string; keys: Set<string> } | undefined;
  const differs = new Set<string>();
  try {
    const main = readSnapshot(file, false);
    const snapshot = main?.snapshot as Partial<Snapshot> | undefined;
    if (
      main &&
      snapshot?.format === CACHE_FORMAT &&
      snapshot.version === version &&
      typeof snapshot.base === "string" &&
      snapshot.files instanceof Map
    ) {
      for (const [key, entry] of snapshot.files)
        if (isDiskEntry(entry)) files.set(key, fromDisk(entry, main.texts));
      if (typeof snapshot.memo === "object" && snapshot.memo !== null) memo = snapshot.memo;
      disk = { base: snapshot.base, keys: new Set(files.keys()) };
      const delta = readSnapshot(file.replace(/\.v8$/, ".delta.v8"), true);
      const changes = delta?.snapshot as Partial<DeltaSnapshot> | undefined;
      if (
        delta &&
        changes?.format === CACHE_FORMAT &&
        changes.version === version &&
        changes.base === snapshot.base &&
        changes.files instanceof Map &&
        Array.isArray(changes.removed)
      ) {
        for (const key of changes.removed) if (typeof key === "string") files.delete(key);
        for (const [key, entry] of changes.files)
          if (isDiskEntry(entry)) {
            files.set(key, fromDisk(entry, delta.texts));
            differs.add(key);
          }
        if (typeof changes.memo === "object" && changes.memo !== null) memo = changes.memo;
      }
    }
  } catch {
    // No cache yet, or one that cannot be read: start empty.
    files.clear();
    memo = {};
    disk = undefined;
    differs.clear();
  }
  const cache = new ContentCache(file, version, files, memo, false, disk, differs);
  return options.readOnly ? cache.makeReadOnly() : cache;
}
