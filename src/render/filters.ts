import type { Article, EntityProfile, Site } from "../core/types.ts";
import { absoluteUrl } from "../core/urls.ts";
import { articleJsonLd, entityJsonLd } from "./structured-data.ts";

/** The filters the templates use, for Eleventy's Nunjucks and for the direct renderer alike. */
export function templateFilters(site: () => Site) {
  return {
    absoluteUrl: (url: string) => absoluteUrl(site().settings.baseUrl, url),
    articleJsonLd: (article: Article) => articleJsonLd(article, site().settings),
    entityJsonLd: (entity: EntityProfile) => entityJsonLd(entity, site().settings),
  };
}
