import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/content/frontmatter.ts";
import { parseSettings } from "../../src/content/settings.ts";
import { validateArticle } from "../../src/content/validate.ts";
import type { SiteSettings } from "../../src/core/types.ts";
import { RESERVED_SEGMENTS, reservedSegment } from "../../src/core/urls.ts";
import { pageHashes } from "../../src/publish/incremental.ts";
import { sitemapUrls } from "../../src/render/sitemaps.ts";
import { FRONT_SECTION_SIZE } from "../../src/site/front-page.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

const FILE = "content/site.json";

/** site.json with one key a line and each section on its own line, so every section has its own line. */
function siteJson(sections: unknown[], extra: Record<string, unknown> = {}): string {
  const head = Object.entries({
    title: "The Harbour Ledger",
    baseUrl: "https://ledger.example.test",
    language: "en",
    timeZone: "Asia/Baku",
    ...extra,
  })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const items = sections.map((s, i) => `    ${JSON.stringify(s)}${i < sections.length - 1 ? "," : ""}`);
  return `{\n${head.join("\n")}\n  "sections": [\n${items.join("\n")}\n  ]\n}\n`;
}

const problems = (text: string) =>
  parseSettings(text, FILE).diagnostics.map((d) => [d.rule, d.line, d.field, d.message]);

describe("sections in site.json", () => {
  it("reads sections with one title, or a title per language", () => {
    const { settings, diagnostics } = parseSettings(
      siteJson(
        [
          { slug: "business", title: "Business", description: "Trade and shipping." },
          { slug: "sport", title: { en: "Sport", ru: "Спорт" } },
        ],
        { languages: ["en", "ru"] },
      ),
      FILE,
    );
    expect(diagnostics).toEqual([]);
    expect(settings?.sections).toEqual([
      { slug: "business", title: "Business", description: "Trade and shipping." },
      { slug: "sport", title: { en: "Sport", ru: "Спорт" } },
    ]);
  });

  it("has no sections when the key is absent", () => {
    const text = siteJson([]).replace(/,\n {2}"sections": \[\n\n {2}\]/, "");
    expect(parseSettings(text, FILE).settings?.sections).toBeUndefined();
  });

  it("reports every wrong section at its own line: a bad slug, a duplicate, a missing title", () => {
    // Lines: 1 {, 2-5 the settings, 6 "sections": [, then the sections from line 7.
    expect(
      problems(
        siteJson([
          { slug: "business", title: "Business" },
          { slug: "Sport News", title: "Sport" },
          { slug: "business", title: "Business again" },
          { slug: "culture" },
        ]),
      ),
    ).toEqual([
      [
        "settings/invalid-sections",
        8,
        "sections",
        '"sections": expected lower-case letters, digits and hyphens, such as business (found the text "Sport News")',
      ],
      [
        "settings/invalid-sections",
        10,
        "sections",
        '"sections": expected text, or an object of texts by language such as { "en": "Sport", "ru": "Спорт" } (no "title" given)',
      ],
      [
        "settings/invalid-sections",
        9,
        "sections",
        '"sections": the section business is listed twice; expected each slug once',
      ],
    ]);
  });

  it("refuses a slug that would take a year's path, Dateline's own, or a language's", () => {
    const text = siteJson(
      [
        { slug: "people", title: "People" },
        { slug: "2024", title: "The year" },
        { slug: "ru", title: "Russia" },
        { slug: "search", title: "Search" },
        { slug: "business", title: "Business" },
      ],
      { language: undefined, languages: ["en", "ru"] },
    );
    const found = parseSettings(text, FILE);
    expect(found.settings).toBeUndefined();
    expect(found.diagnostics.map((d) => [d.rule, d.line, d.column, d.message])).toEqual([
      [
        "settings/invalid-sections",
        7,
        13,
        '"sections": the section people would take the path /people/, which is Dateline\'s own /people; expected another slug',
      ],
      [
        "settings/invalid-sections",
        8,
        13,
        '"sections": the section 2024 would take the path /2024/, which is a year\'s archive; expected another slug',
      ],
      [
        "settings/invalid-sections",
        9,
        13,
        '"sections": the section ru would take the path /ru/, which is the pages of the language ru; expected another slug',
      ],
      [
        "settings/invalid-sections",
        10,
        13,
        '"sections": the section search would take the path /search/, which is Dateline\'s own /search; expected another slug',
      ],
    ]);
  });

  it("checks titles per language against the site's languages, the default one required", () => {
    expect(
      problems(
        siteJson(
          [
            { slug: "sport", title: { en: "Sport", de: "Sport" } },
            { slug: "culture", title: { ru: "Культура" } },
          ],
          { language: undefined, languages: ["en", "ru"] },
        ),
      ),
    ).toEqual([
      [
        "settings/invalid-sections",
        7,
        "sections",
        '"sections": de is not one of the site\'s languages (en, ru) (found the text "Sport")',
      ],
      [
        "settings/invalid-sections",
        8,
        "sections",
        '"sections": expected a title in the default language, en (found a mapping)',
      ],
    ]);
  });

  it("reserves one list of top-level paths, the entity directories among them", () => {
    for (const segment of ["page", "people", "organizations", "places", "authors", "corrections", "search"])
      expect(RESERVED_SEGMENTS).toContain(segment);
    expect(reservedSegment("1999", [])).toBe("a year's archive");
    expect(reservedSegment("az", ["az"])).toBe("the pages of the language az");
    expect(reservedSegment("az", [])).toBeUndefined();
    expect(reservedSegment("business", ["ru"])).toBeUndefined();
  });
});

const SECTIONS: SiteSettings = {
  ...TEST_SETTINGS,
  sections: [
    { slug: "business", title: "Business" },
    { slug: "sport", title: { en: "Sport" } },
  ],
};

function validate(raw: string, settings: SiteSettings = SECTIONS) {
  const parsed = parseDocument("content/articles/story.md", raw);
  if (!parsed.document) throw new Error(`parse failed: ${JSON.stringify(parsed.diagnostics)}`);
  return validateArticle(parsed.document, settings);
}

describe("section: in an article", () => {
  it("keeps a known section's slug", () => {
    const { article, diagnostics } = validate("---\ntitle: T\ndate: 2024-03-01\nsection: business\n---\n");
    expect(diagnostics).toEqual([]);
    expect(article?.section).toBe("business");
    expect(validate("---\ntitle: T\ndate: 2024-03-01\n---\n").article?.section).toBeUndefined();
  });

  it("reports an unknown section at the key's line, with the section it was probably meant to be", () => {
    const { article, diagnostics } = validate(
      "---\ntitle: T\ndate: 2024-03-01\npeople: [Aynur Qasımova]\nsection: buisness\n---\n",
    );
    expect(article).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: "content/articles/story.md",
        line: 5,
        field: "section",
        rule: "article/unknown-section",
        severity: "error",
        message: 'unknown section "buisness"; expected "business" (the sections are business, sport)',
        hint: "write section: business",
      }),
    ]);
  });

  it("suggests the section whose title was written instead of its slug", () => {
    const [problem] = validate("---\ntitle: T\ndate: 2024-03-01\nsection: Sport\n---\n").diagnostics;
    expect(problem?.hint).toBe("write section: sport");
  });

  it("lists the sections when nothing is close, and says so when the site has none", () => {
    const [far] = validate("---\ntitle: T\ndate: 2024-03-01\nsection: weather\n---\n").diagnostics;
    expect(far?.message).toBe('unknown section "weather"; expected one of business, sport');
    const [none] = validate(
      "---\ntitle: T\ndate: 2024-03-01\nsection: sport\n---\n",
      TEST_SETTINGS,
    ).diagnostics;
    expect(none?.rule).toBe("article/unknown-section");
    expect(none?.message).toContain("the site has no sections");
  });

  it("reports the unknown section together with the frontmatter's other problems", () => {
    const rules = validate("---\ntitle: T\ndate: 2024-02-30\nsection: sprot\n---\n").diagnostics.map((d) => [
      d.rule,
      d.line,
    ]);
    expect(rules).toEqual([
      ["article/invalid-date", 3],
      ["article/unknown-section", 4],
    ]);
  });
});

describe("the Site of a site with sections", async () => {
  const { site, diagnostics } = await buildSite({
    contentDir: fixtureDir("sections"),
    buildTime: BUILD_TIME,
  });
  if (!site) throw new Error(JSON.stringify(diagnostics));

  it("gives every section its pages, perPage a page, and its feeds", () => {
    expect(site.sectionPages.map((p) => [p.url, p.items.length, p.section?.slug])).toEqual([
      ["/business/", 4, "business"],
      ["/business/page/2/", 1, "business"],
      ["/sport/", 2, "sport"],
      ["/culture/", 2, "culture"],
    ]);
    expect(site.sections.map((s) => [s.url, s.title, s.description, s.feeds.atom])).toEqual([
      ["/business/", "Business", "Trade, shipping and the harbour's money.", "/business/feed.xml"],
      ["/sport/", "Sport", undefined, "/sport/feed.xml"],
      ["/culture/", "Culture", "Music, galleries and the stage.", "/culture/feed.xml"],
    ]);
    const sport = site.feeds.find((f) => f.pageUrl === "/sport/");
    expect(sport).toMatchObject({
      title: "Sport · The Harbour Ledger",
      description: "The latest articles in Sport",
      feeds: { atom: "/sport/feed.xml", json: "/sport/feed.json" },
      fullText: true,
      language: "en",
    });
    expect(sport?.articles.map((a) => a.slug)).toEqual(["rowing-club-wins-regatta", "quay-runners-coach"]);
  });

  it("gives each article its section, and the language its sections for the navigation", () => {
    expect(site.articles.find((a) => a.slug === "storm-warning")?.section).toBeUndefined();
    expect(site.articles.find((a) => a.slug === "harbour-tolls-cut")?.section).toEqual({
      slug: "business",
      title: "Business",
      url: "/business/",
    });
    expect(site.defaultLanguage.sections.map((s) => s.url)).toEqual(["/business/", "/sport/", "/culture/"]);
  });

  it("makes page 1 of the home listing a front page: lead, each section's newest, the rest of page 1", () => {
    const [first, second] = site.homePages;
    const front = first?.front;
    expect(front?.lead?.slug).toBe("harbour-tolls-cut");
    expect(front?.sections.map((b) => [b.section.slug, b.articles.map((a) => a.slug)])).toEqual([
      ["business", ["fish-market-moves", "shipyard-hires-welders", "ferry-fares-frozen"]],
      ["sport", ["rowing-club-wins-regatta", "quay-runners-coach"]],
      ["culture", ["customs-house-gallery", "harbour-choir-album"]],
    ]);
    expect(front?.sections[0]?.articles).toHaveLength(FRONT_SECTION_SIZE);
    expect(front?.latest.map((a) => a.slug)).toEqual([
      "rowing-club-wins-regatta",
      "customs-house-gallery",
      "fish-market-moves",
    ]);
    // Page 2 is the plain list, carrying on after page 1.
    expect(second?.front).toBeUndefined();
    expect(second?.items.map((a) => a.slug)).toEqual([
      "storm-warning",
      "quay-runners-coach",
      "shipyard-hires-welders",
      "ferry-fares-frozen",
    ]);
  });

  it("hashes section pages for incremental builds and lists them in the sitemap", () => {
    const hashes = pageHashes(site);
    for (const file of ["business/index.html", "business/page/2/index.html", "sport/feed.xml"])
      expect(hashes.has(file)).toBe(true);
    expect(sitemapUrls(site).map((u) => u.url)).toEqual(
      expect.arrayContaining(["/business/", "/business/page/2/", "/sport/", "/culture/"]),
    );
  });
});

describe("sections in a multilingual site", () => {
  it("titles each section in each language, falling back to the default language's title", async () => {
    const content = await contentWith("multilingual");
    const settings = JSON.parse(
      await import("node:fs/promises").then((fs) => fs.readFile(path.join(content, "site.json"), "utf8")),
    ) as Record<string, unknown>;
    settings.sections = [
      { slug: "transport", title: { en: "Transport", ru: "Транспорт" }, description: "Ferries and roads." },
      { slug: "sport", title: "Sport" },
    ];
    await writeFile(path.join(content, "site.json"), JSON.stringify(settings));
    const ru = path.join(content, "articles/ferry-route-opens-ru.md");
    const fs = await import("node:fs/promises");
    await writeFile(ru, (await fs.readFile(ru, "utf8")).replace("---\n", "---\nsection: transport\n"));
    const { site, diagnostics } = await buildSite({ contentDir: content, buildTime: BUILD_TIME });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(site?.sections.map((s) => [s.lang.tag, s.url, s.title])).toEqual([
      ["en", "/transport/", "Transport"],
      ["en", "/sport/", "Sport"],
      ["ru", "/ru/transport/", "Транспорт"],
      ["ru", "/ru/sport/", "Sport"],
      ["az", "/az/transport/", "Transport"],
      ["az", "/az/sport/", "Sport"],
    ]);
    const ruTransport = site?.sectionPages.find((p) => p.url === "/ru/transport/");
    expect(ruTransport?.items.map((a) => a.lang.tag)).toEqual(["ru"]);
    expect(ruTransport?.items[0]?.section).toEqual({
      slug: "transport",
      title: "Транспорт",
      url: "/ru/transport/",
    });
    expect(site?.feeds.find((f) => f.pageUrl === "/ru/transport/")?.feeds.json).toBe(
      "/ru/transport/feed.json",
    );
  });
});
