import { diagnostic } from "../core/diagnostics.ts";
import type { Article, Diagnostic, Redirect, Site } from "../core/types.ts";
import { outputPath } from "../core/urls.ts";

/** Every old URL of the articles (`redirect_from`), as redirects to the article, sorted by old URL. */
export function redirectsOf(articles: readonly Article[]): Redirect[] {
  return articles
    .flatMap((a) => (a.redirectFrom ?? []).map((from) => ({ from, to: a.url, title: a.title, lang: a.lang })))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** Output files and folders that Eleventy's own pages and the search index use. */
const RESERVED = ["404.html", "assets/", "pagefind/"];

/** Whether the output file is one of the site's own (Eleventy's pages, the stylesheet, the search index). */
function isReserved(file: string): boolean {
  return RESERVED.some((r) => (r.endsWith("/") ? file.startsWith(r) : file === r));
}

/** The output file of every page and feed the Site writes (redirect pages aside). */
function producedFiles(site: Site): Set<string> {
  return new Set(
    [
      ...site.articles.map((a) => a.url),
      ...[...site.homePages, ...site.entityPages, ...site.archivePages].map((p) => p.url),
      ...site.directories.map((d) => d.url),
      ...site.searchPages.map((p) => p.url),
      ...site.feeds.flatMap((f) => [f.feeds.atom, f.feeds.json, f.feeds.rss]),
    ].map(outputPath),
  );
}

/**
 * `article/redirect-is-page`: an old URL in `redirect_from` that the site itself publishes (a listing, an
 * entity page, an archive); the redirect page would overwrite it. Another article's URL is caught earlier,
 * while the content is checked; these pages exist only once the Site is modelled.
 */
export function redirectsOverPages(site: Site, lines: ReadonlyMap<string, number>): Diagnostic[] {
  const produced = producedFiles(site);
  return site.redirects
    .filter((r) => produced.has(outputPath(r.from)) || isReserved(outputPath(r.from)))
    .map((r) => {
      const article = site.articles.find((a) => a.url === r.to);
      const file = article?.file ?? "(content)";
      return diagnostic(
        "error",
        "article/redirect-is-page",
        file,
        lines.get(`${file}\u0000${r.from}`) ?? 1,
        `"redirect_from" lists ${r.from}, a page the site publishes itself; expected an old URL no page uses`,
        { field: "redirect_from", hint: "remove the URL from the list" },
      );
    });
}
