import path from "node:path";
import { displayPath } from "../content/load.ts";
import type { PublishedArticles } from "../lint/index.ts";
import { manifestPath, readManifest } from "../publish/manifest.ts";

/** An article page's output file in a manifest written before it recorded sources: `2024/01/02/slug/index.html`. */
const ARTICLE_FILE = /^(?:[a-z]{2,3}(?:-[a-z0-9]+)*\/)?\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/;

/** `2024/01/02/slug/index.html` → `/2024/01/02/slug/`. */
function urlOf(file: string): string {
  return `/${file.slice(0, -"index.html".length)}`;
}

/**
 * The article pages the output folder's last build published, from its manifest, for `check`'s
 * `article/vanished-url`: those built from files of `contentDir` (a manifest also names the source of each
 * page); in an older manifest, which does not, every page at an article's kind of URL. Undefined when the
 * folder holds no readable manifest.
 */
export async function publishedArticles(
  outDir: string,
  contentDir: string,
): Promise<PublishedArticles | undefined> {
  const manifest = await readManifest(outDir);
  const found = await manifestPath(outDir);
  if (!manifest || !found) return undefined;
  const manifestFile = displayPath(path.resolve(found));
  if (manifest.sources) {
    const folder = `${displayPath(path.resolve(contentDir))}/`;
    const pages = [...manifest.sources]
      .filter(([, file]) => file.startsWith(folder))
      .map(([page, file]) => ({ url: urlOf(page), file }));
    return { manifestFile, pages };
  }
  const pages = [...manifest.pages.keys()]
    .filter((page) => ARTICLE_FILE.test(page))
    .map((page) => ({ url: urlOf(page) }));
  return { manifestFile, pages };
}
