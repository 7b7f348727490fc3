import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../src/eleventy/build.ts";
import { fingerprint } from "../../src/publish/incremental.ts";
import {
  LEGACY_MANIFEST_FILE,
  MANIFEST_FILE,
  readManifest,
  replaceManifest,
} from "../../src/publish/manifest.ts";
import { buildSearchIndex } from "../../src/render/search.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir, ROOT } from "../helpers/build-fixture.ts";
import { loadPagefind, searchUrls } from "../helpers/pagefind.ts";
import { hashTree } from "../helpers/tree.ts";

async function temp(name: string): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), "dateline-incr-")), name);
}

async function copyFixture(name: string): Promise<string> {
  const dir = await temp(name);
  await cp(fixtureDir(name), dir, { recursive: true });
  return dir;
}

describe("incremental builds", () => {
  it("re-render only what an edit changed, and give the same output as a full build", async () => {
    const content = await copyFixture("newsroom");
    const out = await temp("_site");
    const first = await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME });
    expect(first.reused).toBe(0);

    const file = path.join(content, "articles/2024/03/ferry-update-12.md");
    const original = await readFile(file, "utf8");
    const edited = original.replace(
      "Ferry timetable update number 12 for Ganja",
      "Storm closes the Ganja ferry",
    );
    expect(edited).not.toBe(original);
    await writeFile(file, edited);
    const second = await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME });
    expect(second.ok).toBe(true);
    // Nearly half the files stay: every feed the edited article (or a neighbour) is in changes in all three
    // formats (Atom, JSON Feed, RSS), the other pages and feeds are reused.
    expect(second.reused).toBeGreaterThan(first.files * 0.45);

    // The search index is published with the pages, and knows the new headline.
    expect(second.publishedSeconds).toBeLessThanOrEqual(second.seconds);
    expect(second.searchable).toBe(26);
    expect(await searchUrls(await loadPagefind(out), "Storm")).toEqual(["/2024/03/12/ferry-update-12/"]);
    expect(await readdir(path.dirname(out))).toEqual(["_site"]);

    const full = await temp("_site");
    await build({ contentDir: content, outDir: full, buildTime: BUILD_TIME, incremental: false });
    expect(await hashTree(out)).toEqual(await hashTree(full));

    // Every page that shows the headline has the new one: the article, its neighbours, the listings, feeds.
    for (const page of [
      "2024/03/12/ferry-update-12/index.html",
      "2024/03/11/ferry-update-11/index.html",
      "2024/03/13/ferry-update-13/index.html",
      "index.html",
      "people/aynur-qasimova/index.html",
      "people/aynur-qasimova/feed.xml",
      "organizations/caspian-ferry-authority/feed.json",
      "places/ganja/index.html",
      "2024/03/index.html",
      "feed.xml",
    ]) {
      const text = await readFile(path.join(out, page), "utf8");
      expect(text.includes("Storm closes the Ganja ferry"), page).toBe(true);
      expect(text.includes("update number 12 for Ganja"), page).toBe(false);
    }
  });

  it("render a page again when its file was deleted from the output since, and reuse the others", async () => {
    const out = await temp("_site");
    const first = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    const before = await hashTree(out);
    const page = Object.keys(before).find((f) => /^\d{4}\/\d{2}\/\d{2}\/.+\/index\.html$/.test(f));
    if (!page) throw new Error("no article page");
    await rm(path.join(out, page));
    await rm(path.join(out, "feed.xml"));
    const again = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    expect(await hashTree(out)).toEqual(before);
    // The page and the site's feed (its three formats share one hash) are rendered; the rest is reused.
    expect(again.files - again.reused).toBeLessThanOrEqual(8 + 4);
    expect(again.reused).toBeLessThan(first.files - 8);
  });

  it("reuse every page when nothing changed", async () => {
    const out = await temp("_site");
    const first = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    const again = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    // Only the few fixed pages (search, 404, robots.txt, assets, sitemaps) are rendered again.
    expect(again.files - again.reused).toBeLessThanOrEqual(8);
    expect(again.files).toBe(first.files);
  });

  it("reuse the search index when no article changed, and rebuild it when one did", async () => {
    const content = await copyFixture("registry");
    const out = await temp("_site");
    const first = await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME });
    const before = await hashTree(out);
    let indexed = 0;
    const searchIndex: typeof buildSearchIndex = (...args) => {
      indexed++;
      return buildSearchIndex(...args);
    };
    const again = await build({
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      seams: { searchIndex },
    });
    expect(indexed).toBe(0);
    expect(again.searchable).toBe(first.searchable);
    expect(await hashTree(out)).toEqual(before);

    const file = path.join(content, "articles/route-opens.md");
    await writeFile(file, `${await readFile(file, "utf8")}\nThe harbour master called it a fine morning.\n`);
    const edited = await build({
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      seams: { searchIndex },
    });
    expect(indexed).toBe(1);
    expect(edited.searchable).toBe(first.searchable);
    expect(await searchUrls(await loadPagefind(out), "harbour master")).toHaveLength(1);
  });

  it("render everything when the code fingerprint differs", async () => {
    const out = await temp("_site");
    await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    const manifest = await readManifest(out);
    if (!manifest) throw new Error("no manifest");
    await replaceManifest(out, { ...manifest, fingerprint: "from-other-templates" });
    const again = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    expect(again.reused).toBe(0);
  });

  it("read the JSON manifest of an output built before the compact one, and replace it", async () => {
    const out = await temp("_site");
    await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    const steady = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    expect(steady.reused).toBeGreaterThan(40);
    const before = await hashTree(out);
    // The same output as the earlier version of Dateline left it: its manifest in JSON.
    const manifest = await readManifest(out);
    if (!manifest) throw new Error("no manifest");
    const record = (table: Iterable<[string, string]>) => Object.fromEntries(table);
    await writeFile(
      path.join(out, LEGACY_MANIFEST_FILE),
      JSON.stringify({
        version: 1,
        fingerprint: manifest.fingerprint,
        pages: record(manifest.pages),
        outputs: record(manifest.outputs),
        sources: record(manifest.sources ?? new Map()),
        ...(manifest.search ? { search: manifest.search } : {}),
      }),
    );
    await rm(path.join(out, MANIFEST_FILE));
    const again = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    expect(again.ok).toBe(true);
    // Every page reused, nothing moved: only the manifest was written, in the compact format.
    expect(again.reused).toBe(steady.reused);
    expect(again.unchanged).toBe(Object.keys(before).length - 1);
    expect(await readdir(out)).not.toContain(LEGACY_MANIFEST_FILE);
    expect(await hashTree(out)).toEqual(before);
    const now = await readManifest(out);
    expect(now?.fingerprint).toBe(manifest.fingerprint);
    expect(new Map(now?.outputs)).toEqual(new Map(manifest.outputs));
    expect(new Map(now?.pages)).toEqual(new Map(manifest.pages));
    expect(new Map(now?.sources)).toEqual(new Map(manifest.sources));
  });

  it("take a damaged or cut-off manifest for no previous build: render everything", async () => {
    const out = await temp("_site");
    const first = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    const steady = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    expect(steady.reused).toBeGreaterThan(40);
    const before = await hashTree(out);
    const manifestFile = path.join(out, MANIFEST_FILE);
    const bytes = await readFile(manifestFile);
    await writeFile(manifestFile, bytes.subarray(0, bytes.length - 7));
    expect(await readManifest(out)).toBeUndefined();
    const again = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    expect(again.ok).toBe(true);
    expect(again.reused).toBe(0);
    expect(again.files).toBe(first.files);
    expect(await hashTree(out)).toEqual(before);
    // The next build is incremental again.
    const third = await build({ contentDir: fixtureDir("registry"), outDir: out, buildTime: BUILD_TIME });
    expect(third.reused).toBe(steady.reused);
  });

  it("fingerprint a change to a template or to src/", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("registry"), buildTime: BUILD_TIME });
    if (!site) throw new Error("no site");
    const code = await temp("code");
    await cp(path.join(ROOT, "templates"), path.join(code, "templates"), { recursive: true });
    await cp(path.join(ROOT, "src"), path.join(code, "src"), { recursive: true });
    const dirs = [path.join(code, "src"), path.join(code, "templates")];
    const before = await fingerprint(site, dirs);
    expect(await fingerprint(site, dirs)).toBe(before);

    const layout = path.join(code, "templates/_includes/layouts/base.njk");
    await writeFile(layout, `${await readFile(layout, "utf8")}<!-- changed -->\n`);
    const afterTemplate = await fingerprint(site, dirs);
    expect(afterTemplate).not.toBe(before);

    const source = path.join(code, "src/core/urls.ts");
    await writeFile(source, `${await readFile(source, "utf8")}\n// changed\n`);
    expect(await fingerprint(site, dirs)).not.toBe(afterTemplate);

    expect(
      await fingerprint({ ...site, settings: { ...site.settings, title: "Another title" } }, dirs),
    ).not.toBe(await fingerprint(site, dirs));
  });
});
