import { readdirSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import { failureDiagnostic } from "./errors.ts";

/** The warning of a build that first finished a publish an earlier, killed build left half done. */
export const FINISHED_RULE = "publish/finished-interrupted";

import { nodeFs, type PublishFs } from "./fs.ts";
import { applyJournal, type Journal, readJournal } from "./journal.ts";
import { acquireLock } from "./lock.ts";
import { readManifest, replaceManifest } from "./manifest.ts";
import { hostName, ownerAlive } from "./owner.ts";
import { type Places, places as placesOf, stagingOwner } from "./places.ts";

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  // Synchronous: Node's recursive readdir with promises makes one round trip per folder, and a site has a
  // folder per page.
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  // The entries' folders begin with `dir` as given: cut it off rather than resolve every path again.
  const prefix = `${dir}${dir.endsWith(path.sep) ? "" : path.sep}`;
  const relative = (e: (typeof entries)[number]) =>
    e.parentPath === dir
      ? e.name
      : e.parentPath.startsWith(prefix)
        ? `${e.parentPath.slice(prefix.length)}${path.sep}${e.name}`
        : path.relative(dir, path.join(e.parentPath, e.name));
  return entries.filter((e) => e.isFile()).map(relative);
}

/** This process's fresh staging folder beside the output, so the final moves are renames on one disk. */
export async function createStaging(places: Places, fs: PublishFs = nodeFs): Promise<string> {
  await fs.rm(places.staging, { recursive: true, force: true });
  await fs.mkdir(places.staging, { recursive: true });
  return places.staging;
}

export async function discardStaging(staging: string, fs: PublishFs = nodeFs): Promise<void> {
  await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * After a publish that cannot be finished (its staging folder is gone): the output is partly the old site
 * and partly the new, so its manifest may no longer describe it. Replace it with one that claims nothing:
 * the next build renders every page and compares every file by its bytes, and still owns (may remove)
 * every file either build published.
 */
async function distrustManifest(places: Places, journal: Journal | undefined, fs: PublishFs): Promise<void> {
  const hasOut = await readdir(places.out).then(
    () => true,
    () => false,
  );
  if (!hasOut) return fs.unlink(places.journal); // killed before the output folder was even made
  const previous = await readManifest(places.out);
  const files = [...(previous?.outputs.keys() ?? []), ...(journal?.move ?? [])];
  const outputs = new Map(files.map((f) => [f, ""]));
  await replaceManifest(places.out, { fingerprint: "", pages: new Map(), outputs }, fs);
  await fs.unlink(places.journal).catch(() => undefined);
}

const LEGACY = /^(?:old|search)-(\d+)(?:-old)?$|^journal\.json\.tmp-(\d+)$/;

/** Whether `name`, beside the output, is a staging folder or scrap of a build that is over. */
async function leftover(places: Places, name: string): Promise<boolean> {
  if (name === path.basename(places.staging)) return false;
  const owner = stagingOwner(places.base, name);
  // The caller holds the lock, so a build on another machine cannot be publishing from its staging folder.
  if (owner) return (await ownerAlive(owner)) !== true;
  if (!name.startsWith(`${places.base}.`)) return false;
  // Scraps named by pid alone: journals being written, and folders of builds before the journal.
  const match = LEGACY.exec(name.slice(places.base.length + 1));
  const pid = match?.[1] ?? match?.[2];
  return pid !== undefined && (await ownerAlive({ pid: Number(pid), host: hostName() })) === false;
}

/**
 * Cleans up after builds that were killed. Call it holding the output's lock. A publish that was cut off
 * is finished from its journal (roll forward), so the output is exactly that build's; if its staging
 * folder is gone the manifest is replaced by one that forces a full, byte-compared build. Staging folders
 * of processes that are no longer running are removed; a live build's never are.
 */
export async function recoverInterrupted(
  outDir: string | Places,
  fs: PublishFs = nodeFs,
): Promise<Diagnostic[]> {
  const where = typeof outDir === "string" ? await placesOf(outDir) : outDir;
  const names = { outDir: where.out, shownOut: where.shownOut };
  const finished: Diagnostic[] = [];
  try {
    const state = await readJournal(where);
    if (state.kind !== "none") {
      const journal = state.kind === "found" ? state.journal : undefined;
      const stagingThere =
        journal !== undefined &&
        (await readdir(path.join(where.parent, journal.staging)).then(
          () => true,
          () => false,
        ));
      if (journal && stagingThere) {
        await applyJournal(where, journal, { fs });
        finished.push(
          diagnostic(
            "warning",
            FINISHED_RULE,
            where.journal,
            1,
            `an earlier build to ${where.shownOut} was interrupted while publishing; its publish was finished, so the output now holds that build's site`,
          ),
        );
      } else await distrustManifest(where, journal, fs);
    }
    const siblings = await readdir(where.parent).catch(() => [] as string[]);
    // Builds before the journal swapped whole folders: put back a site renamed aside and never replaced.
    const hasOut = siblings.includes(where.base);
    const olds = siblings.filter((n) => n.startsWith(`${where.base}.old-`)).sort();
    const restore = olds.at(-1);
    if (!hasOut && restore && (await leftover(where, restore)))
      await fs.rename(path.join(where.parent, restore), where.out);
    for (const name of siblings) {
      if (name === restore && !hasOut) continue;
      if (name.startsWith(`${where.base}.`) && (await leftover(where, name)))
        await fs.rm(path.join(where.parent, name), { recursive: true, force: true });
    }
    return finished;
  } catch (error) {
    return [
      failureDiagnostic(error, "recovering", names),
      diagnostic(
        "error",
        "publish/interrupted",
        where.journal,
        1,
        `an earlier publish to ${where.shownOut} was interrupted and could not be finished; the output may be part old, part new`,
        { hint: "fix the problem above and build again: the next build finishes the earlier publish first" },
      ),
    ];
  }
}

/**
 * Finishes an interrupted publish even when this build stops early (its content has errors), so a kill
 * followed by any next build leaves exactly one build's output. Only if a journal is there, and only if no
 * other build holds the lock (that build will finish it).
 */
export async function finishInterrupted(places: Places, fs: PublishFs = nodeFs): Promise<Diagnostic[]> {
  if ((await readJournal(places)).kind === "none") return [];
  const { lock } = await acquireLock(places, { fs });
  if (!lock) return [];
  try {
    return await recoverInterrupted(places, fs);
  } finally {
    await lock.release();
  }
}
