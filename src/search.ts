import path from "node:path";
import { close, createIndex } from "pagefind";

/**
 * Builds the Pagefind search index over a rendered site, into `<outDir>/pagefind/`. Only elements marked
 * `data-pagefind-body` (article pages) are indexed; `data-pagefind-filter` marks give the person,
 * organization and place filters of the search page. Returns the number of pages indexed.
 */
export function buildSearchIndex(outDir: string, language: string): Promise<number> {
  // Pagefind's Node API drives one shared backend process, which `close()` ends: one index at a time.
  const run = queue.then(() => indexOnce(outDir, language));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function indexOnce(outDir: string, language: string): Promise<number> {
  const { index, errors } = await createIndex({
    forceLanguage: language.split("-")[0] ?? "en",
    keepIndexUrl: false,
  });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`Pagefind indexing failed: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(outDir, "pagefind") });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return added.page_count;
  } finally {
    await close();
  }
}
