import { cp, mkdir, mkdtemp, readdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixtureDir } from "./build-fixture.ts";

/**
 * A temporary copy of a fixture's content folder, with extra files written into it (paths relative to the
 * content folder). Returns the copy's path; the folder beside it is free for output.
 */
export async function contentWith(fixture: string, files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "dateline-content-"));
  const content = path.join(root, "content");
  await cp(fixtureDir(fixture), content, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(content, file)), { recursive: true });
    await writeFile(path.join(content, file), text);
  }
  return content;
}

/** An hour ago: files this old are trusted by size and times (a file saved within 3 s is not). */
export const PAST = new Date(Date.now() - 3600_000);

/** Sets every file under `dir` to have been modified at `when`. */
export async function setPast(dir: string, when = PAST): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), when, when);
}
