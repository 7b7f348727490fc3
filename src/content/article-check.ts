import type { ArticleInput, SiteSettings } from "../core/types.ts";
import { type BodyImage, bodyImages } from "./body-images.ts";
import type { Memo } from "./cache.ts";
import type { ImageFrontmatter } from "./fields/image.ts";
import type { ParsedDocument } from "./frontmatter.ts";
import { createMarkdown } from "./markdown.ts";
import type { CheckDocument } from "./read-job.ts";
import { validateArticle } from "./validate.ts";

/** What checking an article file keeps: the article, its image field and the images of its body. */
export interface ArticleValue {
  article: ArticleInput;
  image?: ImageFrontmatter;
  bodyImages: BodyImage[];
}

/**
 * Warnings of `npm run check`'s per-file rules about one valid article, found while it is read (by rule
 * id, with each rule's key), so that the rules need not go over the bodies again (src/lint/reading.ts).
 */
export type ArticleWarnings = (document: ParsedDocument, article: ArticleInput) => Memo;

/**
 * How an article file is checked, on whichever thread reads it: validated against the settings, the images
 * of its body found (kept in the cache with the article, so an unchanged body is never read for them), and
 * with `warnings`, the per-file warnings of `check`.
 */
export function articleChecker(
  settings: SiteSettings,
  warnings?: ArticleWarnings,
): CheckDocument<ArticleValue> {
  const md = createMarkdown({ embedHosts: settings.embedHosts });
  return (document) => {
    const { article, diagnostics, image } = validateArticle(document, settings);
    if (!article) return { diagnostics };
    const images = bodyImages(document.body, document.bodyLine, md);
    return {
      value: { article, ...(image ? { image } : {}), bodyImages: images },
      diagnostics,
      ...(warnings ? { memo: warnings(document, article) } : {}),
    };
  };
}
