import { describe, expect, it } from "vitest";
import type { Article, Site } from "../../src/core/types.ts";
import { planSearch, shardHashes } from "../../src/publish/search-plan.ts";
import { languageShards, shardArticles, shardKey } from "../../src/site/search-shards.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

async function siteOf(fixture: string): Promise<Site> {
  const { site } = await buildSite({ contentDir: fixtureDir(fixture), buildTime: BUILD_TIME });
  if (!site) throw new Error("no site");
  return site;
}

/** A copy of an article with some fields changed (the body's hash stands for the body). */
function changed(a: Article, fields: Partial<Article>): Article {
  return { ...a, ...fields };
}

describe("shard assignment", () => {
  it("puts an article in the shard of its language and year", async () => {
    const site = await siteOf("multilingual");
    const keys = new Set(site.articles.map(shardKey));
    expect([...keys].sort()).toEqual(["az/2024", "en/2024", "ru/2024"]);
    const moved = changed(site.articles[0] as Article, {
      archive: { ...(site.articles[0] as Article).archive, year: "2019" },
    });
    expect(shardKey(moved)).toBe(`${(site.articles[0] as Article).lang.tag}/2019`);
  });

  it("indexes only published articles, in the site's order, keys sorted", async () => {
    const site = await siteOf("newsroom");
    const [first, second] = site.articles as [Article, Article];
    const articles = [
      changed(first, { archive: { ...first.archive, year: "2023" } }),
      changed(second, { status: "scheduled" }),
      ...site.articles.slice(2),
    ];
    const shards = shardArticles(articles);
    expect([...shards.keys()]).toEqual(["en/2023", "en/2024"]);
    expect(shards.get("en/2023")?.map((a) => a.url)).toEqual([first.url]);
    expect(shards.get("en/2024")?.map((a) => a.url)).toEqual(site.articles.slice(2).map((a) => a.url));
  });

  it("gives each language's search page its shards, newest first", async () => {
    const site = await siteOf("newsroom");
    const [first] = site.articles as [Article];
    const articles = [
      ...site.articles,
      changed(first, { url: "/2022/x/", archive: { ...first.archive, year: "2022" } }),
    ];
    expect(languageShards(articles, "en")).toEqual([
      { key: "en/2024", url: "/pagefind/en/2024/" },
      { key: "en/2022", url: "/pagefind/en/2022/" },
    ]);
    expect(languageShards(articles, "ru")).toEqual([]);
    expect(site.searchPages.map((p) => p.shards.map((s) => s.key))).toEqual([["en/2024"]]);
  });
});

describe("shard hashing", () => {
  it("changes a shard's hash when its records change, and only that shard's", async () => {
    const site = await siteOf("newsroom");
    const [first, ...rest] = site.articles as [Article, ...Article[]];
    const base = [changed(first, { archive: { ...first.archive, year: "2023" } }), ...rest];
    const before = shardHashes(base);
    for (const edit of [
      { sourceHash: "other" },
      { title: "Another title" },
      { summary: "Another summary" },
      { url: "/2023/elsewhere/" },
      { people: [{ ...(first.people[0] ?? { name: "", url: "", slug: "" }), name: "Someone Else" }] },
    ] as Partial<Article>[]) {
      const after = shardHashes([changed(base[0] as Article, edit), ...rest]);
      expect(after.get("en/2023"), JSON.stringify(edit)).not.toBe(before.get("en/2023"));
      expect(after.get("en/2024")).toBe(before.get("en/2024"));
    }
    // What a page shows but the index does not: the related coverage, the neighbours.
    expect(shardHashes([changed(base[0] as Article, { related: [] }), ...rest])).toEqual(before);
  });

  it("plans to index every shard without a previous build, and none when nothing changed", async () => {
    const site = await siteOf("newsroom");
    const full = await planSearch(site, "/nonexistent", undefined, true, "code");
    expect(full.index).toBeUndefined();
    expect(full.interfaceFiles).toBe(true);
    expect(full.pages).toBe(26);
    expect(Object.keys(full.manifest.shards)).toEqual(["en/2024"]);
    const previous = {
      fingerprint: "pages",
      pages: new Map<string, string>(),
      outputs: new Map<string, string>(),
      search: full.manifest,
    };
    // The same records, but the shard's files are gone from the output: indexed again.
    const missing = await planSearch(site, "/nonexistent", previous, true, "code");
    expect([...(missing.index ?? [])]).toEqual(["en/2024"]);
    // Other code: everything again.
    expect((await planSearch(site, "/nonexistent", previous, true, "other")).index).toBeUndefined();
    expect((await planSearch(site, "/nonexistent", previous, false, "code")).index).toBeUndefined();
  });
});
