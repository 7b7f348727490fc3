import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import Image from "@11ty/eleventy-img";
import sharp from "sharp";
import { mapLimit } from "../core/limit.ts";
import type { PhotoJob } from "../core/types.ts";
import { PHOTO_DIR, photoCropUrl, photoUrl } from "../core/urls.ts";

/**
 * The photo stage: every local photo of the Site turned into its files (AVIF, WebP and JPEG at each width,
 * with `@11ty/eleventy-img`; the JPEG crops for structured data, with sharp), once per build, not per page.
 * A photo's files are made once and kept in a cache folder keyed by the photo's bytes
 * (`.cache/dateline/images/<key>/`, safe to delete), so an unchanged photo is never processed twice; each
 * build copies them into its output under `/img/`.
 */

/** Photos processed at once: sharp runs its own threads, and the machine has few cores. */
const PHOTO_CONCURRENCY = 2;

/** Quality settings: also stop eleventy-img from copying a JPEG as it is, with its EXIF data (GPS, camera). */
const QUALITY = {
  sharpJpegOptions: { quality: 80, mozjpeg: true },
  sharpWebpOptions: { quality: 75 },
  sharpAvifOptions: { quality: 55 },
};

/** The record kept beside a photo's files in the cache: each file's name and SHA-1. */
const DONE_FILE = "files.json";

export interface PhotoOptions {
  /** The cache folder (`.cache/dateline/images/`). */
  cacheDir: string;
  /**
   * Whether a file is already published with these bytes (by path in the output and SHA-1): then it is not
   * copied again but kept where it is.
   */
  published?: (file: string, sha1: string) => Promise<boolean>;
}

export interface PhotosWritten {
  /** Files copied into the output folder (path relative to it, forward slashes) → SHA-1 of their bytes. */
  written: Map<string, string>;
  /** Files already published with the same bytes, left where they are → SHA-1. */
  kept: Map<string, string>;
  /** Photos processed in this build. */
  processed: number;
  /** Photos whose files came from the cache. */
  cached: number;
}

const sha1 = (bytes: Buffer) => createHash("sha1").update(bytes).digest("hex");

/** The output files of a photo, by file name in `/img/`. */
function fileNames(job: PhotoJob): string[] {
  const { key } = job.source;
  return [
    ...job.widths.flatMap((w) =>
      ["avif", "webp", "jpeg"].map((ext) => path.posix.basename(photoUrl(key, w, ext))),
    ),
    ...job.crops.map((c) => path.posix.basename(photoCropUrl(key, c.width, c.height))),
  ];
}

async function readDone(dir: string): Promise<Record<string, string> | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, DONE_FILE), "utf8")) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** Makes every file of one photo in `dir` (a fresh folder). */
async function processPhoto(job: PhotoJob, dir: string): Promise<void> {
  const { source } = job;
  await Image(source.file, {
    widths: job.widths,
    formats: ["avif", "webp", "jpeg"],
    outputDir: dir,
    urlPath: `/${PHOTO_DIR}/`,
    useCache: false,
    filenameFormat: (_id: string, _src: string, width: number, format: string) =>
      `${source.key}-${width}.${format}`,
    ...QUALITY,
  });
  for (const crop of job.crops)
    await sharp(source.file)
      .rotate()
      .resize(crop.width, crop.height, { fit: "cover", position: "centre" })
      .jpeg(QUALITY.sharpJpegOptions)
      .toFile(path.join(dir, path.posix.basename(photoCropUrl(source.key, crop.width, crop.height))));
}

/** A photo's files in the cache: made now (processed) or found there (cached); file name → SHA-1. */
async function cachedFiles(
  job: PhotoJob,
  cacheDir: string,
): Promise<{ dir: string; files: Record<string, string>; processed: boolean }> {
  const dir = path.join(cacheDir, job.source.key);
  const names = fileNames(job);
  const done = await readDone(dir);
  if (done && names.every((name) => done[name])) return { dir, files: done, processed: false };
  const fresh = `${dir}.${process.pid}.tmp`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  try {
    await processPhoto(job, fresh);
    const files: Record<string, string> = {};
    for (const name of names) files[name] = sha1(await readFile(path.join(fresh, name)));
    // The record last: a folder without it is incomplete and made again.
    await writeFile(path.join(fresh, DONE_FILE), `${JSON.stringify(files)}\n`);
    await rm(dir, { recursive: true, force: true });
    // Another build may cache the same photo meanwhile; its files are the same, so either folder will do.
    await rename(fresh, dir).catch(() => undefined);
    return { dir, files, processed: true };
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/**
 * Writes every photo of `jobs` into `outDir/img/`, from the cache, processing only the photos not cached
 * yet, a few at a time. Files already published with the same bytes are kept, not copied.
 */
export async function writePhotos(
  jobs: readonly PhotoJob[],
  outDir: string,
  options: PhotoOptions,
): Promise<PhotosWritten> {
  const result: PhotosWritten = { written: new Map(), kept: new Map(), processed: 0, cached: 0 };
  if (jobs.length === 0) return result;
  await mkdir(options.cacheDir, { recursive: true });
  await mkdir(path.join(outDir, PHOTO_DIR), { recursive: true });
  await mapLimit(jobs, PHOTO_CONCURRENCY, async (job) => {
    const { dir, files, processed } = await cachedFiles(job, options.cacheDir);
    if (processed) result.processed++;
    else result.cached++;
    for (const name of fileNames(job)) {
      const relative = `${PHOTO_DIR}/${name}`;
      const hash = files[name] as string;
      if (options.published && (await options.published(relative, hash))) {
        result.kept.set(relative, hash);
        continue;
      }
      await copyFile(path.join(dir, name), path.join(outDir, PHOTO_DIR, name));
      result.written.set(relative, hash);
    }
  });
  return result;
}
