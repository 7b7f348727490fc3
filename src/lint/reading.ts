import type { ArticleWarnings } from "../content/article-check.ts";
import { createMarkdown } from "../content/markdown.ts";
import type { SiteSettings } from "../core/types.ts";
import { namedAsWritten } from "./entity-in-body.ts";
import { removedHtmlIn, removedHtmlKey } from "./removed-html.ts";

/**
 * The warning rules that look at one article file alone and cost the most, run while the file is read
 * (on whichever of `check`'s threads reads it) instead of in a second pass over every body: `html/removed`,
 * and `article/entity-not-in-body` for an article whose body names everyone it lists as written.
 * Their results reach the rules as the content's `readWarnings`, with the key each rule checks.
 */
export function articleWarnings(settings: SiteSettings): ArticleWarnings {
  const md = createMarkdown({ embedHosts: settings.embedHosts });
  const key = removedHtmlKey(settings.embedHosts);
  return (document, article) => {
    const named = namedAsWritten(article);
    return {
      "html/removed": { key, value: removedHtmlIn(document, md) },
      ...(named ? { "article/entity-not-in-body": named } : {}),
    };
  };
}
