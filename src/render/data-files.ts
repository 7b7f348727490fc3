import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Site } from "../core/types.ts";
import { outputPath } from "../core/urls.ts";
import { atomFeed, jsonFeed } from "./feeds.ts";
import { robotsTxt, sitemapFiles, sitemapXml } from "./sitemaps.ts";

/** One generated file: where it goes and how to make its text. */
interface DataFile {
  url: string;
  text: () => string;
}

/** The non-HTML outputs, generated straight from the Site: feeds (those to render), sitemaps, robots.txt. */
function dataFiles(site: Site): DataFile[] {
  const { settings, buildTime } = site;
  return [
    ...site.render.feeds.flatMap((feed) => [
      { url: feed.feeds.atom, text: () => atomFeed(feed, settings, buildTime) },
      { url: feed.feeds.json, text: () => jsonFeed(feed, settings) },
    ]),
    ...sitemapFiles(site).map((file) => ({ url: file.url, text: () => sitemapXml(file, settings) })),
    { url: "/robots.txt", text: () => robotsTxt(settings) },
  ];
}

/**
 * Writes the feeds, sitemaps and robots.txt into `outDir`. They are data, not pages: generating them here
 * (with feedsmith and fast-xml-parser) instead of through a template per file spares Eleventy a page each.
 * Returns the number of files written; `onWrite` is told of each.
 */
export async function writeDataFiles(
  site: Site,
  outDir: string,
  onWrite: (file: string, content: string) => void = () => {},
): Promise<number> {
  const files = dataFiles(site);
  const dirs = new Set(files.map((f) => path.dirname(path.join(outDir, outputPath(f.url)))));
  for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
  const BATCH = 64;
  for (let i = 0; i < files.length; i += BATCH) {
    await Promise.all(
      files.slice(i, i + BATCH).map(async (f) => {
        const file = path.join(outDir, outputPath(f.url));
        const text = f.text();
        await writeFile(file, text);
        onWrite(file, text);
      }),
    );
  }
  return files.length;
}
