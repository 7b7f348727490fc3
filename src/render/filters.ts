import type { Article, EntityProfile, Site } from "../core/types.ts";
import { absoluteUrl } from "../core/urls.ts";
import { articleJsonLd, entityJsonLd } from "./structured-data.ts";

/** A template filter, as Nunjucks and Eleventy take it. */
export type Filter = (value: never, ...args: never[]) => unknown;

/**
 * Registers the filters the templates use. The one place filters are defined: the renderer registers them
 * on its Nunjucks environment and the Eleventy plugin on Eleventy's, with the same call.
 */
export function registerFilters(add: (name: string, filter: Filter) => void, site: () => Site): void {
  add("absoluteUrl", (url: string) => absoluteUrl(site().settings.baseUrl, url));
  add("articleJsonLd", (article: Article) => articleJsonLd(article, site().settings));
  add("entityJsonLd", (entity: EntityProfile) => entityJsonLd(entity, site().settings));
}
