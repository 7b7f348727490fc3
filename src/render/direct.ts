import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import nunjucks from "nunjucks";
import { TEMPLATES_DIR } from "../core/paths.ts";
import type { RenderLists, Site } from "../core/types.ts";
import { outputPath } from "../core/urls.ts";
import { templateFilters } from "./filters.ts";

/** The paginated templates, the name each gives its item, and the lists they paginate. */
const PAGINATED: { template: string; alias: string; items: (lists: RenderLists) => { url: string }[] }[] = [
  { template: "article.njk", alias: "article", items: (l) => l.articles },
  { template: "index.njk", alias: "listing", items: (l) => l.homePages },
  { template: "entity.njk", alias: "listing", items: (l) => l.entityPages },
  { template: "archive.njk", alias: "listing", items: (l) => l.archivePages },
  { template: "directory.njk", alias: "directory", items: (l) => l.directories },
];

/**
 * Renders the paginated pages (articles, listings, entity pages, archives, directories) straight from the
 * Site with the same templates and filters as Eleventy, but compiled once and without Eleventy's work per
 * page, which dominates large builds. The production build uses it for these pages; Eleventy renders the
 * rest, and everything in the dev server. A test checks that both give the same bytes.
 */
export async function renderPaginated(
  site: Site,
  lists: RenderLists,
  outDir: string,
  onWrite: (file: string, content: string) => void = () => {},
): Promise<number> {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(TEMPLATES_DIR, "_includes"), TEMPLATES_DIR]),
    { dev: true },
  );
  for (const [name, filter] of Object.entries(templateFilters(() => site))) env.addFilter(name, filter);
  const made = new Set<string>();
  let written = 0;
  for (const { template, alias, items } of PAGINATED) {
    const file = path.join(TEMPLATES_DIR, template);
    const compiled = new nunjucks.Template(matter(await readFile(file, "utf8")).content, env, file, true);
    const pending: Promise<void>[] = [];
    for (const item of items(lists)) {
      const target = path.join(outDir, outputPath(item.url));
      const html = compiled.render({ site, page: { url: item.url }, [alias]: item });
      const dir = path.dirname(target);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      pending.push(writeFile(target, html).then(() => onWrite(target, html)));
      if (pending.length >= 64) await Promise.all(pending.splice(0));
      written++;
    }
    await Promise.all(pending);
  }
  return written;
}
