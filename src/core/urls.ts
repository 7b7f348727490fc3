import { ENTITY_FIELD, type EntityKind } from "./types.ts";

/** The one place that builds Dateline's URLs. Every URL is root-relative and ends with a slash. */

/** `/people/`, `/organizations/`, `/places/`: the kind's field name (see `ENTITY_FIELD`). */
export const KIND_SEGMENT: Record<EntityKind, string> = ENTITY_FIELD;

export function articleUrl(datePath: string, slug: string): string {
  return `/${datePath}/${slug}/`;
}

export function directoryUrl(kind: EntityKind): string {
  return `/${KIND_SEGMENT[kind]}/`;
}

export function entityUrl(kind: EntityKind, slug: string): string {
  return `${directoryUrl(kind)}${slug}/`;
}

/** Page 1 of a listing lives at its base URL; page N ≥ 2 at `<base>page/N/`. */
export function listPageUrl(baseUrl: string, pageNumber: number): string {
  return pageNumber <= 1 ? baseUrl : `${baseUrl}page/${pageNumber}/`;
}

export function absoluteUrl(siteBaseUrl: string, url: string): string {
  return new URL(url, `${siteBaseUrl}/`).href;
}

export function entityFeedUrls(kind: EntityKind, slug: string): { atom: string; json: string } {
  const base = entityUrl(kind, slug);
  return { atom: `${base}feed.xml`, json: `${base}feed.json` };
}

export const SITE_FEEDS = { atom: "/feed.xml", json: "/feed.json" } as const;

/** `/2022/` for a year archive, `/2022/12/` for a month archive. */
export function archiveUrl(year: string, month?: string): string {
  return month ? `/${year}/${month}/` : `/${year}/`;
}

export const SEARCH_URL = "/search/";
export const SITEMAP_URL = "/sitemap.xml";
export const NEWS_SITEMAP_URL = "/news-sitemap.xml";

/** `/a/b/` → `a/b/index.html`; `/feed.xml` → `feed.xml`. */
export function outputPath(url: string): string {
  return url.endsWith("/") ? `${url.slice(1)}index.html` : url.slice(1);
}
