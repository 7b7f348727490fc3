import { diagnostic } from "../core/diagnostics.ts";
import type { ArticleInput, Diagnostic } from "../core/types.ts";
import { articleUrl, outputPath } from "../core/urls.ts";

/**
 * The checks of `redirect_from` across articles: an old URL that is an article's own URL
 * (`article/redirect-is-article`), and an old URL that two articles claim, or one article twice
 * (`article/duplicate-redirect`), each at the line of the list item. Compared by output file, so `/a` and
 * `/a/` are one URL.
 */
export function findRedirectConflicts(articles: readonly ArticleInput[]): Diagnostic[] {
  const pages = new Map<string, string>();
  for (const a of articles) pages.set(outputPath(articleUrl(a.datePath, a.slug, a.langPrefix)), a.file);
  const claims = new Map<string, { article: ArticleInput; url: string; line: number }[]>();
  const diagnostics: Diagnostic[] = [];
  for (const article of articles) {
    for (const { url, line } of article.redirectFrom ?? []) {
      const file = outputPath(url);
      const owner = pages.get(file);
      if (owner !== undefined) {
        diagnostics.push(
          diagnostic(
            "error",
            "article/redirect-is-article",
            article.file,
            line,
            `"redirect_from" lists ${url}, the URL of ${owner === article.file ? "this article itself" : owner}; expected an old URL no article uses`,
            { field: "redirect_from", hint: "remove the URL from the list" },
          ),
        );
        continue;
      }
      const group = claims.get(file);
      if (group) group.push({ article, url, line });
      else claims.set(file, [{ article, url, line }]);
    }
  }
  for (const group of claims.values()) {
    if (group.length < 2) continue;
    for (const claim of group) {
      const others = group.filter((o) => o !== claim);
      const names = [
        ...new Set(others.map((o) => (o.article === claim.article ? "this article again" : o.article.file))),
      ];
      diagnostics.push(
        diagnostic(
          "error",
          "article/duplicate-redirect",
          claim.article.file,
          claim.line,
          `"redirect_from": the old URL ${claim.url} is also listed by ${names.join(", ")}; expected each old URL to lead to one article`,
          { field: "redirect_from", hint: "keep the URL in the article readers should land on" },
        ),
      );
    }
  }
  return diagnostics;
}
