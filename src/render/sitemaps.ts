import { XMLBuilder } from "fast-xml-parser";
import type { Article, ListPage, Site, SiteSettings } from "../core/types.ts";
import { absoluteUrl, NEWS_SITEMAP_URL, SITEMAP_URL } from "../core/urls.ts";
import { NEWS_WINDOW_MS } from "../site/times.ts";
import { xmlText } from "./xml.ts";

/** The sitemap protocol's limit of URLs per file. */
export const SITEMAP_LIMIT = 50_000;
/** Google News: articles of the last two days, at most 1,000. */
export const NEWS_LIMIT = 1000;

export interface SitemapUrl {
  url: string;
  lastmod?: string;
  /** The page's translations (itself included) and `x-default`, as `xhtml:link` alternates. */
  alternates?: { hreflang: string; url: string }[];
}

/** One sitemap file to write: a `urlset`, an index of other sitemap files, or a Google News sitemap. */
export type SitemapFile =
  | { url: string; type: "urlset"; entries: SitemapUrl[] }
  | { url: string; type: "index"; files: string[]; lastmod: string }
  | { url: string; type: "news"; articles: Article[] };

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  format: true,
  suppressEmptyNode: true,
});

function lastmodOf(a: Article): string {
  return a.modified?.iso ?? a.updated?.iso ?? a.date.iso;
}

function changedAt(a: Article): number {
  return a.modified?.epoch ?? a.updated?.epoch ?? a.date.epoch;
}

function newestOf(items: readonly Article[]): string | undefined {
  let best: Article | undefined;
  let bestAt = 0;
  for (const a of items) {
    const at = changedAt(a);
    if (!best || at > bestAt) {
      best = a;
      bestAt = at;
    }
  }
  return best ? lastmodOf(best) : undefined;
}

function listingUrls(pages: readonly ListPage[]): SitemapUrl[] {
  return pages.map((p) => {
    const lastmod = newestOf(p.items);
    return lastmod ? { url: p.url, lastmod } : { url: p.url };
  });
}

/** Every HTML page of the site, with the date of its newest content as `lastmod`. */
export function sitemapUrls(site: Site): SitemapUrl[] {
  const newest = newestOf(site.articles);
  return [
    ...listingUrls(site.homePages),
    ...site.articles.map((a) => ({
      url: a.url,
      lastmod: lastmodOf(a),
      ...(a.alternates.length > 0
        ? { alternates: a.alternates.map(({ hreflang, url }) => ({ hreflang, url })) }
        : {}),
    })),
    ...site.directories.map((d) => (newest ? { url: d.url, lastmod: newest } : { url: d.url })),
    ...listingUrls(site.entityPages),
    ...listingUrls(site.archivePages),
    ...listingUrls(site.sectionPages),
    ...listingUrls(site.authorPages),
    ...site.authorDirectories.map((d) => (newest ? { url: d.url, lastmod: newest } : { url: d.url })),
    ...site.correctionPages.map((p) => {
      const lastmod = p.items[0]?.date.iso;
      return lastmod ? { url: p.url, lastmod } : { url: p.url };
    }),
    ...site.searchPages.map((p) => ({ url: p.url })),
  ];
}

/** The articles for the news sitemap: published in the 48 hours before the build, newest first. */
export function newsArticles(site: Site): Article[] {
  const now = Date.parse(site.buildTime);
  return site.articles
    .filter((a) => a.status === "published" && a.date.epoch <= now && a.date.epoch > now - NEWS_WINDOW_MS)
    .slice(0, NEWS_LIMIT);
}

/**
 * The URL sitemaps an output holds (`outputs`: its files, relative): `sitemap.xml`, and the parts an
 * index names. A build that leaves them as published names them all (they change together).
 */
export function publishedUrlSitemaps(outputs: { has(file: string): boolean }): string[] {
  if (!outputs.has("sitemap.xml")) return [];
  const files = ["sitemap.xml"];
  for (let i = 1; outputs.has(`sitemaps/${i}.xml`); i++) files.push(`sitemaps/${i}.xml`);
  return files;
}

/** The Google News sitemap alone (the URL sitemaps left as published). */
export function newsSitemapFile(site: Site): SitemapFile {
  return { url: NEWS_SITEMAP_URL, type: "news", articles: newsArticles(site) };
}

/** `/sitemap.xml` (split into `/sitemaps/N.xml` under an index past 50,000 URLs) and `/news-sitemap.xml`. */
export function sitemapFiles(site: Site): SitemapFile[] {
  // The publishing mode gives a site's articles new words in place (site/patch.ts); of those, the URL
  // sitemaps show only each article's latest change. For the same site with the same changes they are the
  // same files: made once (the listings' newest changes are most of the cost at 100,000 articles).
  const lastmods = site.articles.map(lastmodOf).join("\n");
  const made = urlFilesMade.get(site);
  const files =
    made?.lastmods === lastmods
      ? [...made.files]
      : urlFiles(site, (files) => urlFilesMade.set(site, { lastmods, files }));
  files.push(newsSitemapFile(site));
  return files;
}

/** The URL sitemaps made for each site, with the latest change of each article they were made from. */
const urlFilesMade = new WeakMap<Site, { lastmods: string; files: readonly SitemapFile[] }>();

/** `/sitemap.xml`, or its index and `/sitemaps/N.xml`; told to `made` before the news sitemap is added. */
function urlFiles(site: Site, made: (files: readonly SitemapFile[]) => void): SitemapFile[] {
  const urls = sitemapUrls(site);
  const files: SitemapFile[] = [];
  if (urls.length <= SITEMAP_LIMIT) files.push({ url: SITEMAP_URL, type: "urlset", entries: urls });
  else {
    const parts: string[] = [];
    for (let i = 0; i * SITEMAP_LIMIT < urls.length; i++) {
      const url = `/sitemaps/${i + 1}.xml`;
      parts.push(url);
      files.push({ url, type: "urlset", entries: urls.slice(i * SITEMAP_LIMIT, (i + 1) * SITEMAP_LIMIT) });
    }
    files.unshift({
      url: SITEMAP_URL,
      type: "index",
      files: parts,
      lastmod: newestOf(site.articles) ?? site.buildTime,
    });
  }
  made([...files]);
  return files;
}

/** The XML of one sitemap file, built with fast-xml-parser's XMLBuilder; characters XML does not allow are stripped. */
export function sitemapXml(file: SitemapFile, settings: SiteSettings): string {
  const abs = (url: string) => absoluteUrl(settings.baseUrl, url);
  let body: object;
  if (file.type === "urlset") {
    const translated = file.entries.some((e) => e.alternates);
    body = {
      urlset: {
        "@xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9",
        ...(translated ? { "@xmlns:xhtml": "http://www.w3.org/1999/xhtml" } : {}),
        url: file.entries.map((e) => ({
          loc: abs(e.url),
          ...(e.lastmod ? { lastmod: e.lastmod } : {}),
          ...(e.alternates
            ? {
                "xhtml:link": e.alternates.map((a) => ({
                  "@rel": "alternate",
                  "@hreflang": a.hreflang,
                  "@href": abs(a.url),
                })),
              }
            : {}),
        })),
      },
    };
  } else if (file.type === "index") {
    body = {
      sitemapindex: {
        "@xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9",
        sitemap: file.files.map((url) => ({ loc: abs(url), lastmod: file.lastmod })),
      },
    };
  } else {
    body = {
      urlset: {
        "@xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "@xmlns:news": "http://www.google.com/schemas/sitemap-news/0.9",
        url: file.articles.map((a) => ({
          loc: abs(a.url),
          "news:news": {
            "news:publication": {
              "news:name": settings.title,
              "news:language": newsLanguage(a.lang.tag),
            },
            "news:publication_date": a.date.iso,
            "news:title": a.title,
          },
        })),
      },
    };
  }
  return xmlText(`<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(body)}`);
}

/**
 * Google News' `news:language`: the article's language tag in lower case, region included where the site
 * gives one (`zh-CN` → `zh-cn`, `zh-TW` → `zh-tw`, the two Chinese codes Google News names).
 */
export function newsLanguage(tag: string): string {
  return tag.toLowerCase();
}

/** robots.txt naming both sitemaps. */
export function robotsTxt(settings: SiteSettings): string {
  return [
    "User-agent: *",
    "Allow: /",
    "",
    `Sitemap: ${absoluteUrl(settings.baseUrl, SITEMAP_URL)}`,
    `Sitemap: ${absoluteUrl(settings.baseUrl, NEWS_SITEMAP_URL)}`,
    "",
  ].join("\n");
}
