import { lstat, open, readFile } from "node:fs/promises";
import path from "node:path";
import { mapLimit } from "../core/limit.ts";
import { errorCode, ignoreMissing, type PublishFs } from "./fs.ts";
import { LEGACY_MANIFEST_FILE, MANIFEST_FILE } from "./manifest.ts";
import type { Owner } from "./owner.ts";
import { type PausePoint, type PublishPause, pauseAt } from "./pause.ts";
import type { Places } from "./places.ts";

/**
 * The publish journal: written (complete, then renamed into place) before the first change to the output
 * folder, removed after the last. It lists every step, so a publish that was killed midway is finished by
 * the next build (roll forward): each step can be run again without harm. The manifest is moved last, so
 * while a journal exists the output's manifest is the previous build's.
 */
export interface Journal {
  version: 1;
  /** The staging folder's name, beside the output. */
  staging: string;
  owner: Owner;
  dirs: string[];
  removeFirst: string[];
  move: string[];
  remove: string[];
  manifest: boolean;
}

export function journalFor(
  places: Places,
  owner: Owner,
  changes: Pick<Journal, "dirs" | "removeFirst" | "move" | "remove" | "manifest">,
): Journal {
  const { dirs, removeFirst, move, remove, manifest } = changes;
  return {
    version: 1,
    staging: path.basename(places.staging),
    owner,
    dirs,
    removeFirst,
    move,
    remove,
    manifest,
  };
}

const temporaryJournal = (places: Places) => `${places.journal}.tmp-${process.pid}`;

export async function writeJournal(places: Places, journal: Journal, fs: PublishFs): Promise<void> {
  const temporary = temporaryJournal(places);
  await fs.writeFile(temporary, `${JSON.stringify(journal)}\n`);
  const handle = await open(temporary, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, places.journal);
}

export type JournalState = { kind: "none" } | { kind: "found"; journal: Journal } | { kind: "unreadable" };

export async function readJournal(places: Places): Promise<JournalState> {
  let text: string;
  try {
    text = await readFile(places.journal, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { kind: "none" };
    return { kind: "unreadable" };
  }
  try {
    const journal = JSON.parse(text) as Journal;
    const lists = [journal.dirs, journal.removeFirst, journal.move, journal.remove];
    const safe = (p: unknown) =>
      typeof p === "string" && !path.isAbsolute(p) && !p.split("/").includes("..") && !p.includes("\\");
    if (journal.version !== 1 || !safe(journal.staging) || journal.staging.includes("/"))
      return { kind: "unreadable" };
    if (!lists.every((list) => Array.isArray(list) && list.every(safe))) return { kind: "unreadable" };
    return { kind: "found", journal };
  } catch {
    return { kind: "unreadable" };
  }
}

/** How many renames (and folder creations) a publish runs at once. */
const MOVE_CONCURRENCY = 32;

/** A search shard's entry file, which must move after the files it names. */
function isShardEntry(file: string): boolean {
  return file.endsWith("/pagefind-entry.json");
}

/** Removes the folders above `file` that its removal left empty, never the output folder itself. */
async function prune(out: string, file: string, fs: PublishFs): Promise<void> {
  for (let dir = path.dirname(file); dir !== "." && dir !== ""; dir = path.dirname(dir)) {
    try {
      await fs.rmdir(path.join(out, dir));
    } catch (error) {
      if (errorCode(error) !== "ENOENT") return; // not empty: it holds something else
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

export interface ApplyOptions {
  fs: PublishFs;
  /** A new publish (not a roll forward): stop at the test pause points. */
  fresh?: boolean;
  /** Which publish this is, for the names of its pause points: the pages' (default) or the search index's. */
  part?: "pages" | "search";
  /** Called once the folders exist, just before the first change a reader of the site can see. */
  onCommit?: () => void;
}

/**
 * Carries out a journal: creates the folders, removes what stands in the way, moves each new or changed
 * file into place with a rename, removes the files the new site no longer has (and folders left empty),
 * moves the manifest last (removing a manifest of the earlier JSON format), then deletes the journal and the
 * staging folder. Every step may be repeated.
 */
export async function applyJournal(places: Places, journal: Journal, options: ApplyOptions): Promise<void> {
  const { fs } = options;
  const out = places.out;
  const staging = path.join(places.parent, journal.staging);
  // Folders where a previous file still stands are made once it is removed, after the point of no return.
  const blocked = (dir: string) => journal.removeFirst.some((f) => dir === f || dir.startsWith(`${f}/`));
  // After a failure no folder is begun, and the error is thrown only once those begun are made: the undo of
  // a failed publish (undoUncommitted) must not race a folder still being created.
  let failure: { error: unknown } | undefined;
  await mapLimit(
    journal.dirs.filter((dir) => !blocked(dir)),
    MOVE_CONCURRENCY,
    async (dir) => {
      if (failure) return;
      await fs.mkdir(path.join(out, dir), { recursive: true }).catch((error: unknown) => {
        failure ??= { error };
      });
    },
  );
  if (failure) throw failure.error;
  const pause = (point: PublishPause): PausePoint => (options.part === "search" ? `search-${point}` : point);
  if (options.fresh) await pauseAt(pause("journaled"));
  options.onCommit?.();
  for (const file of journal.removeFirst) {
    await ignoreMissing(fs.unlink(path.join(out, file)));
    await prune(out, file, fs);
  }
  for (const dir of journal.dirs.filter(blocked)) await fs.mkdir(path.join(out, dir), { recursive: true });
  const moveOne = async (file: string) => {
    const from = path.join(staging, file);
    const to = path.join(out, file);
    try {
      await fs.rename(from, to);
    } catch (error) {
      if (errorCode(error) !== "ENOENT" || (await exists(from))) throw error;
      if (!(await exists(to))) throw error; // neither here nor there: the staged copy was lost
    }
  };
  // The renames are independent, so several run at once; a search shard's entry file (which names the
  // shard's other files) still moves only after every other file, one at a time.
  const entries = journal.move.filter(isShardEntry);
  const files = journal.move.filter((file) => !isShardEntry(file));
  const half = Math.floor(files.length / 2);
  await mapLimit(files.slice(0, half), MOVE_CONCURRENCY, moveOne);
  if (options.fresh && half > 0) await pauseAt(pause("publishing"));
  await mapLimit(files.slice(half), MOVE_CONCURRENCY, moveOne);
  for (const file of entries) await moveOne(file);
  for (const file of journal.remove) {
    await ignoreMissing(fs.unlink(path.join(out, file)));
    await prune(out, file, fs);
  }
  if (journal.manifest) {
    await fs.rename(path.join(staging, MANIFEST_FILE), path.join(out, MANIFEST_FILE)).catch(async (error) => {
      if (errorCode(error) !== "ENOENT" || (await exists(path.join(staging, MANIFEST_FILE)))) throw error;
    });
    // An output built before the compact manifest: the new manifest replaces its JSON one.
    await ignoreMissing(fs.unlink(path.join(out, LEGACY_MANIFEST_FILE)));
  }
  await ignoreMissing(fs.unlink(places.journal));
  // The site is published; a staging folder that cannot be removed now is removed by the next build.
  await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
}

/** Undoes the part of a new publish that comes before `onCommit`: the folders it created, the journal. */
export async function undoUncommitted(places: Places, journal: Journal, fs: PublishFs): Promise<void> {
  for (const dir of [...journal.dirs].reverse())
    await fs.rmdir(path.join(places.out, dir)).catch(() => undefined);
  await ignoreMissing(fs.unlink(places.journal)).catch(() => undefined);
  await ignoreMissing(fs.unlink(temporaryJournal(places))).catch(() => undefined);
}
