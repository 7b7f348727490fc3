import { createHash } from "node:crypto";
import { readdirSync, type Stats, statSync } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { mapLimit } from "../core/limit.ts";
import { PROJECT_ROOT } from "../core/paths.ts";
import type { Diagnostic } from "../core/types.ts";
import { CODE_DIRS, hashTree } from "./incremental.ts";
import { MANIFEST_FILE, type Manifest } from "./manifest.ts";
import { places } from "./places.ts";

/**
 * The "nothing changed" shortcut, as `make` does it: a build that published records a stamp of everything
 * its output was built from (every file in the content folder by path, size and modification time; the
 * code; the options) in the content cache's folder. The next build compares a fresh stamp (listing and looking
 * at the files, never reading them) before it reads any content: equal, and the output is what a full
 * build would write, so there is nothing to do. The stamp also says until when it holds: the output
 * depends on the time only through scheduled articles becoming due and the news sitemap's 48-hour window.
 */

/** A file modified this close to the moment the stamp was taken may change again unseen (coarse clocks). */
const RACY_MS = 3000;

export interface InputStamp {
  version: 1;
  /** Hash of the inputs (see `takeStamp`). */
  inputs: string;
  /** The output's manifest when it was written (size and modification time), so the stamp is its own. */
  manifest: { size: number; mtimeMs: number };
  /** The build's moment (epoch ms): a build at an earlier moment may see other articles as scheduled. */
  builtAt: number;
  /** Until when (epoch ms) the same inputs give the same output; absent: for ever. */
  validUntil?: number;
  /** Output files besides the pages and the search shards, checked to exist (assets, interface files). */
  present: string[];
  /** What the build that wrote it reported: its warnings (shown again), and its counts. */
  diagnostics: Diagnostic[];
  articles: number;
  files: number;
  searchable: number;
}

export interface TakenStamp {
  inputs: string;
  /**
   * The hash of the inputs besides the content folder's files (the code, the options, the time zone, the
   * folder's place): what the publishing memory (memory-file.ts) must share with a build to stand for it.
   */
  settled: string;
  /** A file was modified too recently to trust its time: do not record this stamp. */
  racy: boolean;
  /** When it was taken (epoch ms), for `racyFile`. */
  at: number;
  /**
   * What each file under the content folder was when the stamp was taken, by absolute path: the content
   * stage takes these instead of looking at every file a second time (100,000 `stat`s take over a second).
   */
  stats: ReadonlyMap<string, Stats>;
}

export interface StampOptions {
  contentDir: string;
  preview?: boolean;
  search?: boolean;
  /** The code folders whose files shape the output (Dateline's sources and templates by default). */
  codeDirs?: readonly string[];
}

/**
 * Where the stamp of an output folder lives: in the content cache's folder (it is a cache: deleting it,
 * or `--no-cache`, only makes the next build look at everything), one file per output folder.
 */
export function stampFile(cacheDir: string, out: string): string {
  return path.join(cacheDir, `output-${createHash("sha1").update(out).digest("hex").slice(0, 16)}.json`);
}

/**
 * The stamp of a build's inputs, taken now: each file under the content folder by path, size, times
 * (modification and change) and inode (looked at, not read; a link by what it leads to), the code and
 * lockfile by content, and the options and time zone that shape the output.
 */
export async function takeStamp(options: StampOptions, now = Date.now()): Promise<TakenStamp> {
  const code = createHash("sha1");
  code.update(JSON.stringify({ preview: options.preview ?? false, search: options.search ?? true }));
  code.update(`${process.env.TZ ?? ""}\0${Intl.DateTimeFormat().resolvedOptions().timeZone}\0`);
  for (const dir of options.codeDirs ?? CODE_DIRS) await hashTree(dir, code);
  code.update(await readFile(path.join(PROJECT_ROOT, "package-lock.json")).catch(() => Buffer.from("")));
  let racy = false;
  const root = path.resolve(options.contentDir);
  code.update(`${root}\0`);
  const settled = code.digest("hex");
  const h = createHash("sha1").update(settled);
  let entries: string[];
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
  } catch {
    entries = [];
  }
  const stats = new Map<string, Stats>();
  for (const file of entries) {
    h.update(path.relative(root, file)).update("\0");
    try {
      // Synchronous: one system call each, several times faster than promises for 100,000 small files.
      const s = statSync(file);
      stats.set(file, s);
      h.update(`${s.isFile() ? "f" : "o"}\0${s.size}\0${s.mtimeMs}\0${s.ctimeMs}\0${s.ino}\0`);
      if (racyFile(s, now)) racy = true;
    } catch {
      h.update("missing\0");
    }
  }
  return { inputs: h.digest("hex"), settled, racy, at: now, stats };
}

/**
 * Whether a file was modified so shortly before `at` that it may be modified again within the same clock
 * tick, unseen by its size and modification time (a later save moves the modification time on, so the
 * change time need not be looked at).
 */
export function racyFile(s: Stats, at: number): boolean {
  return s.mtimeMs > at - RACY_MS;
}

/** The output files a stamp checks exist: all but the pages and the search shards' (many) files. */
export function presentFiles(manifest: Manifest): string[] {
  const shard = /^pagefind\/[^/]+\/[^/]+\//;
  const files: string[] = [];
  for (const file of manifest.outputs.keys())
    if (!manifest.pages.has(file) && (!shard.test(file) || file.endsWith("/pagefind-entry.json")))
      files.push(file);
  return files;
}

async function manifestIdentity(out: string): Promise<InputStamp["manifest"] | undefined> {
  return stat(path.join(out, MANIFEST_FILE)).then(
    (s) => ({ size: s.size, mtimeMs: s.mtimeMs }),
    () => undefined,
  );
}

/** Records the stamp of a published build; `undefined` removes any stamp (the next build looks at all). */
export async function recordStamp(
  cacheDir: string,
  out: string,
  stamp: Omit<InputStamp, "version" | "manifest"> | undefined,
): Promise<void> {
  const file = stampFile(cacheDir, out);
  const manifest = stamp ? await manifestIdentity(out) : undefined;
  if (!stamp || !manifest) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ version: 1, manifest, ...stamp })}\n`);
  await rename(temporary, file);
}

/**
 * The recorded stamp of `out` if the output is still what it says: same inputs, the same manifest, before
 * its expiry, no publish left half-done (`journal`), and every file it names present. Else undefined.
 */
export async function upToDate(
  cacheDir: string,
  out: string,
  taken: TakenStamp,
  buildTime: number,
  journal: string,
): Promise<InputStamp | undefined> {
  let stamp: InputStamp;
  try {
    stamp = JSON.parse(await readFile(stampFile(cacheDir, out), "utf8")) as InputStamp;
  } catch {
    return undefined;
  }
  if (stamp.version !== 1 || stamp.inputs !== taken.inputs) return undefined;
  if (!(buildTime >= stamp.builtAt)) return undefined;
  if (stamp.validUntil !== undefined && buildTime >= stamp.validUntil) return undefined;
  const manifest = await manifestIdentity(out);
  if (!manifest || manifest.size !== stamp.manifest.size || manifest.mtimeMs !== stamp.manifest.mtimeMs)
    return undefined;
  if (
    await stat(journal).then(
      () => true,
      () => false,
    )
  )
    return undefined;
  const present = await mapLimit(stamp.present, 64, (file) =>
    stat(path.join(out, file)).then(
      (s) => s.isFile(),
      () => false,
    ),
  );
  return present.every(Boolean) ? stamp : undefined;
}

export interface ShortcutOptions extends StampOptions {
  outDir: string;
  /** The content cache's folder, where stamps are kept; without it there is no shortcut. */
  cacheDir?: string;
  /** An incremental build (the default); `--full` never takes the shortcut. */
  incremental?: boolean;
}

/**
 * Whether a build can stop before reading any content: takes the stamp of the inputs and compares it with
 * the output's. `stamp` is set when the output is up to date; `taken` is for the build to record.
 */
export async function checkUpToDate(
  options: ShortcutOptions,
  buildTime: number,
): Promise<{ taken?: TakenStamp; stamp?: InputStamp }> {
  const { cacheDir } = options;
  if (cacheDir === undefined) return {};
  const taken = await takeStamp(options);
  if (!(options.incremental ?? true)) return { taken };
  const where = await places(options.outDir).catch(() => undefined);
  const stamp = where ? await upToDate(cacheDir, where.out, taken, buildTime, where.journal) : undefined;
  return stamp ? { taken, stamp } : { taken };
}
