/**
 * How the pages of a build are shared between the main thread and a render worker: each HTML page goes to
 * one of them by a hash of its output path, so the split is the same on every run and needs no list of
 * pages to be sent across. Data files (feeds, sitemaps) stay with the main thread.
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
 * Out of every `parts` HTML pages, the worker takes `workerParts` (by hash): the main thread also writes the
 * data files and runs Eleventy, so the worker takes a little more than half.
 */
export const SHARE = { parts: 8, workerParts: 5 } as const;

/** Whether the render worker writes this output file (`2024/01/02/x/index.html`). */
export function workerWrites(file: string): boolean {
  return file.endsWith(".html") && fnv1a(file) % SHARE.parts < SHARE.workerParts;
}
