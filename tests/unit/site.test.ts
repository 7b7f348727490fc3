import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

const ARTICLES = "tests/fixtures/broken/articles";

describe("buildSite on content with every kind of error", () => {
  it("reports every problem in every file, with file, line and rule, and gives no site", async () => {
    const { site, diagnostics } = await buildSite({
      contentDir: fixtureDir("broken"),
      buildTime: BUILD_TIME,
    });
    expect(site).toBeUndefined();
    expect(diagnostics.map((d) => [d.file.replace(`${ARTICLES}/`, ""), d.line, d.rule]).sort()).toEqual([
      ["bad-entity-lists.md", 4, "article/invalid-people"],
      ["bad-entity-lists.md", 5, "article/invalid-organizations"],
      ["empty.md", 1, "file/empty"],
      ["impossible-date.md", 4, "article/invalid-date"],
      ["missing-date.md", 1, "article/missing-date"],
      ["missing-title.md", 1, "article/missing-title"],
      ["not-iso-date.md", 3, "article/invalid-date"],
      ["same-url-a.md", 4, "article/duplicate-url"],
      ["same-url-b.md", 4, "article/duplicate-url"],
      ["slug-collision.md", 4, "entity/slug-collision"],
      ["yaml-syntax.md", 5, "frontmatter/yaml-syntax"],
    ]);
    expect(diagnostics.every((d) => d.severity === "error")).toBe(true);
  });
});

describe("buildSite on the fixture newsroom", () => {
  it("publishes every non-draft article newest first, including one saved with CRLF and a BOM", async () => {
    const { site, diagnostics } = await buildSite({
      contentDir: fixtureDir("newsroom"),
      buildTime: BUILD_TIME,
    });
    expect(diagnostics).toEqual([]);
    if (!site) throw new Error("no site");
    expect(site.articles).toHaveLength(26);
    expect(site.articles[0]).toMatchObject({
      url: "/2024/04/01/windows-editor/",
      title: "Written on Windows",
      dateline: "SHEKI, Azerbaijan",
      date: { iso: "2024-04-01T12:00:00+04:00", text: "April 1, 2024" },
    });
    expect(site.articles.at(-1)?.url).toBe("/2024/03/01/ferry-update-01/");
    expect(site.articles.some((a) => a.title.includes("Draft"))).toBe(false);
    expect(site.entities.person.some((e) => e.name === "Draft Person Nobody")).toBe(false);
  });

  it("indexes people and organizations with counts and page chunks", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("newsroom"), buildTime: BUILD_TIME });
    if (!site) throw new Error("no site");
    expect(site.entities.person.map((e) => [e.name, e.url, e.articles.length])).toEqual([
      ["Aynur Qasımova", "/people/aynur-qasimova/", 25],
      ["Gülşən Əliyeva", "/people/gulsen-eliyeva/", 6],
      ["Айбек Токтогулов", "/people/aybek-toktogulov/", 4],
    ]);
    const aynurPages = site.entityPages.filter((p) => p.entity?.slug === "aynur-qasimova");
    expect(aynurPages.map((p) => [p.url, p.items.length])).toEqual([
      ["/people/aynur-qasimova/", 20],
      ["/people/aynur-qasimova/page/2/", 5],
    ]);
    expect(site.homePages.map((p) => [p.url, p.items.length])).toEqual([
      ["/", 20],
      ["/page/2/", 6],
    ]);
    expect(site.directories.map((d) => [d.url, d.entries.length])).toEqual([
      ["/people/", 3],
      ["/organizations/", 2],
      ["/places/", 5],
    ]);
    // Places come from the datelines: "LANKARAN, Azerbaijan" → Lankaran.
    expect(site.entities.place.map((e) => [e.name, e.url])).toContainEqual(["Lankaran", "/places/lankaran/"]);
  });

  it("includes drafts when asked (dev server)", async () => {
    const { site } = await buildSite({
      contentDir: fixtureDir("newsroom"),
      buildTime: BUILD_TIME,
      preview: true,
    });
    expect(site?.articles.find((a) => a.draft)?.url).toBe("/2024/04/02/unpublished-draft/");
  });

  it("reports a missing settings file", async () => {
    const { diagnostics } = await buildSite({ contentDir: fixtureDir("does-not-exist") });
    expect(diagnostics[0]?.rule).toBe("settings/missing-file");
  });
});
