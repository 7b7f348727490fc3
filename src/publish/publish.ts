import { constants } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { diagnostic } from "../core/diagnostics.ts";
import { mark } from "../core/trace.ts";
import type { Diagnostic } from "../core/types.ts";
import { type Changes, planChanges, stagedHashes } from "./changes.ts";
import { failureDiagnostic } from "./errors.ts";
import type { PublishFs } from "./fs.ts";
import { applyJournal, journalFor, undoUncommitted, writeJournal } from "./journal.ts";
import type { Lock } from "./lock.ts";
import { type Manifest, publishedManifestIs, writeManifest } from "./manifest.ts";
import { FINISHED_RULE } from "./output.ts";
import { currentOwner } from "./owner.ts";
import { pauseAt } from "./pause.ts";
import type { Places } from "./places.ts";

export const INTERRUPTED_RULE = "publish/interrupted";
/** A build whose pages were published but whose search index failed: the previous index stays. */
export const SEARCH_BEHIND_RULE = "publish/search-behind";

/** The last line of a failed build: whether the output is as it was, or partly updated. */
export function failureLine(diagnostics: readonly Diagnostic[], shownOut: string): string {
  if (diagnostics.some((d) => d.rule === INTERRUPTED_RULE))
    return `Build failed while publishing: ${shownOut}/ is partly updated; the next build finishes it first.`;
  if (diagnostics.some((d) => d.rule === SEARCH_BEHIND_RULE))
    return `Build failed after publishing the pages: ${shownOut}/ has this build's pages and the previous search index; the next build indexes the search again.`;
  if (diagnostics.some((d) => d.rule === FINISHED_RULE))
    return `Build failed: nothing of this build was written; ${shownOut}/ holds the interrupted earlier build's site, now finished.`;
  return `Build failed: nothing was written; ${shownOut}/ is unchanged.`;
}

export interface PublishInput {
  places: Places;
  /** This build's manifest; its `outputs` are completed here with every staged file's hash. */
  manifest: Manifest;
  /** Hashes of the files this build wrote. */
  current: ReadonlyMap<string, string>;
  /** Published files the new site keeps as they are (reused pages, a reused search index), with hashes. */
  kept: ReadonlyMap<string, string>;
  /** The previous build's manifest, if the output has one. */
  previous?: Manifest;
  /** Trust the previous manifest's hashes (false for --full: compare bytes). */
  trustPrevious: boolean;
  lock: Lock;
  fs: PublishFs;
  /** Which publish this is: the pages' (default, with photos) or, after it, the search index's. */
  part?: "pages" | "search";
}

export interface Published {
  moved: number;
  removed: number;
  unchanged: number;
}

export type PublishResult =
  | { published: Published; diagnostics: [] }
  | { published?: undefined; diagnostics: Diagnostic[] };

/**
 * Checks before the point of no return what the renames will need: one file system for staging and output,
 * and write permission in every folder that gains or loses a file.
 */
async function preflight(places: Places, dirs: Iterable<string>, fs: PublishFs): Promise<void> {
  const staged = await stat(places.staging);
  const target = await stat(places.out).catch(() => stat(places.parent));
  if (staged.dev !== target.dev)
    throw Object.assign(new Error("different file systems"), {
      code: "EXDEV",
      syscall: "rename",
      path: places.out,
    });
  for (const dir of dirs) await fs.access(dir, constants.W_OK);
}

const up = (rel: string) => {
  const dir = path.posix.dirname(rel);
  return dir === "." ? "" : dir;
};

/** The existing folders whose entries a publish changes: for a folder to be created, its nearest parent. */
function touchedFolders(places: Places, changes: Changes): string[] {
  const created = new Set(changes.dirs);
  const folders = new Set<string>();
  for (const rel of [...changes.move, ...changes.remove, ...changes.removeFirst, ...changes.dirs]) {
    let dir: string | undefined = rel === "" ? undefined : up(rel);
    while (dir !== undefined && created.has(dir)) dir = dir === "" ? undefined : up(dir);
    folders.add(dir === undefined ? places.parent : path.join(places.out, dir));
  }
  return [...folders].sort();
}

/**
 * Whether the output can take the staging folder whole: it does not exist, or it is an empty folder that a
 * folder made beside it would be (the staging folder: the same owner, group and permissions), which this
 * build may write into. Anything else is published file by file, as before: a file, a symbolic link, a
 * folder holding even one hidden file, a read-only one, or one whose owner, group or permissions were set
 * apart (folders made in a setgid folder take its group and setgid bit, as the file-by-file publish's do).
 */
async function takesWhole(places: Places, fs: PublishFs): Promise<boolean> {
  const found = await lstat(places.out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!found) return true;
  if (!found.isDirectory() || (await readdir(places.out)).length > 0) return false;
  const staged = await stat(places.staging);
  if (found.uid !== staged.uid || found.gid !== staged.gid || found.mode !== staged.mode) return false;
  // A folder this build may not write into: the file-by-file publish says so, as it always did.
  return fs.access(places.out, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Why a rename of the staging folder onto the output may fail with nothing changed, where publishing file by
 * file still can: something was put into the output meanwhile, or the output is a mount point (EBUSY).
 */
const TAKEN = new Set(["ENOTEMPTY", "EEXIST", "ENOTDIR", "EISDIR", "EBUSY"]);

/**
 * The first publish of the pages into an output folder that does not exist or is empty: the staging folder
 * becomes the output with one rename, which replaces an empty folder atomically. There is nothing to write
 * down first: a build killed before the rename leaves the output as it was and its staging folder (which the
 * next build removes), and after it the whole new site, its manifest included. No folder is made and no file
 * looked at in the output, where planning a publish file by file costs seconds for a large site. Returns
 * undefined when the output cannot take the staging folder whole (the caller publishes file by file).
 */
async function publishWhole(input: PublishInput): Promise<PublishResult | undefined> {
  const { places, manifest, fs } = input;
  if (!(await takesWhole(places, fs))) return undefined;
  const hashes = await stagedHashes(places.staging, input.current);
  mark("changes planned");
  const given = manifest.outputs;
  manifest.outputs = given.size === 0 ? hashes : new Map([...given, ...hashes]);
  await writeManifest(places.staging, manifest, fs);
  mark("manifest written");
  await preflight(places, [places.parent], fs);
  await pauseAt("staged");
  if (!(await input.lock.verify())) return lockTaken(places, input.lock);
  try {
    await fs.rename(places.staging, places.out);
  } catch (error) {
    if (!TAKEN.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
    manifest.outputs = given;
    return undefined;
  }
  return { published: { moved: hashes.size, removed: 0, unchanged: 0 }, diagnostics: [] };
}

function lockTaken(places: Places, lock: Lock): PublishResult {
  return {
    diagnostics: [
      diagnostic(
        "error",
        "publish/locked",
        lock.file,
        1,
        `another build took over the lock of ${places.shownOut} while this one was rendering; nothing was published`,
      ),
    ],
  };
}

/**
 * Publishes a finished staging folder into the output folder in place: plans the changes, writes the
 * manifest and then the journal, and applies it. Any failure before the first rename leaves the output as
 * it was; a failure after it leaves the journal, which the next build rolls forward.
 */
export async function publishStaged(input: PublishInput): Promise<PublishResult> {
  const { places, manifest, fs } = input;
  // Nothing published there yet, nothing kept: the pages' first publish may move the staging folder whole.
  if (input.part !== "search" && !input.previous && input.kept.size === 0) {
    const whole = await publishWhole(input);
    if (whole) return whole;
  }
  const names = { staging: places.staging, outDir: places.out, shownOut: places.shownOut };
  const changes = await planChanges({
    staging: places.staging,
    out: places.out,
    shownOut: places.shownOut,
    trusted: input.trustPrevious ? input.previous?.outputs : undefined,
    owned: input.previous?.outputs.keys() ?? [],
    current: input.current,
    kept: input.kept,
  });
  mark("changes planned");
  if (changes.conflicts.length > 0) return { diagnostics: changes.conflicts };
  // Every file of the new site, staged or kept, and its hash.
  manifest.outputs =
    manifest.outputs.size === 0 ? changes.hashes : new Map([...manifest.outputs, ...changes.hashes]);
  const written = await writeManifest(places.staging, manifest, fs);
  // A file moved or removed changes the manifest's record of it: only when none is, is the published
  // manifest read to compare with the bytes just written (and only when its size is theirs).
  changes.manifest =
    changes.move.length > 0 || changes.remove.length > 0 || !(await publishedManifestIs(places.out, written));

  mark("manifest written");
  const published = {
    moved: changes.move.length,
    removed: changes.remove.length,
    unchanged: changes.unchanged,
  };
  if (
    !changes.manifest &&
    changes.move.length === 0 &&
    changes.remove.length === 0 &&
    changes.dirs.length === 0
  ) {
    await fs.rm(places.staging, { recursive: true, force: true }).catch(() => undefined);
    return { published, diagnostics: [] };
  }
  await preflight(places, touchedFolders(places, changes), fs);
  await pauseAt(input.part === "search" ? "search-staged" : "staged");
  if (!(await input.lock.verify())) return lockTaken(places, input.lock);
  const journal = journalFor(places, await currentOwner(), changes);
  let committed = false;
  try {
    await writeJournal(places, journal, fs);
    await applyJournal(places, journal, {
      fs,
      fresh: true,
      ...(input.part ? { part: input.part } : {}),
      onCommit: () => {
        committed = true;
      },
    });
    return { published, diagnostics: [] };
  } catch (error) {
    if (!committed) {
      await undoUncommitted(places, journal, fs);
      throw error;
    }
    return {
      diagnostics: [
        failureDiagnostic(error, "publishing", names),
        diagnostic(
          "error",
          INTERRUPTED_RULE,
          places.journal,
          1,
          `publishing to ${places.shownOut} stopped midway: part of the output is new, part old`,
          {
            hint: "fix the problem above and build again: the next build finishes this publish first (its journal is kept)",
          },
        ),
      ],
    };
  }
}
