/**
 * How the pages of a build are shared between the main thread and a render worker: each HTML page, and each
 * feed of an entity, a section or an author (its three formats together, by its Atom file's path), goes to
 * one of them by a hash of its output path, so the split is the same on every run and needs no list of
 * pages to be sent across. The site's own feeds, the sitemaps, `_redirects` and robots.txt stay with the
 * main thread.
 */

/** FNV-1a over the path's UTF-16 code units: cheap, and stable across runs and machines. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Out of every `parts` HTML pages, the worker takes `workerParts` (by hash), and `workerFeedParts` of the
 * feeds: the main thread also writes the other data files, runs Eleventy, makes the page hashes and joins
 * the worker's folder to staging. Measured at 20,000 articles (the trace's "share rendered" marks): with
 * five eighths of the pages and half the feeds the worker finished 7 s after the main thread.
 */
export const SHARE = { parts: 8, workerParts: 4, workerFeedParts: 5 } as const;

/**
 * Whether the render worker writes this output file: an HTML page (`2024/01/02/x/index.html`), or a feed
 * in a folder of its own, asked by its Atom file (`people/x/feed.xml`; the JSON and RSS files go with it).
 */
export function workerWrites(file: string): boolean {
  if (file.endsWith(".html")) return fnv1a(file) % SHARE.parts < SHARE.workerParts;
  if (file.endsWith("/feed.xml")) return fnv1a(file) % SHARE.parts < SHARE.workerFeedParts;
  return false;
}
