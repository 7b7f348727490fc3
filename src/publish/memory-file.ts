import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { articleChecker } from "../content/article-check.ts";
import { readArticleFile } from "../content/content.ts";
import { createMarkdown } from "../content/markdown.ts";
import { loadSettings } from "../content/settings.ts";
import { mark } from "../core/trace.ts";
import type { Diagnostic, Site } from "../core/types.ts";
import { placeDigest, type Remembered, type SiteMemory, withoutOwnWords } from "../site/patch.ts";
import { bodyOf, withLazyHtml } from "../site/site.ts";
import { type KnownPlan, type ManifestFile, manifestFile } from "./incremental.ts";
import { type FileTable, readManifest } from "./manifest.ts";
import { racyFile, stampFile, type TakenStamp } from "./stamp.ts";

/**
 * The publishing memory on disk: what the publishing mode (`--watch`) keeps in memory between builds,
 * kept between commands. A build that modelled the whole site and published it writes its model (the
 * `SiteMemory`, article bodies left out) beside the content cache, with a head saying what it stands for:
 * each content file by path, size, modification and change times and inode as the build's stamp saw them,
 * the code and options (`TakenStamp.settled`), the working folder, and the output's manifest file as
 * published.
 *
 * The next command compares its own stamp with the head. When only article files changed, and the output
 * is still the one published with the model, the model is read back (a few seconds at 100,000 articles,
 * against tens to read the cache and model the whole archive) and the edit is modelled on it as the
 * publishing mode does (site/patch.ts, which refuses anything but an edit of articles' own words). The
 * model read back stays the base: a build that patched it rewrites only the head (the new manifest), and
 * the next command patches every file changed since the base, which gives the same site.
 *
 * Safe to delete, as the cache is: without it the next build reads and models everything.
 */

const VERSION = 2;

/** What the memory stands for; small, read before the model is. */
interface MemoryHead {
  version: number;
  /** Names the model file written with it. */
  token: string;
  settled: string;
  cwd: string;
  manifest: ManifestFile;
  /** The content folder's files as the stamp saw them: paths relative to it, forward slashes. */
  files: {
    names: string[];
    sizes: Float64Array;
    mtimes: Float64Array;
    ctimes: Float64Array;
    inos: Float64Array;
    /** Each article file's `placeDigest` ("" for other files). */
    digests: string[];
  };
}

interface MemoryBody {
  token: string;
  site: Site;
  byFile: Map<string, Remembered>;
  diagnostics: Diagnostic[];
  nextScheduled?: number;
}

/** The memory recalled for a build: the model, the last publish's plan, and the files changed since. */
export interface Recalled {
  site: SiteMemory;
  /** The last publish's page hashes (its manifest's) and fingerprint. */
  plan: Omit<KnownPlan, "hashes"> & { hashes: FileTable };
  /** Content files changed, added or removed since the model was made (relative, forward slashes). */
  changed: string[];
  /** For `rememberPatched`: the head the model was written with. */
  head: MemoryHead;
}

/** Where the memory of the output folder `out` (its real path) lives in the cache folder, beside its stamp. */
export function memoryFiles(cacheDir: string, out: string): { head: string; body: string } {
  const base = path.join(
    cacheDir,
    path.basename(stampFile(cacheDir, out), ".json").replace(/^output-/, "memory-"),
  );
  return { head: `${base}.head`, body: `${base}.v8` };
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

function fileTable(
  taken: TakenStamp,
  contentDir: string,
  digests: ReadonlyMap<string, string>,
): MemoryHead["files"] {
  const root = path.resolve(contentDir);
  const names: string[] = [];
  const count = taken.stats.size;
  const sizes = new Float64Array(count);
  const mtimes = new Float64Array(count);
  const ctimes = new Float64Array(count);
  const inos = new Float64Array(count);
  const digestOf: string[] = [];
  let i = 0;
  for (const [file, s] of taken.stats) {
    names.push(path.relative(root, file).split(path.sep).join("/"));
    digestOf.push(digests.get(file) ?? "");
    // A file saved just before the stamp may change again unseen: it counts as changed next time (-2
    // matches no size), so every build until the next whole model reads it again.
    sizes[i] = racyFile(s, taken.at) ? -2 : s.isFile() ? s.size : -1;
    mtimes[i] = s.mtimeMs;
    ctimes[i] = s.ctimeMs;
    inos[i] = s.ino;
    i++;
  }
  return { names, sizes, mtimes, ctimes, inos, digests: digestOf };
}

/**
 * The files of `taken` that differ from `files`, or are in one and not the other; and where each of
 * `files` is in its columns.
 */
function changedFiles(
  files: MemoryHead["files"],
  taken: TakenStamp,
  contentDir: string,
): { changed: string[]; index: Map<string, number> } {
  const root = path.resolve(contentDir);
  const index = new Map<string, number>(files.names.map((name, i) => [name, i]));
  const seen = new Uint8Array(files.names.length);
  const changed: string[] = [];
  for (const [file, s] of taken.stats) {
    const name = path.relative(root, file).split(path.sep).join("/");
    const i = index.get(name);
    if (i === undefined) {
      changed.push(name);
      continue;
    }
    seen[i] = 1;
    const size = s.isFile() ? s.size : -1;
    const same =
      files.sizes[i] === size &&
      files.mtimes[i] === s.mtimeMs &&
      files.ctimes[i] === s.ctimeMs &&
      files.inos[i] === s.ino;
    if (!same) changed.push(name);
  }
  seen.forEach((was, i) => {
    if (!was) changed.push(files.names[i] as string);
  });
  return { changed: changed.sort(), index };
}

/**
 * Why an edit of `changed` cannot be modelled on the memory, as far as the files alone tell (their
 * diagnostics, or `placeDigest`): found before the model is read, which is most of the time this takes.
 */
async function editRefused(
  changed: readonly string[],
  files: MemoryHead["files"],
  index: ReadonlyMap<string, number>,
  contentDir: string,
): Promise<string | undefined> {
  const file = path.join(contentDir, "site.json");
  const { settings } = await loadSettings(file, file);
  if (!settings) return "site.json cannot be read";
  const check = articleChecker(settings);
  for (const name of changed) {
    const remembered = files.digests[index.get(name) ?? -1];
    const read = readArticleFile(path.join(contentDir, name), check);
    if (!read?.input || read.diagnostics.length > 0) return `${name} has diagnostics, or is not shown`;
    if (remembered !== placeDigest(read.input)) return `${name} changed more than its own words`;
  }
  return undefined;
}

/**
 * The memory of a build that models the whole site, written in two steps: the model is serialised and
 * written under a temporary name as soon as `start` is called (a full build calls it while the render
 * worker still renders its share, so the main thread's wait pays for it), and put in place with its head
 * by `finish` once the build has published into `out`. Never fails the build: a memory that cannot be
 * written is removed; `discard` removes the temporary file of a build that did not publish.
 */
export class PendingMemory {
  readonly #files: { head: string; body: string };
  readonly #memory: () => SiteMemory;
  readonly #temporary: string;
  readonly #token = randomBytes(8).toString("hex");
  /** Each article file's `placeDigest`, by absolute path: for the head. */
  #digests = new Map<string, string>();
  #written?: Promise<boolean>;

  constructor(files: { head: string; body: string }, memory: () => SiteMemory) {
    this.#files = files;
    this.#memory = memory;
    this.#temporary = `${files.body}.${process.pid}.tmp`;
  }

  /** Serialises the model now and starts writing it (once). */
  start(): void {
    if (this.#written) return;
    let bytes: Buffer;
    try {
      const memory = this.#memory();
      // The bodies are read again from their files when a page asks (they are most of an archive's size).
      const byFile = new Map<string, Remembered>();
      for (const [file, r] of memory.byFile) {
        byFile.set(file, { ...r, input: withoutOwnWords(r.input) });
        this.#digests.set(path.resolve(file), placeDigest(r.input));
      }
      const body: MemoryBody = {
        token: this.#token,
        site: memory.site,
        byFile,
        diagnostics: memory.diagnostics,
        ...(memory.nextScheduled !== undefined ? { nextScheduled: memory.nextScheduled } : {}),
      };
      bytes = serialize(body);
    } catch {
      this.#written = Promise.resolve(false);
      return;
    }
    mark("memory serialised");
    this.#written = mkdir(path.dirname(this.#temporary), { recursive: true })
      .then(() => writeFile(this.#temporary, bytes))
      .then(
        () => true,
        () => false,
      );
  }

  /** After the build published into `out`: the model in place, then the head naming it. */
  async finish(taken: TakenStamp, contentDir: string, out: string): Promise<void> {
    this.start();
    const written = await this.#written;
    try {
      const manifest = await manifestFile(out);
      await rm(this.#files.head, { force: true });
      if (!written || !manifest) throw new Error("no memory to keep");
      await rename(this.#temporary, this.#files.body);
      const head: MemoryHead = {
        version: VERSION,
        token: this.#token,
        settled: taken.settled,
        cwd: process.cwd(),
        manifest,
        files: fileTable(taken, contentDir, this.#digests),
      };
      await writeAtomically(this.#files.head, serialize(head));
    } catch {
      await this.discard();
      await forget(this.#files);
    }
  }

  /** Removes what `start` wrote (a build that did not publish). */
  async discard(): Promise<void> {
    await this.#written;
    await rm(this.#temporary, { force: true }).catch(() => undefined);
  }
}

/** After a build that patched a recalled model: the same model and files, the new manifest. */
export async function rememberPatched(
  files: { head: string; body: string },
  head: MemoryHead,
  out: string,
): Promise<void> {
  try {
    const manifest = await manifestFile(out);
    if (!manifest) return void (await forget(files));
    await writeAtomically(files.head, serialize({ ...head, manifest }));
  } catch {
    await forget(files);
  }
}

/** Removes the memory (the next build models the whole site). */
export async function forget(files: { head: string; body: string }): Promise<void> {
  await rm(files.head, { force: true }).catch(() => undefined);
  await rm(files.body, { force: true }).catch(() => undefined);
}

/** This build's stamp, its content folder, and the output with its journal (`Places`). */
interface RecallOptions {
  taken: TakenStamp;
  contentDir: string;
  out: string;
  journal: string;
}

function sameManifest(a: ManifestFile | undefined, b: ManifestFile): boolean {
  return a?.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/**
 * The memory of the build that published `out`, if it stands for this build's inputs but article files:
 * the same code, options and working folder, the output as that build (or a build patching its model)
 * published it, no publish left half-done (`journal`), and every changed file an article file it knew.
 * Else why not (the caller models the whole site, as without a memory).
 */
export async function recall(
  files: { head: string; body: string },
  options: RecallOptions,
): Promise<Recalled | { refused: string }> {
  try {
    return await recalled(files, options);
  } catch {
    // A head or model damaged in a way its checks did not catch: as without one.
    return { refused: "the memory cannot be read" };
  }
}

function validHead(value: unknown): value is MemoryHead {
  const head = value as Partial<MemoryHead> | null;
  const files = head?.files;
  const count = files?.names.length;
  return (
    typeof head === "object" &&
    head !== null &&
    head.version === VERSION &&
    typeof head.token === "string" &&
    Array.isArray(files?.names) &&
    [files?.sizes, files?.mtimes, files?.ctimes, files?.inos].every(
      (column) => column instanceof Float64Array && column.length === count,
    ) &&
    Array.isArray(files?.digests) &&
    files.digests.length === count
  );
}

function validBody(value: unknown): value is MemoryBody {
  const body = value as Partial<MemoryBody> | null;
  return (
    typeof body === "object" &&
    body !== null &&
    typeof body.token === "string" &&
    body.byFile instanceof Map &&
    Array.isArray(body.site?.articles) &&
    Array.isArray(body.diagnostics)
  );
}

async function recalled(
  files: { head: string; body: string },
  options: RecallOptions,
): Promise<Recalled | { refused: string }> {
  const { taken, contentDir, out } = options;
  const headBytes = await readFile(files.head).catch(() => undefined);
  if (!headBytes) return { refused: "there is none" };
  const head: unknown = deserialize(headBytes);
  if (!validHead(head)) return { refused: "a memory of another version, or damaged" };
  if (head.settled !== taken.settled) return { refused: "the code, options or content folder changed" };
  if (head.cwd !== process.cwd()) return { refused: "another working folder" };
  if (!sameManifest(await manifestFile(out), head.manifest))
    return { refused: "the output is not the one the memory published" };
  if (
    await stat(options.journal).then(
      () => true,
      () => false,
    )
  )
    return { refused: "a publish was left half-done" };
  const { changed, index } = changedFiles(head.files, taken, contentDir);
  const other = changed.find(
    (name) => !name.startsWith("articles/") || !name.endsWith(".md") || !index.has(name),
  );
  if (other !== undefined) return { refused: `${other} is not an article file edited in place` };
  if (changed.length === 0) return { refused: "no article file changed" };
  const refused = await editRefused(changed, head.files, index, contentDir);
  if (refused) return { refused };
  mark("memory head read");
  const bodyBytes = await readFile(files.body).catch(() => undefined);
  if (!bodyBytes) return { refused: "the memory's model is missing" };
  const body: unknown = deserialize(bodyBytes);
  if (!validBody(body)) return { refused: "the memory's model is damaged" };
  if (body.token !== head.token) return { refused: "the memory's model is another build's" };
  mark("memory read");
  const manifest = await readManifest(out);
  const file = await manifestFile(out);
  if (!manifest || !file || !sameManifest(file, head.manifest))
    return { refused: "the output is not the one the memory published" };
  mark("manifest read");
  const settings = body.site.settings;
  const md = createMarkdown({ embedHosts: settings.embedHosts });
  const check = articleChecker(settings);
  const bodied = new Set<object>();
  for (const r of body.byFile.values()) {
    const { input } = r;
    bodied.add(r.article);
    withLazyHtml(r.article, () => {
      const read = readArticleFile(path.resolve(input.file), check);
      // The stamp saw the file unchanged (size, times, inode); its bytes must agree.
      if (read?.input === undefined || read.hash !== input.sourceHash)
        throw new Error(`${input.file} changed while the site was built from memory: build again`);
      return bodyOf({ ...input, body: read.input.body }, md)();
    });
  }
  if (!body.site.articles.every((a) => bodied.has(a))) return { refused: "an article shown has no file" };
  return {
    site: {
      site: body.site,
      byFile: body.byFile,
      diagnostics: body.diagnostics,
      ...(body.nextScheduled !== undefined ? { nextScheduled: body.nextScheduled } : {}),
    },
    plan: {
      hashes: manifest.pages,
      fingerprint: manifest.fingerprint,
      ...(manifest.sources ? { sources: manifest.sources } : {}),
      published: { manifest, file },
    },
    changed,
    head,
  };
}
