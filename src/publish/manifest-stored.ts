/**
 * A manifest as read from disk (see manifest-format.ts), looked up where it lies: the files are indexed
 * once (one string and one map entry each), and a hash is turned into hex text only when it is asked for.
 * A build asks for few of the previous build's output hashes and compares its page hashes once, so most of
 * the quarter of a million hashes of a large archive never become strings that live through the build.
 */

/** What the manifest knows of each file: a `Map` fits, and so does a manifest read from disk. */
export interface FileTable {
  readonly size: number;
  get(file: string): string | undefined;
  has(file: string): boolean;
  keys(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

export const SHA1_BYTES = 20;
/**
 * A record's kind byte: how its page hash (bits 0–1) and output hash (bits 2–3) are stored (0: none,
 * BINARY: 20 bytes, TEXT: in the header's texts), and whether a source follows (bit 4).
 */
export const BINARY = 1;
export const TEXT = 2;
export const HAS_SOURCE = 1 << 4;
/** In the offset tables: no value; texts are stored as `TEXT_BASE - k` for the k-th text. */
const ABSENT = -1;
const TEXT_BASE = -2;

/** The records of a manifest: each file, where its hashes and source lie in the bytes. */
export class StoredManifestIndex {
  private constructor(
    readonly files: readonly string[],
    readonly position: ReadonlyMap<string, number>,
    /** Per file and field (page hash, output hash, source): byte offset, ABSENT, or a text's number. */
    readonly offsets: readonly [Int32Array, Int32Array, Int32Array],
  ) {}

  /** Reads `count` records from `start` to `end`; undefined unless they are exactly that, sorted. */
  static read(
    bytes: Buffer,
    start: number,
    end: number,
    count: number,
    texts: number,
  ): StoredManifestIndex | undefined {
    const files: string[] = new Array(count);
    const position = new Map<string, number>();
    const offsets: [Int32Array, Int32Array, Int32Array] = [
      new Int32Array(count),
      new Int32Array(count),
      new Int32Array(count),
    ];
    let at = start;
    let text = 0;
    // The page hash is kind bits 0–1, the output hash bits 2–3.
    let previous = "";
    for (let i = 0; i < count; i++) {
      const nul = bytes.indexOf(0, at);
      if (nul < 0 || nul + 1 >= end) return undefined;
      const file = bytes.toString("utf8", at, nul);
      if (i > 0 && !(previous < file)) return undefined;
      files[i] = file;
      position.set(file, i);
      previous = file;
      at = nul + 1;
      const kind = bytes[at++] as number;
      if (kind >> 5 !== 0) return undefined;
      for (const field of [0, 1] as const) {
        const stored = (kind >> (2 * field)) & 3;
        const table = offsets[field];
        if (stored === BINARY) {
          table[i] = at;
          at += SHA1_BYTES;
        } else if (stored === TEXT) table[i] = TEXT_BASE - text++;
        else if (stored === 0) table[i] = ABSENT;
        else return undefined;
      }
      if (kind & HAS_SOURCE) {
        const sourceEnd = bytes.indexOf(0, at);
        if (sourceEnd < 0 || sourceEnd >= end) return undefined;
        offsets[2][i] = at;
        at = sourceEnd + 1;
      } else offsets[2][i] = ABSENT;
      if (at > end) return undefined;
    }
    return at === end && text === texts ? new StoredManifestIndex(files, position, offsets) : undefined;
  }
}

/** One field of every file (page hashes, output hashes or sources), read from the bytes when asked for. */
abstract class StoredColumn implements FileTable {
  readonly size: number;
  constructor(
    protected readonly index: StoredManifestIndex,
    protected readonly bytes: Buffer,
    private readonly field: 0 | 1 | 2,
  ) {
    let size = 0;
    for (const offset of index.offsets[field]) if (offset !== ABSENT) size++;
    this.size = size;
  }

  protected abstract valueAt(offset: number): string;

  private offsetOf(file: string): number {
    const i = this.index.position.get(file);
    return i === undefined ? ABSENT : (this.index.offsets[this.field][i] as number);
  }

  get(file: string): string | undefined {
    const offset = this.offsetOf(file);
    return offset === ABSENT ? undefined : this.valueAt(offset);
  }

  has(file: string): boolean {
    return this.offsetOf(file) !== ABSENT;
  }

  *keys(): IterableIterator<string> {
    const offsets = this.index.offsets[this.field];
    for (let i = 0; i < offsets.length; i++) if (offsets[i] !== ABSENT) yield this.index.files[i] as string;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    const offsets = this.index.offsets[this.field];
    for (let i = 0; i < offsets.length; i++) {
      const offset = offsets[i] as number;
      if (offset !== ABSENT) yield [this.index.files[i] as string, this.valueAt(offset)];
    }
  }
}

/** The page or the output hashes of a manifest read from disk. */
export class StoredHashes extends StoredColumn {
  constructor(
    index: StoredManifestIndex,
    bytes: Buffer,
    private readonly texts: readonly string[],
    shift: 0 | 2,
  ) {
    super(index, bytes, shift === 0 ? 0 : 1);
  }

  protected valueAt(offset: number): string {
    return offset >= 0
      ? this.bytes.toString("hex", offset, offset + SHA1_BYTES)
      : (this.texts[TEXT_BASE - offset] as string);
  }
}

/** The content file of each article page, of a manifest read from disk. */
export class StoredSources extends StoredColumn {
  constructor(index: StoredManifestIndex, bytes: Buffer) {
    super(index, bytes, 2);
  }

  protected valueAt(offset: number): string {
    return this.bytes.toString("utf8", offset, this.bytes.indexOf(0, offset));
  }
}
