import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

/**
 * The bench corpus's photos: a handful of generated JPEG files, reused by a share of the articles as their
 * lead photo, so that `npm run bench` measures builds with images (processed once, then from the cache).
 */

/** How many distinct photos the corpus has. */
export const BENCH_PHOTOS = 6;
/** One article in this many has a lead photo. */
export const PHOTO_EVERY = 10;
/** Wide enough for Google's large previews, so the corpus stays free of warnings. */
const WIDTH = 1600;
const HEIGHT = 900;
const COLOURS = ["#2a6f97", "#a44a3f", "#588157", "#6d597a", "#bc6c25", "#264653"];

/** Where photo `n` is, from the content folder (as `image.src` names it). */
export function benchPhotoSrc(n: number): string {
  return `/photos/bench-${n % BENCH_PHOTOS}.jpg`;
}

/** The lead photo of the article at `index` in the corpus, for one article in `PHOTO_EVERY`. */
export function benchImage(index: number): { src: string; alt: string; credit: string } | undefined {
  if (index % PHOTO_EVERY !== 3) return undefined;
  const n = Math.floor(index / PHOTO_EVERY);
  return {
    src: benchPhotoSrc(n),
    alt: `Bench photo ${n % BENCH_PHOTOS}: a harbour at dusk`,
    credit: "Bench Desk",
  };
}

/** Writes the corpus's photos into `dir/photos/`: smooth shapes on a colour, the same bytes every time. */
export async function writeBenchPhotos(dir: string): Promise<void> {
  await mkdir(path.join(dir, "photos"), { recursive: true });
  for (let n = 0; n < BENCH_PHOTOS; n++) {
    const svg = `<svg width="${WIDTH}" height="${HEIGHT}"><rect y="${HEIGHT * 0.6}" width="${WIDTH}" height="${HEIGHT * 0.4}" fill="#1d3557"/><circle cx="${300 + n * 200}" cy="${HEIGHT * 0.35}" r="${90 + n * 10}" fill="#f4d35e"/></svg>`;
    await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: COLOURS[n] ?? "#888" } })
      .composite([{ input: Buffer.from(svg) }])
      .jpeg({ quality: 70 })
      .toFile(path.join(dir, "photos", `bench-${n}.jpg`));
  }
}
