import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Site, SiteSettings } from "../core/types.ts";
import { outputPath, REDIRECTS_URL } from "../core/urls.ts";
import { emptyFeedTime } from "../site/times.ts";
import { atomFeed, jsonFeed, rssFeed } from "./feeds.ts";
import { redirectsFile } from "./redirects.ts";
import type { OnWrite, PageSelection } from "./renderer.ts";
import { robotsTxt, sitemapFiles, sitemapXml } from "./sitemaps.ts";

/** One generated file: where it goes and how to make its text. */
interface DataFile {
  url: string;
  text: () => string;
}

/**
 * The non-HTML outputs, generated straight from the Site: feeds (those selected), `_redirects`, sitemaps,
 * robots.txt.
 */
function dataFiles(site: Site, select: PageSelection): DataFile[] {
  const { settings } = site;
  const emptyTime = emptyFeedTime(site);
  return [
    // Every format of a feed shows the same articles, so the Atom file's path decides for all three.
    ...site.feeds
      .filter((feed) => select(outputPath(feed.feeds.atom)))
      .flatMap((feed) => [
        { url: feed.feeds.atom, text: () => atomFeed(feed, settings, emptyTime) },
        { url: feed.feeds.json, text: () => jsonFeed(feed, settings) },
        { url: feed.feeds.rss, text: () => rssFeed(feed, settings, emptyTime) },
      ]),
    { url: REDIRECTS_URL, text: () => redirectsFile(site.redirects) },
    ...sitemapFiles(site).map((file) => ({
      url: file.url,
      text: () => remembered(file.url, file, settings, () => sitemapXml(file, settings)),
    })),
    { url: "/robots.txt", text: () => robotsTxt(settings) },
  ];
}

/** The last text made for each URL, with what it was made from. */
const made = new Map<string, { from: object; settings: SiteSettings; key?: string; text: string }>();

/**
 * The text made from `from` for `url`: made again only when `from` (the same object, or one of the same
 * JSON) or the settings differ from the last time in this process. The publishing mode writes the same
 * sitemaps after most edits, and building their XML is most of their cost.
 */
function remembered(url: string, from: object, settings: SiteSettings, make: () => string): string {
  const last = made.get(url);
  if (last && last.from === from && last.settings === settings) return last.text;
  const key = JSON.stringify([from, settings]);
  if (last && (last.key ?? JSON.stringify([last.from, last.settings])) === key) {
    made.set(url, { from, settings, key, text: last.text });
    return last.text;
  }
  const text = make();
  made.set(url, { from, settings, key, text });
  return text;
}

/**
 * Writes the feeds, sitemaps and robots.txt into `outDir`. They are data, not pages: generating them here
 * (with feedsmith and fast-xml-parser) instead of through a template per file spares Eleventy a page each.
 * Returns the number of files written; `onWrite` is told of each.
 */
export async function writeDataFiles(
  site: Site,
  outDir: string,
  options: { select?: PageSelection; onWrite?: OnWrite } = {},
): Promise<number> {
  const onWrite = options.onWrite ?? (() => {});
  const files = dataFiles(site, options.select ?? (() => true));
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
