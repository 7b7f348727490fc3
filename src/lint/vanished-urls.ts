import type { ContentArticle } from "../content/types.ts";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import { articleUrl, outputPath } from "../core/urls.ts";
import type { LintInput } from "./types.ts";

/** The last segment of an article URL: `/2024/01/02/slug/` → `slug`. */
function slugOf(url: string): string {
  return url.split("/").filter(Boolean).at(-1) ?? "";
}

/**
 * `article/vanished-url`: an article page the previous build published (its manifest) that the content now
 * neither produces nor lists in any `redirect_from`: readers' links and search results would end in a 404.
 * Names the article that moved: the one built from the same file, else the one with the same slug; when
 * there is none, the article is gone and the warning names its old file.
 */
export function vanishedUrls(input: LintInput): Diagnostic[] {
  const published = input.published;
  if (!published) return [];
  const produced = new Set<string>();
  const byFile = new Map<string, ContentArticle>();
  const bySlug = new Map<string, ContentArticle[]>();
  for (const article of input.articles) {
    const a = article.input;
    produced.add(outputPath(articleUrl(a.datePath, a.slug, a.langPrefix)));
    for (const r of a.redirectFrom ?? []) produced.add(outputPath(r.url));
    byFile.set(a.file, article);
    bySlug.set(a.slug, [...(bySlug.get(a.slug) ?? []), article]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const page of published.pages) {
    if (produced.has(outputPath(page.url))) continue;
    const sameSlug = bySlug.get(slugOf(page.url)) ?? [];
    const moved =
      (page.file === undefined ? undefined : byFile.get(page.file)) ??
      (sameSlug.length === 1 ? sameSlug[0] : undefined);
    if (moved) {
      const a = moved.input;
      const now = articleUrl(a.datePath, a.slug, a.langPrefix);
      diagnostics.push(
        diagnostic(
          "warning",
          "article/vanished-url",
          a.file,
          moved.document.keyLines.get("redirect_from") ?? moved.document.keyLines.get("slug") ?? 1,
          `the last build published this article at ${page.url}, which it no longer has (it is now at ${now}); expected the old URL in "redirect_from"`,
          { field: "redirect_from", hint: `add it: redirect_from: [${page.url}]` },
        ),
      );
    } else {
      diagnostics.push(
        diagnostic(
          "warning",
          "article/vanished-url",
          page.file ?? published.manifestFile,
          1,
          `the last build published ${page.url}${page.file ? ` from ${page.file}` : ""}, and no article has that URL or lists it in "redirect_from" now`,
          {
            field: "redirect_from",
            hint: "list the old URL in the redirect_from of the article readers should find instead",
          },
        ),
      );
    }
  }
  return diagnostics;
}
