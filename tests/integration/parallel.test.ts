import { mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../src/eleventy/build.ts";
import type { PageWorker } from "../../src/eleventy/parallel.ts";
import { workerWrites } from "../../src/eleventy/share.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { hashTree } from "../helpers/tree.ts";

async function freshOut(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), "dateline-parallel-")), "_site");
}

const contentDir = fixtureDir("multilingual");

describe("rendering on two cores", () => {
  it("gives the same bytes as rendering on one, with the worker writing its share of the pages", async () => {
    const alone = await build({
      contentDir,
      outDir: await freshOut(),
      buildTime: BUILD_TIME,
      parallel: false,
    });
    const sharedOut = await freshOut();
    const shared = await build({
      contentDir,
      outDir: sharedOut,
      buildTime: BUILD_TIME,
      parallel: { minArticles: 0, minPages: 0 },
      search: false,
    });
    expect(alone.ok && shared.ok).toBe(true);
    expect(alone.workerFiles).toBe(0);
    expect(shared.workerFiles).toBeGreaterThan(0);
    expect(shared.workerFiles).toBeLessThan(shared.files);
    // The worker wrote exactly its share: its HTML pages, and the three files of each of its feeds.
    const written = Object.keys(await hashTree(sharedOut));
    const share = written.filter(
      (file) =>
        workerWrites(file) ||
        ((file.endsWith("/feed.json") || file.endsWith("/rss.xml")) &&
          workerWrites(file.replace(/(feed\.json|rss\.xml)$/, "feed.xml"))),
    );
    expect(share.some((file) => file.endsWith("/feed.json"))).toBe(true);
    expect(shared.workerFiles).toBe(share.length);
    const aloneOut = await freshOut();
    await build({ contentDir, outDir: aloneOut, buildTime: BUILD_TIME, parallel: false, search: false });
    expect(await hashTree(sharedOut)).toEqual(await hashTree(aloneOut));
  });

  it("shares an incremental build only when every page renders again: other settings, not an article edit", async () => {
    const content = await contentWith("multilingual");
    const out = await freshOut();
    const options = {
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      search: false,
      parallel: { minArticles: 0, minPages: 0 },
    };
    expect((await build(options)).workerFiles).toBeGreaterThan(0);
    const story = path.join(content, "articles/ferry-route-opens-ru.md");
    await writeFile(story, `${await readFile(story, "utf8")}\nЕщё один абзац.\n`);
    const edited = await build(options);
    expect(edited.reused).toBeGreaterThan(0);
    expect(edited.workerFiles).toBe(0);
    const settings = path.join(content, "site.json");
    const json = JSON.parse(await readFile(settings, "utf8"));
    await writeFile(settings, JSON.stringify({ ...json, title: `${json.title} (renamed)` }));
    const retitled = await build(options);
    expect(retitled.reused).toBe(0);
    expect(retitled.workerFiles).toBeGreaterThan(0);
    const reference = await freshOut();
    await build({ ...options, outDir: reference, parallel: false });
    expect(await hashTree(out)).toEqual(await hashTree(reference));
  });

  it("splits HTML pages and the feeds of entities, by path, the same way every time", () => {
    // The site's own feeds, sitemaps and the other data files stay with the main thread.
    for (const file of ["feed.xml", "feed.json", "rss.xml", "sitemap.xml", "_redirects", "robots.txt"])
      expect(workerWrites(file)).toBe(false);
    // A feed goes by its Atom file: the JSON and RSS files are never asked.
    const feeds = Array.from({ length: 400 }, (_, i) => `people/person-${i}/feed.xml`);
    const feedsTaken = feeds.filter(workerWrites).length;
    expect(feedsTaken).toBeGreaterThan(100);
    expect(feedsTaken).toBeLessThan(300);
    const pages = Array.from({ length: 400 }, (_, i) => `2024/01/02/story-${i}/index.html`);
    const taken = pages.filter(workerWrites).length;
    expect(taken).toBeGreaterThan(150);
    expect(taken).toBeLessThan(350);
    expect(pages.filter(workerWrites)).toEqual(pages.filter(workerWrites));
  });

  it("renders everything itself when the worker declines, leaving nothing the worker wrote", async () => {
    let workerFolder = "";
    const declining: PageWorker = {
      async render(folder) {
        workerFolder = folder;
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, "stray.html"), "<p>from another reading of the content</p>");
        return { declined: "the content changed while the worker read it" };
      },
      async stop() {},
    };
    const out = await freshOut();
    const result = await build({
      contentDir,
      outDir: out,
      buildTime: BUILD_TIME,
      search: false,
      parallel: { minArticles: 0, minPages: 0 },
      seams: { startWorker: async () => declining },
    });
    expect(result.ok).toBe(true);
    expect(result.workerFiles).toBe(0);
    const reference = await freshOut();
    await build({ contentDir, outDir: reference, buildTime: BUILD_TIME, parallel: false, search: false });
    const tree = await hashTree(out);
    expect(tree["stray.html"]).toBeUndefined();
    expect(path.basename(workerFolder)).toMatch(/^_site\.staging-.+\.worker-\d+$/);
    await expect(stat(workerFolder)).rejects.toThrow();
    expect(tree).toEqual(await hashTree(reference));
  });
});
