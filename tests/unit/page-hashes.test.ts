import { describe, expect, it } from "vitest";
import type { Article, ListPage, Site } from "../../src/core/types.ts";
import { FEED_FIELDS, HASHED_ARTICLE_FIELDS, pageHashes } from "../../src/publish/incremental.ts";
import { atomFeed, jsonFeed, rssFeed } from "../../src/render/feeds.ts";
import { buildSite } from "../../src/site/site.ts";
import { emptyFeedTime } from "../../src/site/times.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

async function siteOf(fixture: string): Promise<Site> {
  const { site, diagnostics } = await buildSite({ contentDir: fixtureDir(fixture), buildTime: BUILD_TIME });
  if (!site) throw new Error(JSON.stringify(diagnostics));
  return site;
}

const pageOf = (a: Article) => `${a.url.slice(1)}index.html`;

describe("page hashes", () => {
  it("cover every field an article has at run time", async () => {
    for (const fixture of ["photos", "multilingual", "sections", "authors", "reader-details", "newsroom"]) {
      const site = await siteOf(fixture);
      const fields = new Set(site.articles.flatMap((a) => Object.keys(a)));
      expect([...fields].filter((f) => !HASHED_ARTICLE_FIELDS.includes(f))).toEqual([]);
    }
    expect(HASHED_ARTICLE_FIELDS).not.toContain("html");
  });

  it("change an article's page when anything it shows from other articles, entities or settings changes", async () => {
    const site = await siteOf("multilingual");
    const article = site.articles.find((a) => a.related.length > 0 && a.people.length > 0 && a.previous);
    if (!article) throw new Error("no article with related coverage, people and a previous article");
    const page = pageOf(article);
    const before = pageHashes(site).get(page);
    expect(before).toMatch(/^[0-9a-f]{40}$/);
    const changes: [string, () => void][] = [
      [
        "a related article's title",
        () => Object.assign(article.related[0] ?? {}, { title: "Another title" }),
      ],
      ["a person's page", () => Object.assign(article.people[0] ?? {}, { url: "/people/someone-else/" })],
      ["the previous article's date", () => Object.assign(article.previous?.date ?? {}, { text: "May 1" })],
      ["the language's name", () => Object.assign(article.lang, { name: "Other" })],
      ["the status", () => Object.assign(article, { status: "draft" })],
      [
        "the translations",
        () => article.translations.push({ ...article.translations[0], hreflang: "x" } as never),
      ],
      ["the summary's HTML", () => Object.assign(article, { summaryHtml: "<em>new</em>" })],
    ];
    const seen = new Set([before]);
    for (const [what, change] of changes) {
      change();
      const after = pageHashes(site).get(page);
      expect(seen.has(after), what).toBe(false);
      seen.add(after);
    }
  });

  it("change a listing when its section, entity or author changes, and not the other listings", async () => {
    for (const [fixture, pick, change] of [
      [
        "sections",
        (site: Site) => site.sectionPages[0],
        (p: ListPage) => Object.assign(p.section ?? {}, { description: "New" }),
      ],
      [
        "registry",
        (site: Site) => site.entityPages[0],
        (p: ListPage) => Object.assign(p.entity ?? {}, { role: "New role" }),
      ],
      [
        "authors",
        (site: Site) => site.authorPages[0],
        (p: ListPage) => Object.assign(p.author ?? {}, { bio: "New bio" }),
      ],
    ] as const) {
      const site = await siteOf(fixture);
      const page = pick(site);
      if (!page) throw new Error(`no listing in ${fixture}`);
      const file = `${page.url.slice(1)}index.html`;
      const before = pageHashes(site);
      change(page);
      const after = pageHashes(site);
      expect(after.get(file), fixture).not.toBe(before.get(file));
      expect(after.get("index.html"), fixture).toBe(before.get("index.html"));
    }
  });

  it("change a listing when a teaser it shows changes, and not when only an article's body source does", async () => {
    const site = await siteOf("reader-details");
    const home = site.homePages[0];
    // The front page's lead is shown in full; any other story as a teaser.
    const first = home?.items.find((a) => a !== home.front?.lead);
    if (!first) throw new Error("no home page item");
    const before = pageHashes(site);
    first.sourceHash = "0".repeat(40);
    const body = pageHashes(site);
    expect(body.get("index.html")).toBe(before.get("index.html"));
    expect(body.get(pageOf(first))).not.toBe(before.get(pageOf(first)));
    first.title = "A new fictional headline";
    expect(pageHashes(site).get("index.html")).not.toBe(before.get("index.html"));
  });
});

describe("feed hashes", () => {
  it("cover the fields a feed entry shows: feeds never read any other field of an article", async () => {
    const others = HASHED_ARTICLE_FIELDS.filter((f) => !(FEED_FIELDS as readonly string[]).includes(f));
    expect(others).toContain("related");
    for (const fixture of ["photos", "multilingual", "authors", "reader-details"]) {
      const site = await siteOf(fixture);
      for (const spec of site.feeds.filter((f) => f.articles.length > 0)) {
        // Any other field read while the feeds are made fails the test, naming the field.
        for (const article of spec.articles)
          for (const field of others)
            Object.defineProperty(article, field, {
              configurable: true,
              get() {
                throw new Error(`a feed reads ${field}`);
              },
            });
        const time = emptyFeedTime(site);
        expect(() => [
          atomFeed(spec, site.settings, time),
          jsonFeed(spec, site.settings),
          rssFeed(spec, site.settings, time),
        ]).not.toThrow();
      }
    }
  });

  it("change when an entry's headline changes, not when a related article's does", async () => {
    const site = await siteOf("multilingual");
    const spec = site.feeds.find((f) => f.articles.some((a) => a.related.length > 0));
    const article = spec?.articles.find((a) => a.related.length > 0);
    if (!spec || !article) throw new Error("no feed with an article with related coverage");
    const feedFile = spec.feeds.atom.slice(1);
    const before = pageHashes(site);
    Object.assign(article.related[0] ?? {}, { title: "Another related headline" });
    const related = pageHashes(site);
    expect(related.get(feedFile)).toBe(before.get(feedFile));
    expect(related.get(pageOf(article))).not.toBe(before.get(pageOf(article)));
    article.title = "Another headline";
    expect(pageHashes(site).get(feedFile)).not.toBe(before.get(feedFile));
  });
});
