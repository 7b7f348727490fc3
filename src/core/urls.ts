import { ENTITY_FIELD, type EntityKind, type FeedLinks } from "./types.ts";

/** The one place that builds Dateline's URLs. Every URL is root-relative and ends with a slash. */

/** `/people/`, `/organizations/`, `/places/`: the kind's field name (see `ENTITY_FIELD`). */
export const KIND_SEGMENT: Record<EntityKind, string> = ENTITY_FIELD;

/**
 * Where a language's pages live: `""` for the site's default language (the root), else `/<tag>` in lower case
 * (`/ru`, `/zh-cn`). Every URL builder below takes this prefix, `""` by default.
 */
export function languagePrefix(tag: string, defaultTag: string): string {
  return tag === defaultTag ? "" : `/${tag.toLowerCase()}`;
}

/** A root-relative URL of the default language moved under a language's prefix: `/people/x/` → `/ru/people/x/`. */
export function inLanguage(url: string, prefix: string): string {
  return `${prefix}${url}`;
}

export function articleUrl(datePath: string, slug: string, prefix = ""): string {
  return `${prefix}/${datePath}/${slug}/`;
}

export function directoryUrl(kind: EntityKind, prefix = ""): string {
  return `${prefix}/${KIND_SEGMENT[kind]}/`;
}

export function entityUrl(kind: EntityKind, slug: string, prefix = ""): string {
  return `${directoryUrl(kind, prefix)}${slug}/`;
}

/** A language's front page: `/` for the default language, `/ru/` for Russian. */
export function homeUrl(prefix = ""): string {
  return `${prefix}/`;
}

/** Page 1 of a listing lives at its base URL; page N ≥ 2 at `<base>page/N/`. */
export function listPageUrl(baseUrl: string, pageNumber: number): string {
  return pageNumber <= 1 ? baseUrl : `${baseUrl}page/${pageNumber}/`;
}

export function absoluteUrl(siteBaseUrl: string, url: string): string {
  return new URL(url, `${siteBaseUrl}/`).href;
}

/**
 * The feeds that live beside a listing page: `<base>feed.xml` (Atom) and `<base>feed.json` (JSON Feed). Every
 * listing's feed links (site, entity, and any new kind of listing) are built here, so a new feed format is
 * added in one place.
 */
export function feedUrlsAt(base: string): FeedLinks {
  return { atom: `${base}feed.xml`, json: `${base}feed.json` };
}

export function entityFeedUrls(kind: EntityKind, slug: string, prefix = ""): FeedLinks {
  return feedUrlsAt(entityUrl(kind, slug, prefix));
}

export const SITE_FEEDS: FeedLinks = feedUrlsAt("/");

/** A language's own site feeds: `/feed.xml` for the default language, `/ru/feed.xml` for Russian. */
export function siteFeedUrls(prefix = ""): FeedLinks {
  return feedUrlsAt(`${prefix}/`);
}

/** `/2022/` for a year archive, `/2022/12/` for a month archive (`/ru/2022/12/` in Russian). */
export function archiveUrl(year: string, month?: string, prefix = ""): string {
  return month ? `${prefix}/${year}/${month}/` : `${prefix}/${year}/`;
}

export const SEARCH_URL = "/search/";

/** A language's search page: `/search/`, `/ru/search/`. */
export function searchUrl(prefix = ""): string {
  return `${prefix}${SEARCH_URL}`;
}
/** The search index's folder: Pagefind's shared interface files, and one folder per shard below it. */
export const SEARCH_INDEX_URL = "/pagefind/";

/** A search index shard's folder (its Pagefind bundle), by shard key: `/pagefind/en/2024/`. */
export function searchShardUrl(key: string): string {
  return `${SEARCH_INDEX_URL}${key}/`;
}

export const SITEMAP_URL = "/sitemap.xml";
export const NEWS_SITEMAP_URL = "/news-sitemap.xml";

/** `/a/b/` → `a/b/index.html`; `/feed.xml` → `feed.xml`. */
export function outputPath(url: string): string {
  return url.endsWith("/") ? `${url.slice(1)}index.html` : url.slice(1);
}
