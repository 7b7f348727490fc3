import { createHash } from "node:crypto";
import type { ArticleImage, ImageFile, ImageInput, PhotoJob, PhotoSource, Picture } from "../core/types.ts";
import { photoCropUrl, photoUrl } from "../core/urls.ts";

/**
 * What the pages show of a photo, computed from its size alone (the photo stage writes exactly these
 * files): the widths of the responsive set, the crops for structured data, the `<picture>` markup.
 */

/** The widths written of every photo (never wider than the photo itself). */
export const PHOTO_WIDTHS = [480, 960, 1600] as const;

/** The formats of the responsive set, best first: `<source>` elements for all but the last, the `<img>`. */
export const PHOTO_FORMATS = [
  { ext: "avif", type: "image/avif" },
  { ext: "webp", type: "image/webp" },
  { ext: "jpeg", type: "image/jpeg" },
] as const;

/** The crops Google recommends for an article's `image`: 16:9, 4:3 and 1:1, 1,200 px wide. */
export const CROP_RATIOS = [
  [16, 9],
  [4, 3],
  [1, 1],
] as const;
export const CROP_WIDTH = 1200;

/** The story column: full width on a phone, at most 40rem beside the margins. */
export const PHOTO_SIZES = "(min-width: 42rem) 40rem, 100vw";

/** The widths written of a photo `width` pixels wide: the standard widths below it, and its own (at most 1,600). */
export function photoWidths(width: number): number[] {
  const largest = Math.min(width, PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1] as number);
  return [...PHOTO_WIDTHS.filter((w) => w < largest), largest];
}

/** The height of a photo scaled to `width`, rounded down as eleventy-img rounds it. */
export function scaledHeight(source: Pick<PhotoSource, "width" | "height">, width: number): number {
  return Math.max(1, Math.floor((width * source.height) / source.width));
}

/** The crops of a photo: 1,200 px wide (or the photo's width, if narrower) at each ratio. */
export function photoCrops(source: Pick<PhotoSource, "width">): { width: number; height: number }[] {
  const width = Math.min(CROP_WIDTH, source.width);
  return CROP_RATIOS.map(([w, h]) => ({ width, height: Math.round((width * h) / w) }));
}

/** What the photo stage writes of one photo: the crops only of a lead photo (structured data wants them). */
export function photoJob(source: PhotoSource, lead = true): PhotoJob {
  return { source, widths: photoWidths(source.width), crops: lead ? photoCrops(source) : [] };
}

/** The URL of a photo's smallest JPEG: an author's photo, shown small. */
export function smallPhotoUrl(source: PhotoSource): string {
  return photoUrl(source.key, photoWidths(source.width)[0] as number, "jpeg");
}

/** The responsive `<picture>` of a processed photo. */
export function pictureOf(source: PhotoSource): Picture {
  const widths = photoWidths(source.width);
  const srcset = (ext: string) => widths.map((w) => `${photoUrl(source.key, w, ext)} ${w}w`).join(", ");
  const largest = widths[widths.length - 1] as number;
  return {
    sources: PHOTO_FORMATS.slice(0, -1).map((f) => ({ type: f.type, srcset: srcset(f.ext) })),
    img: {
      url: photoUrl(source.key, largest, "jpeg"),
      width: largest,
      height: scaledHeight(source, largest),
      type: "image/jpeg",
      srcset: srcset("jpeg"),
    },
    sizes: PHOTO_SIZES,
  };
}

/** The lead image as pages, feeds and structured data use it. */
export function articleImage(input: ImageInput): ArticleImage | undefined {
  const text = {
    alt: input.alt,
    ...(input.caption !== undefined ? { caption: input.caption } : {}),
    ...(input.credit !== undefined ? { credit: input.credit } : {}),
  };
  if (input.remote) return { ...text, main: input.remote, crops: [input.remote], thumbnail: input.remote };
  const source = input.photo;
  if (!source) return undefined;
  const picture = pictureOf(source);
  const smallest = photoWidths(source.width)[0] as number;
  const crops: ImageFile[] = photoCrops(source).map((c) => ({
    url: photoCropUrl(source.key, c.width, c.height),
    width: c.width,
    height: c.height,
    type: "image/jpeg",
  }));
  return {
    ...text,
    main: { url: picture.img.url, width: picture.img.width, height: picture.img.height, type: "image/jpeg" },
    picture,
    crops,
    thumbnail: {
      url: photoUrl(source.key, smallest, "jpeg"),
      width: smallest,
      height: scaledHeight(source, smallest),
      type: "image/jpeg",
    },
  };
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escapeAttribute = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);

/**
 * The markup of a `<picture>`. `alt` is escaped here unless `altHtml` says it already is (the sanitized
 * body's own attribute). The lead photo loads first (`fetchpriority="high"`); every other photo lazily.
 */
export function pictureMarkup(
  picture: Picture,
  alt: string,
  options: { lead?: boolean; altHtml?: boolean } = {},
): string {
  const sources = picture.sources
    .map((s) => `<source type="${s.type}" srcset="${s.srcset}" sizes="${picture.sizes}">`)
    .join("");
  const loading = options.lead ? ` fetchpriority="high"` : ` loading="lazy" decoding="async"`;
  const altText = options.altHtml ? alt : escapeAttribute(alt);
  return `<picture>${sources}<img src="${picture.img.url}" srcset="${picture.img.srcset}" sizes="${picture.sizes}" alt="${altText}" width="${picture.img.width}" height="${picture.img.height}"${loading}></picture>`;
}

const HTML_ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

/**
 * A rendered (and sanitized) body with each `<img>` of a local photo replaced by its `<picture>`: done after
 * sanitizing, so the sanitizer's allowlist stays as it is. Other images are left alone.
 */
export function withBodyPictures(
  html: string,
  photos: Readonly<Record<string, PhotoSource>> | undefined,
): string {
  if (!photos) return html;
  return html.replace(/<img src="([^"]*)" alt="([^"]*)"[^>]*>/g, (tag, src: string, alt: string) => {
    const source = photos[src.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => HTML_ENTITIES[e] ?? e)];
    return source ? pictureMarkup(pictureOf(source), alt, { altHtml: true }) : tag;
  });
}

/** Every local photo of the articles, lead photos and body photos, once each, in a stable order. */
export function photoJobs(
  leads: readonly (PhotoSource | undefined)[],
  bodies: readonly PhotoSource[],
): PhotoJob[] {
  const byKey = new Map<string, { source: PhotoSource; lead: boolean }>();
  for (const source of leads) if (source) byKey.set(source.key, { source, lead: true });
  for (const source of bodies) if (!byKey.has(source.key)) byKey.set(source.key, { source, lead: false });
  return [...byKey.values()]
    .sort((a, b) => (a.source.key < b.source.key ? -1 : 1))
    .map(({ source, lead }) => photoJob(source, lead));
}

/** The lead photo's markup: its `<picture>`, or a plain `<img>` for a remote image; loaded first, never lazily. */
export function leadPhotoMarkup(image: ArticleImage): string {
  if (image.picture) return pictureMarkup(image.picture, image.alt, { lead: true });
  const { url, width, height } = image.main;
  return `<img src="${escapeAttribute(url)}" alt="${escapeAttribute(image.alt)}" width="${width}" height="${height}" fetchpriority="high">`;
}

/** An article's source hash joined with the keys of its body photos, when it has any. */
export function withPhotoKeys(
  sourceHash: string,
  photos: Readonly<Record<string, PhotoSource>> | undefined,
): string {
  if (!photos) return sourceHash;
  const keys = Object.entries(photos)
    .map(([src, photo]) => `${src}\u0000${photo.key}`)
    .sort();
  return createHash("sha1").update(sourceHash).update(keys.join("\u0001")).digest("hex");
}
