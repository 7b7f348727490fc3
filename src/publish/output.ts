import { mkdir, readdir, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { SEARCH_DIR } from "../render/search.ts";

/**
 * Cleans up after a build that was killed: removes leftover staging folders beside `outDir`, and if the
 * kill came between the two renames of `publishStaging`, puts the previous output back.
 */
export async function recoverInterrupted(outDir: string): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const siblings = await readdir(parent).catch(() => [] as string[]);
  const hasTarget = siblings.includes(base);
  // A search index swap that was cut off (build.ts, updateSearchIndex): put the old index back if the
  // site has none, then clear the leftovers.
  const oldSearch = siblings.find((name) => name.startsWith(`${base}.search-`) && name.endsWith("-old"));
  if (oldSearch && hasTarget) {
    const index = path.join(target, SEARCH_DIR);
    if (!(await stat(index).catch(() => undefined))) await rename(path.join(parent, oldSearch), index);
  }
  for (const name of siblings) {
    if (name.startsWith(`${base}.staging-`) || name.startsWith(`${base}.search-`)) {
      await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
  const olds = siblings.filter((name) => name.startsWith(`${base}.old-`)).sort();
  const restore = hasTarget ? undefined : olds.pop();
  if (restore) await rename(path.join(parent, restore), target);
  for (const name of olds) await rm(path.join(parent, name), { recursive: true, force: true });
}

/** A fresh staging folder beside `outDir`, so the final move is a rename on the same file system. */
export async function createStaging(outDir: string): Promise<string> {
  await recoverInterrupted(outDir);
  const staging = path.join(
    path.dirname(path.resolve(outDir)),
    `${path.basename(outDir)}.staging-${process.pid}`,
  );
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  return staging;
}

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Hashes of output files' bytes, from the previous build's manifest and from this build's writes. */
export interface KnownHashes {
  previous: Record<string, string>;
  current: ReadonlyMap<string, string>;
}

/**
 * Gives each staged file whose bytes equal the published file at the same path that file's modification
 * time, so deploy tools that compare size and mtime upload only what changed. Files hard-linked from the
 * previous build are unchanged by definition; files whose hashes are known from both builds are compared by
 * hash; the rest are compared byte for byte. Returns the number of unchanged files.
 */
export async function keepUnchangedTimes(
  staging: string,
  outDir: string,
  known?: KnownHashes,
): Promise<number> {
  const files = await listFiles(staging);
  let unchanged = 0;
  const BATCH = 64;
  for (let i = 0; i < files.length; i += BATCH) {
    const results = await Promise.all(
      files.slice(i, i + BATCH).map(async (file) => {
        const fresh = path.join(staging, file);
        const published = path.join(outDir, file);
        const key = file.split(path.sep).join("/");
        const before = known?.previous[key];
        const now = known?.current.get(key);
        if (before !== undefined && now !== undefined && before !== now) return false;
        const old = await stat(published).catch(() => undefined);
        if (!old?.isFile()) return false;
        const current = await stat(fresh);
        if (current.ino === old.ino && current.dev === old.dev) return true; // hard-linked from the previous build
        if (current.size !== old.size) return false;
        if (before === undefined || now === undefined) {
          const [a, b] = await Promise.all([readFile(fresh), readFile(published)]);
          if (!a.equals(b)) return false;
        }
        await utimes(fresh, old.atimeMs / 1000, old.mtimeMs / 1000);
        return true;
      }),
    );
    unchanged += results.filter(Boolean).length;
  }
  return unchanged;
}

/**
 * Moves a finished staging folder into place. The previous output is renamed aside first, so at no moment
 * is there a half-written site at `outDir`. Returns a function that removes the previous output: the caller
 * runs it once the new site is live (removing tens of thousands of files takes seconds).
 */
export async function publishStaging(staging: string, outDir: string): Promise<() => Promise<void>> {
  const target = path.resolve(outDir);
  const old = `${target}.old-${process.pid}`;
  let hadPrevious = true;
  try {
    await rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadPrevious = false;
  }
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadPrevious) await rename(old, target);
    throw error;
  }
  return async () => {
    if (hadPrevious) await rm(old, { recursive: true, force: true });
  };
}

export async function discardStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}
