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

/**
 * The page of one letter of a directory split by letter: `/people/letter/a/`. No entity page can take it: an
 * entity's own URLs below `/people/<slug>/` are only `page/N/` and its feeds, and `letterSlug` is never `page`.
 */
export function directoryLetterUrl(kind: EntityKind, letterSlug: string, prefix = ""): string {
  return `${directoryUrl(kind, prefix)}letter/${letterSlug}/`;
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
 * The feeds that live beside a listing page: `<base>feed.xml` (Atom), `<base>feed.json` (JSON Feed) and
 * `<base>rss.xml` (RSS 2.0). Every
 * listing's feed links (site, entity, and any new kind of listing) are built here, so a new feed format is
 * added in one place.
 */
export function feedUrlsAt(base: string): FeedLinks {
  return { atom: `${base}feed.xml`, json: `${base}feed.json`, rss: `${base}rss.xml` };
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

/**
 * The first path segments Dateline itself uses at the top of the site (and of each language's prefix), which
 * a section slug may therefore not take: listing pages, entity directories, the pages and folders of other
 * features, and the data files at the root. Years (four digits) and the site's language prefixes are
 * reserved too (`reservedSegment`).
 */
export const RESERVED_SEGMENTS: readonly string[] = [
  "page",
  ...Object.values(KIND_SEGMENT),
  "authors",
  "corrections",
  "search",
  "img",
  "pagefind",
  "assets",
  "sitemaps",
  "feed.xml",
  "feed.json",
  "rss.xml",
  "sitemap.xml",
  "news-sitemap.xml",
  "robots.txt",
  "404.html",
  "_redirects",
];

/**
 * Why `slug` cannot be a top-level path segment of the site (a section's), or undefined when it can:
 * `languagePrefixes` are the lower-case tags of the site's languages besides the default.
 */
export function reservedSegment(slug: string, languagePrefixes: readonly string[]): string | undefined {
  if (/^\d{4}$/.test(slug)) return "a year's archive";
  if (RESERVED_SEGMENTS.includes(slug)) return `Dateline's own /${slug}`;
  if (languagePrefixes.includes(slug)) return `the pages of the language ${slug}`;
  return undefined;
}

/** A section's page: `/business/`, `/ru/business/` (its feeds beside it, `feedUrlsAt`). */
export function sectionUrl(slug: string, prefix = ""): string {
  return `${prefix}/${slug}/`;
}

/** The file of redirects that Netlify and Cloudflare Pages read. */
export const REDIRECTS_URL = "/_redirects";

/**
 * An old URL of `redirect_from` as the site writes it: a path ending in `.html` stays a file
 * (`/old/page.html`); any other path becomes a folder with a trailing slash (`/old/path` → `/old/path/`,
 * written as `old/path/index.html`). Repeated slashes are collapsed.
 */
export function redirectUrl(path: string): string {
  const clean = `/${path
    .split("/")
    .filter((part) => part !== "")
    .join("/")}`;
  if (clean === "/") return "/";
  return clean.endsWith(".html") ? clean : `${clean}/`;
}

/** The list of authors: `/authors/` (`/ru/authors/` in Russian). */
export function authorsUrl(prefix = ""): string {
  return `${prefix}/authors/`;
}

/** An author's page: `/authors/<slug>/`. Its feeds live beside it (`feedUrlsAt`). */
export function authorUrl(slug: string, prefix = ""): string {
  return `${authorsUrl(prefix)}${slug}/`;
}

/** The corrections page: `/corrections/` (`/ru/corrections/` in Russian). Its feeds live beside it. */
export function correctionsUrl(prefix = ""): string {
  return `${prefix}/corrections/`;
}

/** Where the photo stage publishes its files: `/img/`. */
export const PHOTO_DIR = "img";

/** One width of a processed photo: `/img/<key>-<width>.<ext>` (`ext`: `avif`, `webp`, `jpeg`). */
export function photoUrl(key: string, width: number, ext: string): string {
  return `/${PHOTO_DIR}/${key}-${width}.${ext}`;
}

/** A crop of a processed photo, as JPEG: `/img/<key>-<width>x<height>.jpeg`. */
export function photoCropUrl(key: string, width: number, height: number): string {
  return `/${PHOTO_DIR}/${key}-${width}x${height}.jpeg`;
}
