import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BuildOptions, build } from "../../src/eleventy/build.ts";
import { readManifest, replaceManifest } from "../../src/publish/manifest.ts";
import { buildSearchIndex, type SearchIndexOptions } from "../../src/render/search.ts";
import { BUILD_TIME } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { loadPagefind, searchUrls } from "../helpers/pagefind.ts";
import { pausedBuild } from "../helpers/paused-build.ts";
import { hashTree } from "../helpers/tree.ts";

/** A fictional article in `year`, about `word`. */
function article(year: string, slug: string, word: string, person = "Lale Ordubadi"): string {
  return `---
title: ${word} story of ${year}
date: ${year}-06-01
summary: A fictional ${word.toLowerCase()} report.
people:
  - ${person}
---
The ${word.toLowerCase()} report (${slug}) is fictional and exists only for tests.
`;
}

const OLD_ARTICLES = {
  "articles/2023/06/lighthouse.md": article("2023", "lighthouse", "Lighthouse"),
  "articles/2022/06/orchard.md": article("2022", "orchard", "Orchard"),
};

/** Builds with a seam that records which shards Pagefind was asked to index (`all` for every shard). */
async function buildWith(content: string, out: string, extra: Partial<BuildOptions> = {}) {
  const calls: string[][] = [];
  const searchIndex = (
    articles: Parameters<typeof buildSearchIndex>[0],
    dir: string,
    o?: SearchIndexOptions,
  ) => {
    calls.push(o?.shards ? [...o.shards].sort() : ["all"]);
    return buildSearchIndex(articles, dir, o);
  };
  const result = await build({
    contentDir: content,
    outDir: out,
    buildTime: BUILD_TIME,
    seams: { searchIndex },
    ...extra,
  });
  expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
  return { result, calls };
}

async function fullBuildOf(content: string): Promise<Record<string, string>> {
  const out = path.join(await mkdtemp(path.join(tmpdir(), "dateline-shards-full-")), "_site");
  const result = await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME, incremental: false });
  expect(result.ok).toBe(true);
  return hashTree(out);
}

/** Every file of a shard folder → [SHA-1 of its bytes, modification time]. */
async function shardState(out: string, key: string): Promise<Record<string, [string, number]>> {
  const dir = path.join(out, "pagefind", key);
  const files = await hashTree(dir);
  const state: Record<string, [string, number]> = {};
  for (const file of Object.keys(files)) {
    const bytes = await readFile(path.join(dir, file));
    state[file] = [
      createHash("sha1").update(bytes).digest("hex"),
      (await stat(path.join(dir, file))).mtimeMs,
    ];
  }
  return state;
}

describe("the sharded search index", () => {
  it("has one shard per year, and a query across the merged shards finds articles of different years", async () => {
    const content = await contentWith("newsroom", OLD_ARTICLES);
    const out = path.join(path.dirname(content), "_site");
    const { result, calls } = await buildWith(content, out);
    expect(calls).toEqual([["all"]]);
    expect(result.searchable).toBe(28);
    const manifest = await readManifest(out);
    expect(Object.keys(manifest?.search?.shards ?? {})).toEqual(["en/2022", "en/2023", "en/2024"]);

    const page = await readFile(path.join(out, "search/index.html"), "utf8");
    expect(page).toContain(
      'bundlePath: "/pagefind/en/2024/", mergeIndex: [{ bundlePath: "/pagefind/en/2023/" }, { bundlePath: "/pagefind/en/2022/" }]',
    );

    const api = await loadPagefind(out);
    expect(await searchUrls(api, "Lighthouse")).toEqual(["/2023/06/01/lighthouse/"]);
    expect(await searchUrls(api, "Orchard")).toEqual(["/2022/06/01/orchard/"]);
    // One person named in articles of three years: the filter spans every merged shard.
    expect((await searchUrls(api, "fictional", { person: "Lale Ordubadi" })).sort()).toEqual([
      "/2022/06/01/orchard/",
      "/2023/06/01/lighthouse/",
    ]);
    expect((await api.filters()).person?.["Lale Ordubadi"]).toBe(2);
    expect(await searchUrls(api, "Ganja", { person: "Aynur Qasımova" })).toContain(
      "/2024/03/12/ferry-update-12/",
    );
  }, 60_000);

  it("re-indexes only the shard of an edited article, leaves the others' files untouched, and equals a full build", async () => {
    const content = await contentWith("newsroom", OLD_ARTICLES);
    const out = path.join(path.dirname(content), "_site");
    await buildWith(content, out);
    const before2022 = await shardState(out, "en/2022");
    const before2023 = await shardState(out, "en/2023");
    const before2024 = await shardState(out, "en/2024");

    const file = path.join(content, "articles/2023/06/lighthouse.md");
    await writeFile(file, `${await readFile(file, "utf8")}\nThe keeper counted seventeen cormorants.\n`);
    const { calls } = await buildWith(content, out);
    expect(calls).toEqual([["en/2023"]]);
    expect(await shardState(out, "en/2022")).toEqual(before2022);
    expect(await shardState(out, "en/2024")).toEqual(before2024);
    expect(await shardState(out, "en/2023")).not.toEqual(before2023);
    expect(await searchUrls(await loadPagefind(out), "cormorants")).toEqual(["/2023/06/01/lighthouse/"]);
    expect(await hashTree(out)).toEqual(await fullBuildOf(content));
  }, 60_000);

  it("equals a full build after an addition in a new year, a deletion that empties a year, a rename and a registry change", async () => {
    const content = await contentWith("newsroom", OLD_ARTICLES);
    const out = path.join(path.dirname(content), "_site");
    await buildWith(content, out);

    // Addition: a new shard; the others are kept.
    await mkdir(path.join(content, "articles/2021/06"), { recursive: true });
    await writeFile(path.join(content, "articles/2021/06/quarry.md"), article("2021", "quarry", "Quarry"));
    let { calls } = await buildWith(content, out);
    expect(calls).toEqual([["en/2021"]]);
    expect(await hashTree(out)).toEqual(await fullBuildOf(content));

    // Deletion: the 2022 shard goes away entirely, nothing is indexed.
    await rm(path.join(content, "articles/2022/06/orchard.md"));
    ({ calls } = await buildWith(content, out));
    expect(calls).toEqual([]);
    const tree = await hashTree(out);
    expect(Object.keys(tree).some((f) => f.startsWith("pagefind/en/2022/"))).toBe(false);
    expect(tree).toEqual(await fullBuildOf(content));
    expect(await searchUrls(await loadPagefind(out), "Orchard")).toEqual([]);

    // Rename: the article's URL changes, so its shard is indexed again.
    await rename(
      path.join(content, "articles/2023/06/lighthouse.md"),
      path.join(content, "articles/2023/06/beacon.md"),
    );
    ({ calls } = await buildWith(content, out));
    expect(calls).toEqual([["en/2023"]]);
    expect(await searchUrls(await loadPagefind(out), "Lighthouse")).toEqual(["/2023/06/01/beacon/"]);
    expect(await hashTree(out)).toEqual(await fullBuildOf(content));

    // A registry entry gives the person a new canonical name: the shards naming her are indexed again.
    await mkdir(path.join(content, "people"), { recursive: true });
    await writeFile(
      path.join(content, "people/lale-ordubadi-karimli.md"),
      "---\nname: Lale Ordubadi-Karimli\naliases:\n  - Lale Ordubadi\n---\nA fictional lighthouse keeper.\n",
    );
    ({ calls } = await buildWith(content, out));
    expect(calls).toEqual([["en/2021", "en/2023"]]);
    const api = await loadPagefind(out);
    expect(await searchUrls(api, "fictional", { person: "Lale Ordubadi-Karimli" })).toHaveLength(2);
    expect(await hashTree(out)).toEqual(await fullBuildOf(content));
  }, 120_000);

  it("keeps every shard when only the pages' code changed, and indexes all again for --full", async () => {
    const content = await contentWith("newsroom", OLD_ARTICLES);
    const out = path.join(path.dirname(content), "_site");
    await buildWith(content, out);
    const before = await hashTree(out);
    // As after a template change: the pages' fingerprint differs, the search fingerprint does not.
    const manifest = await readManifest(out);
    if (!manifest) throw new Error("no manifest");
    await replaceManifest(out, { ...manifest, fingerprint: "from-other-templates" });
    const { result, calls } = await buildWith(content, out);
    expect(result.reused).toBe(0);
    expect(calls).toEqual([]);
    expect(await hashTree(out)).toEqual(before);

    // A change to the code that builds records (the search fingerprint) indexes everything.
    const again = await readManifest(out);
    if (!again?.search) throw new Error("no search in the manifest");
    await replaceManifest(out, { ...again, search: { ...again.search, fingerprint: "old" } });
    expect((await buildWith(content, out)).calls).toEqual([["all"]]);
    expect((await buildWith(content, out, { incremental: false })).calls).toEqual([["all"]]);
    expect(await hashTree(out)).toEqual(before);
  }, 60_000);

  it("writes the interface files again when they are missing, without indexing any shard", async () => {
    const content = await contentWith("newsroom", OLD_ARTICLES);
    const out = path.join(path.dirname(content), "_site");
    await buildWith(content, out);
    const before = await hashTree(out);
    await rm(path.join(out, "pagefind/pagefind-ui.js"));
    const { calls } = await buildWith(content, out);
    expect(calls).toEqual([[]]);
    expect(await hashTree(out)).toEqual(before);
  }, 60_000);

  it("indexes an edit's shard once its pages are live", async () => {
    const content = await contentWith("newsroom", OLD_ARTICLES);
    const out = path.join(path.dirname(content), "_site");
    const page = path.join(out, "2023/06/01/lighthouse/index.html");
    // What the lighthouse page held when Pagefind was asked to index.
    const seen: string[] = [];
    const searchIndex = (
      articles: Parameters<typeof buildSearchIndex>[0],
      dir: string,
      o?: SearchIndexOptions,
    ) => {
      seen.push(existsSync(page) ? readFileSync(page, "utf8") : "(none)");
      return buildSearchIndex(articles, dir, o);
    };
    const first = await build({
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      seams: { searchIndex },
    });
    expect(first.ok).toBe(true);
    expect(seen).toHaveLength(1); // a first build's index starts while it renders (exactly when is not fixed)
    const file = path.join(content, "articles/2023/06/lighthouse.md");
    await writeFile(file, `${await readFile(file, "utf8")}\nThe keeper counted seventeen cormorants.\n`);
    const edit = await build({
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      seams: { searchIndex },
    });
    expect(edit.ok).toBe(true);
    expect(seen[1]).toContain("seventeen cormorants");
    expect(edit.publishedSeconds).toBeLessThan(edit.seconds);
  }, 60_000);

  /** A published site of OLD_ARTICLES, with the lighthouse article then edited (not built). */
  async function editedSite() {
    const content = await contentWith("newsroom", OLD_ARTICLES);
    const out = path.join(path.dirname(content), "_site");
    await buildWith(content, out);
    const kept2022 = await shardState(out, "en/2022");
    const shard2023 = await shardState(out, "en/2023");
    const file = path.join(content, "articles/2023/06/lighthouse.md");
    await writeFile(file, `${await readFile(file, "utf8")}\nThe keeper counted seventeen cormorants.\n`);
    const args = ["--content", content, "--out", out, "--build-time", BUILD_TIME];
    return { content, out, kept2022, shard2023, args };
  }

  it("after a build killed midway through publishing an edit's pages, the next build indexes its shard and equals a full build", async () => {
    const { content, out, kept2022, args } = await editedSite();
    for (const point of ["staged", "publishing"] as const) {
      const killed = await pausedBuild(args, point);
      await killed.kill();
    }
    const { calls } = await buildWith(content, out);
    // The killed build's pages were published (its journal was finished), its shard was not indexed.
    expect(calls).toEqual([["en/2023"]]);
    expect(await shardState(out, "en/2022")).toEqual(kept2022);
    expect(await searchUrls(await loadPagefind(out), "cormorants")).toEqual(["/2023/06/01/lighthouse/"]);
    expect(await hashTree(out)).toEqual(await fullBuildOf(content));
  }, 120_000);

  it("publishes an edit's pages before its shard: killed between the two, the next build indexes the shard and equals a full build", async () => {
    const { content, out, kept2022, shard2023, args } = await editedSite();
    const killed = await pausedBuild(args, "pages-published");
    // The edit is live, the search still the previous build's, and the manifest says so.
    const page = await readFile(path.join(out, "2023/06/01/lighthouse/index.html"), "utf8");
    expect(page).toContain("seventeen cormorants");
    expect(await shardState(out, "en/2023")).toEqual(shard2023);
    expect(await searchUrls(await loadPagefind(out), "cormorants")).toEqual([]);
    await killed.kill();
    const { calls } = await buildWith(content, out);
    expect(calls).toEqual([["en/2023"]]);
    expect(await shardState(out, "en/2022")).toEqual(kept2022);
    expect(await searchUrls(await loadPagefind(out), "cormorants")).toEqual(["/2023/06/01/lighthouse/"]);
    expect(await hashTree(out)).toEqual(await fullBuildOf(content));
  }, 120_000);

  it("keeps the previous search page while a new year's shard is not yet published", async () => {
    const { content, out, args } = await editedSite();
    const searchPage = path.join(out, "search/index.html");
    const before = await readFile(searchPage, "utf8");
    expect(before).not.toContain("/pagefind/en/2021/");
    await mkdir(path.join(content, "articles/2021/06"), { recursive: true });
    await writeFile(path.join(content, "articles/2021/06/quarry.md"), article("2021", "quarry", "Quarry"));
    const killed = await pausedBuild(args, "pages-published");
    // The new article is live; the search page, which would name the shard that is not there yet, is not.
    expect(await readFile(path.join(out, "2021/06/01/quarry/index.html"), "utf8")).toContain("Quarry");
    expect(await readFile(searchPage, "utf8")).toBe(before);
    await killed.kill();
    const { calls } = await buildWith(content, out);
    expect(calls).toEqual([["en/2021", "en/2023"]]);
    expect(await readFile(searchPage, "utf8")).toContain("/pagefind/en/2021/");
    expect(await hashTree(out)).toEqual(await fullBuildOf(content));
  }, 120_000);

  it("after a build killed midway through publishing an edit's shard, the next build finishes it and equals a full build", async () => {
    const { content, out, kept2022, args } = await editedSite();
    const killed = await pausedBuild(args, "search-publishing");
    expect(await readFile(path.join(out, "2023/06/01/lighthouse/index.html"), "utf8")).toContain(
      "cormorants",
    );
    await killed.kill();
    const { calls } = await buildWith(content, out);
    // The killed build's shard was published (the second journal was finished), so nothing is indexed again.
    expect(calls).toEqual([]);
    expect(await shardState(out, "en/2022")).toEqual(kept2022);
    expect(await searchUrls(await loadPagefind(out), "cormorants")).toEqual(["/2023/06/01/lighthouse/"]);
    expect(await hashTree(out)).toEqual(await fullBuildOf(content));
  }, 120_000);
});
