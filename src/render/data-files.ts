import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Site, SiteSettings } from "../core/types.ts";
import { outputPath, REDIRECTS_URL, SITEMAP_URL } from "../core/urls.ts";
import { emptyFeedTime } from "../site/times.ts";
import { atomFeed, jsonFeed, rssFeed } from "./feeds.ts";
import { redirectsFile } from "./redirects.ts";
import type { OnWrite, PageSelection } from "./renderer.ts";
import { newsSitemapFile, robotsTxt, type SitemapFile, sitemapFiles, sitemapXml } from "./sitemaps.ts";

/** One generated file: where it goes and how to make its text. */
interface DataFile {
  url: string;
  text: () => string;
}

/**
 * The non-HTML outputs, generated straight from the Site: feeds (those selected), `_redirects`, sitemaps
 * (the URL sitemaps when `sitemap.xml` is selected), robots.txt.
 */
function dataFiles(site: Site, select: PageSelection, feedsOnly: boolean): DataFile[] {
  const { settings } = site;
  const emptyTime = emptyFeedTime(site);
  // Every format of a feed shows the same articles, so the Atom file's path decides for all three.
  const feeds = site.feeds
    .filter((feed) => select(outputPath(feed.feeds.atom)))
    .flatMap((feed) => [
      { url: feed.feeds.atom, text: () => atomFeed(feed, settings, emptyTime) },
      { url: feed.feeds.json, text: () => jsonFeed(feed, settings) },
      { url: feed.feeds.rss, text: () => rssFeed(feed, settings, emptyTime) },
    ]);
  if (feedsOnly) return feeds;
  // The URL sitemaps change together; a patched build leaves them as published unless a date moved.
  const sitemaps = select(outputPath(SITEMAP_URL)) ? sitemapFiles(site) : [newsSitemapFile(site)];
  return [
    ...feeds,
    { url: REDIRECTS_URL, text: () => redirectsFile(site.redirects) },
    ...sitemaps.map((file) => ({
      url: file.url,
      text: () => sitemapText(file, settings),
    })),
    { url: "/robots.txt", text: () => robotsTxt(settings) },
  ];
}

/** The last text made for each sitemap URL, with the file object it was made from. */
const made = new Map<string, { from: SitemapFile; settings: SiteSettings; text: string }>();

/**
 * A URL sitemap's XML: made again unless it is the same file object, with the same settings, as the last
 * time in this process. `sitemapFiles` gives the same objects for a site whose articles' latest changes are
 * the same (the publishing mode's patched site), and those objects never change; the news sitemap, whose
 * entries show articles' words, is always made again.
 */
function sitemapText(file: SitemapFile, settings: SiteSettings): string {
  if (file.type === "news") return sitemapXml(file, settings);
  const last = made.get(file.url);
  if (last && last.from === file && last.settings === settings) return last.text;
  const text = sitemapXml(file, settings);
  made.set(file.url, { from: file, settings, text });
  return text;
}

/**
 * Writes the feeds, sitemaps and robots.txt into `outDir` (`feedsOnly`: the selected feeds and no other
 * file, the render worker's share). They are data, not pages: generating them here (with feedsmith and
 * fast-xml-parser) instead of through a template per file spares Eleventy a page each. Returns the number of
 * files written; `onWrite` is told of each.
 */
export async function writeDataFiles(
  site: Site,
  outDir: string,
  options: { select?: PageSelection; onWrite?: OnWrite; feedsOnly?: boolean } = {},
): Promise<number> {
  const onWrite = options.onWrite ?? (() => {});
  const files = dataFiles(site, options.select ?? (() => true), options.feedsOnly === true);
  const dirs = new Set(files.map((f) => path.dirname(path.join(outDir, outputPath(f.url)))));
  for (const dir of [...dirs].sort()) mkdirSync(dir, { recursive: true });
  // Synchronous, as the pages are written: cheaper than a thread-pool round trip per file.
  for (const f of files) {
    const file = path.join(outDir, outputPath(f.url));
    const text = f.text();
    writeFileSync(file, text);
    onWrite(file, text);
  }
  return files.length;
}
