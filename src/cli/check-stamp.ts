import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../core/types.ts";
import { manifestPath } from "../publish/manifest.ts";
import { type TakenStamp, takeStamp } from "../publish/stamp.ts";

/**
 * `npm run check` with nothing changed since its last run: the report of that run, shown again without
 * reading any content. Its stamp is the build's (every content file by path, size and time; the code) plus
 * what else the report depends on: the working folder (paths are shown relative to it), the folders as
 * given, and the identity of the output's manifest (`article/vanished-url` compares with it). Kept in the
 * content cache's folder, one file per content and output folder.
 */

export interface CheckReport {
  diagnostics: Diagnostic[];
  articles: number;
  registryFiles: number;
}

interface Stored extends CheckReport {
  version: 1;
  inputs: string;
}

function reportFile(cacheDir: string, contentDir: string, outDir: string | undefined): string {
  const key = createHash("sha1")
    .update(`${path.resolve(contentDir)}\0${outDir === undefined ? "" : path.resolve(outDir)}`)
    .digest("hex");
  return path.join(cacheDir, `check-${key.slice(0, 16)}.json`);
}

/** The stamp of a check's inputs, taken now. */
export async function checkStamp(contentDir: string, outDir: string | undefined): Promise<TakenStamp> {
  const taken = await takeStamp({ contentDir, preview: true, search: false });
  const published = outDir === undefined ? undefined : await manifestPath(outDir);
  const manifest =
    outDir === undefined
      ? undefined
      : published === undefined
        ? "none"
        : await stat(published).then(
            (s) => `${path.basename(published)}:${s.size}:${s.mtimeMs}:${s.ino}`,
            () => "none",
          );
  const inputs = createHash("sha1")
    .update(JSON.stringify([taken.inputs, process.cwd(), contentDir, outDir ?? null, manifest ?? null]))
    .digest("hex");
  return { ...taken, inputs };
}

/** The report of the last check with the same inputs, if there is one. */
export async function storedReport(
  cacheDir: string,
  contentDir: string,
  outDir: string | undefined,
  taken: TakenStamp,
): Promise<CheckReport | undefined> {
  try {
    const stored = JSON.parse(await readFile(reportFile(cacheDir, contentDir, outDir), "utf8")) as Stored;
    if (stored.version !== 1 || stored.inputs !== taken.inputs) return undefined;
    return {
      diagnostics: stored.diagnostics,
      articles: stored.articles,
      registryFiles: stored.registryFiles,
    };
  } catch {
    return undefined;
  }
}

/** Keeps a check's report for the next run with the same inputs (never when a file was just saved). */
export async function storeReport(
  cacheDir: string,
  contentDir: string,
  outDir: string | undefined,
  taken: TakenStamp,
  report: CheckReport,
): Promise<void> {
  if (taken.racy) return;
  const file = reportFile(cacheDir, contentDir, outDir);
  const stored: Stored = { version: 1, inputs: taken.inputs, ...report };
  try {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(stored)}\n`);
    await rename(temporary, file);
  } catch {
    // A cache that cannot be written only makes the next run slower.
  }
}
