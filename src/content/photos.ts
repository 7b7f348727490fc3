import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import sharp from "sharp";
import { diagnostic } from "../core/diagnostics.ts";
import { mapLimit } from "../core/limit.ts";
import type { ArticleInput, Diagnostic, ImageFile, ImageInput, PhotoSource } from "../core/types.ts";
import { type BodyImage, bodyImages } from "./body-images.ts";
import { type ImageFrontmatter, isRemoteSrc, localSrcProblem } from "./fields/image.ts";
import type { ParsedDocument } from "./frontmatter.ts";
import { MAX_PHOTO_BYTES } from "./limits.ts";

export { type BodyImage, bodyImages } from "./body-images.ts";

/**
 * The photos of the articles, read in the content stage: each local file found (next to the article or
 * under the content folder), read once, measured with sharp and keyed by a hash of its bytes; every problem
 * a diagnostic at the line of the `image:` key or of the body's image. Never throws on content.
 */

/** Bumped when the photo stage writes different files for the same photo, so the cache and URLs change. */
export const PHOTO_SETTINGS_VERSION = "dateline-photos-1";

/** Lead photos narrower than this get a warning: Google's minimum for large previews. */
export const MIN_LEAD_WIDTH = 1200;

/** Photos read at once. */
const READ_CONCURRENCY = 4;

/** An article as the photo check needs it. */
export interface PhotoArticle {
  input: ArticleInput;
  document: ParsedDocument;
  image?: ImageFrontmatter;
  /**
   * The images of its body (`bodyImages`), when found already: the content cache keeps them, so that the
   * body of an unchanged article is not read (or even decoded) to look for images on every run.
   */
  bodyImages?: BodyImage[];
}

type Problem = { rule: string; message: string; hint: string };
type Read = PhotoSource | Problem;

const MIME: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
};

/** The MIME type of a remote image, from its file name's extension; JPEG when it has none known. */
export function remoteType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? "";
  return MIME[ext] ?? "image/jpeg";
}

/** Formats sharp decodes that the photo stage turns into AVIF, WebP and JPEG. */
const RASTER = new Set(["jpeg", "png", "webp", "avif", "tiff", "gif", "heif"]);

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/** Reads and measures one photo file, or says why it cannot be used. */
async function readPhoto(file: string, contentRoot: string, src: string): Promise<Read> {
  const notFound: Problem = {
    rule: "article/image-not-found",
    message: `the photo ${JSON.stringify(src)} was not found (looked for ${path.relative(process.cwd(), file) || file})`,
    hint: "a path is relative to the article's folder, or to the content folder when it starts with /",
  };
  let real: string;
  try {
    real = await realpath(file);
    if (!(await stat(real)).isFile()) return notFound;
  } catch {
    return notFound;
  }
  if (!isInside(real, contentRoot))
    return {
      rule: "article/image-not-found",
      message: `the photo ${JSON.stringify(src)} is a link to a file outside the content folder`,
      hint: "copy the photo into the content folder",
    };
  const unreadable = (why: string): Problem => ({
    rule: "article/image-unreadable",
    message: `the photo ${JSON.stringify(src)} cannot be read as an image (${why})`,
    hint: "save it again as JPEG or PNG",
  });
  try {
    const size = (await stat(real)).size;
    if (size > MAX_PHOTO_BYTES)
      return unreadable(
        `${(size / 1024 / 1024).toFixed(1)} MiB, over the limit of ${MAX_PHOTO_BYTES / 1024 / 1024} MiB`,
      );
    const bytes = await readFile(real);
    const meta = await sharp(bytes, { failOn: "error" }).metadata();
    const format = meta.format ?? "";
    if (!RASTER.has(format)) return unreadable(`its format is ${format || "unknown"}`);
    const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
    if (!oriented.width || !oriented.height) return unreadable("it has no width or height");
    const key = createHash("sha256")
      .update(PHOTO_SETTINGS_VERSION)
      .update("\0")
      .update(bytes)
      .digest("hex")
      .slice(0, 16);
    return { file: real, key, width: oriented.width, height: oriented.height, format };
  } catch (error) {
    return unreadable(
      error instanceof Error ? error.message.split("\n")[0] || "not an image" : "not an image",
    );
  }
}

/**
 * The photo a site path (`/photos/nilufar.jpg`) names in the content folder, read and measured like an
 * article's photo: `undefined` when the content folder has no such file (the path may be served by the host),
 * `{ problem }` when the file is there but cannot be used as a photo.
 */
export async function readSitePhoto(
  src: string,
  contentDir: string,
): Promise<PhotoSource | { problem: string } | undefined> {
  let contentRoot: string;
  try {
    contentRoot = await realpath(contentDir);
  } catch {
    contentRoot = path.resolve(contentDir);
  }
  const read = await readPhoto(photoPath(src, contentDir, contentDir), contentRoot, src);
  if (!("rule" in read)) return read;
  return read.rule === "article/image-not-found" ? undefined : { problem: read.message };
}

/** Where a photo's `src` points: from the content folder with a leading `/`, else from the article's folder. */
export function photoPath(src: string, articleFile: string, contentDir: string): string {
  const decoded = safeDecode(src);
  return decoded.startsWith("/")
    ? path.join(contentDir, decoded)
    : path.join(path.dirname(path.resolve(articleFile)), decoded);
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/**
 * Reads the lead and body photos of every article into `input.image` and `input.bodyPhotos`, each file once
 * however many articles show it, a few at a time. Returns the diagnostics: a missing or unreadable file, an
 * empty `alt` in the body (errors), a lead photo under 1,200 px wide (a warning).
 */
export async function readPhotos(
  articles: readonly PhotoArticle[],
  contentDir: string,
  md: MarkdownIt,
): Promise<Diagnostic[]> {
  let contentRoot: string;
  try {
    contentRoot = await realpath(contentDir);
  } catch {
    contentRoot = path.resolve(contentDir);
  }
  const reads = new Map<string, Promise<Read>>();
  const read = (file: string, src: string) => {
    let pending = reads.get(file);
    if (!pending) {
      pending = readPhoto(file, contentRoot, src);
      reads.set(file, pending);
    }
    return pending;
  };
  const perArticle = await mapLimit(articles, READ_CONCURRENCY, async (article) => {
    const { input, document, image } = article;
    const diagnostics: Diagnostic[] = [];
    const problem = (p: Problem, line: number, field: string) =>
      diagnostics.push(diagnostic("error", p.rule, document.file, line, p.message, { field, hint: p.hint }));
    if (image) {
      // Found only for a diagnostic: the position of a key means reading the frontmatter block again.
      const line = () => document.positionOf(["image", "src"])?.line ?? document.keyLines.get("image") ?? 1;
      const base = {
        alt: image.alt,
        ...(image.caption !== undefined ? { caption: image.caption } : {}),
        ...(image.credit !== undefined ? { credit: image.credit } : {}),
      };
      if (isRemoteSrc(image.src)) {
        const remote: ImageFile = {
          url: image.src,
          width: image.width ?? 0,
          height: image.height ?? 0,
          type: remoteType(image.src),
        };
        input.image = { ...base, remote } satisfies ImageInput;
      } else {
        const photo = await read(photoPath(image.src, document.file, contentDir), image.src);
        if ("rule" in photo) problem(photo, line(), "image");
        else {
          input.image = { ...base, photo };
          if (photo.width < MIN_LEAD_WIDTH)
            diagnostics.push(
              diagnostic(
                "warning",
                "article/image-too-small",
                document.file,
                line(),
                `the lead photo ${JSON.stringify(image.src)} is ${photo.width} px wide; large previews in search and social media need at least ${MIN_LEAD_WIDTH} px`,
                { field: "image", hint: "use a larger version of the photo if there is one" },
              ),
            );
        }
      }
    }
    for (const found of article.bodyImages ?? bodyImages(document.body, document.bodyLine, md)) {
      if (found.alt === "")
        diagnostics.push(
          diagnostic(
            "error",
            "article/body-image-missing-alt",
            document.file,
            found.line,
            `the image ${JSON.stringify(found.src.slice(0, 200))} in the body has no alt text`,
            {
              field: "body",
              hint: "write what the photo shows between the brackets: ![A ferry at the pier](ferry.jpg)",
            },
          ),
        );
      if (found.src === "" || isRemoteSrc(found.src)) continue;
      const bad = localSrcProblem(found.src);
      if (bad) {
        problem(
          {
            rule: "article/invalid-image",
            message: `the image ${JSON.stringify(found.src.slice(0, 200))} in the body cannot be used (${bad})`,
            hint: "give the path of the photo relative to the article's folder, or from the content folder starting with /",
          },
          found.line,
          "body",
        );
        continue;
      }
      const photo = await read(photoPath(found.src, document.file, contentDir), found.src);
      if ("rule" in photo) problem(photo, found.line, "body");
      else {
        input.bodyPhotos ??= {};
        input.bodyPhotos[found.src] = photo;
      }
    }
    return diagnostics;
  });
  return perArticle.flat();
}
