import type { Article, ArticleImage, AuthorProfile, EntityProfile, Language, Site } from "../core/types.ts";
import { absoluteUrl } from "../core/urls.ts";
import { bylineParts } from "../site/byline.ts";
import { formatNumber, type MessageParams, translate } from "../site/messages.ts";
import { leadPhotoMarkup } from "../site/photos.ts";
import { articleJsonLd, authorJsonLd, entityJsonLd } from "./structured-data.ts";

/** A template filter, as Nunjucks and Eleventy take it. */
export type Filter = (value: never, ...args: never[]) => unknown;

/** A page's language as templates pass it: the `Language` object, or its tag. */
type LanguageArg = Language | string | undefined;

function tagOf(lang: LanguageArg, site: Site): string {
  if (typeof lang === "string") return lang;
  return lang?.tag ?? site.settings.language;
}

/**
 * Registers the filters the templates use. The one place filters are defined: the renderer registers them
 * on its Nunjucks environment and the Eleventy plugin on Eleventy's, with the same call.
 *
 * - `"key" | t(lang, { name: … })`: the interface text of `key` in the page's language (plural form chosen
 *   by `count`; numbers written for the language).
 * - `n | number(lang)`: a number written for the language.
 * - `article | byline(lang)`: the byline as pieces of text and author links (`bylineParts`).
 * - `article.image | leadPhoto`: the lead photo's `<picture>` (or `<img>` for a remote image), loaded first.
 */
export function registerFilters(add: (name: string, filter: Filter) => void, site: () => Site): void {
  add("absoluteUrl", (url: string) => absoluteUrl(site().settings.baseUrl, url));
  add("articleJsonLd", (article: Article) => articleJsonLd(article, site().settings));
  add("entityJsonLd", (entity: EntityProfile, lang?: Language) =>
    entityJsonLd(entity, site().settings, lang ?? site().defaultLanguage),
  );
  add("authorJsonLd", (author: AuthorProfile, lang?: Language) =>
    authorJsonLd(author, site().settings, lang ?? site().defaultLanguage),
  );
  add("byline", (article: Article, lang?: LanguageArg) => {
    const tag = tagOf(lang, site());
    return bylineParts(translate(site().messages, tag, "article.by"), article.authors ?? [], tag);
  });
  add("t", (key: string, lang?: LanguageArg, params?: MessageParams) =>
    translate(site().messages, tagOf(lang, site()), key, params),
  );
  add("number", (value: number, lang?: LanguageArg) => formatNumber(value, tagOf(lang, site())));
  add("leadPhoto", (image: ArticleImage) => leadPhotoMarkup(image));
}
