import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser } from "fast-xml-parser";
import { parseJsonFeed } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_FEED_CATEGORIES } from "../../src/content/limits.ts";
import type { Article, EntityRef, FeedSpec, Site } from "../../src/core/types.ts";
import { atomFeed, jsonFeed } from "../../src/render/feeds.ts";
import { robotsTxt, SITEMAP_LIMIT, sitemapFiles, sitemapXml } from "../../src/render/sitemaps.ts";
import { articleJsonLd, entityJsonLd } from "../../src/render/structured-data.ts";
import { buildSite } from "../../src/site/site.ts";
import { emptyFeedTime } from "../../src/site/times.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

let site: Site;
beforeAll(async () => {
  const result = await buildSite({ contentDir: fixtureDir("registry"), buildTime: BUILD_TIME });
  if (!result.site) throw new Error("no site");
  site = result.site;
});
const BASE = "https://gazette.example.test";
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ["url", "sitemap"].includes(name) });

describe("feeds", () => {
  it("dates an empty feed by the site's newest article, not by the build's moment", () => {
    const spec = site.feeds.find((f) => f.pageUrl === "/people/leyla-rzayeva/");
    if (!spec) throw new Error("no feed");
    const empty = { ...spec, articles: [] };
    expect(emptyFeedTime(site)).toBe(site.articles[0]?.date.iso);
    const later = { ...site, buildTime: "2030-01-01T00:00:00Z" };
    const updated = (at: typeof site) => parseFeed(atomFeed(empty, site.settings, emptyFeedTime(at))).updated;
    expect(updated(later)?.toISOString()).toBe(new Date(site.articles[0]?.date.iso ?? "").toISOString());
    expect(updated(later)).toEqual(updated(site));
    // A site without articles has nothing else to date its feeds by.
    expect(emptyFeedTime({ articles: [], buildTime: BUILD_TIME })).toBe(BUILD_TIME);
  });

  it("writes Atom that a feed reader parses, with entries newest first", () => {
    const spec = site.feeds.find((f) => f.pageUrl === "/people/leyla-rzayeva/");
    if (!spec) throw new Error("no feed");
    const feed = parseFeed(atomFeed(spec, site.settings, site.buildTime));
    expect(feed.title).toBe("Leyla Rzayeva · The Fixture Gazette");
    expect(feed.url).toBe(`${BASE}/people/leyla-rzayeva/`);
    expect(feed.items.map((i) => i.url)).toEqual([
      `${BASE}/2024/05/31/breaking-news/`,
      `${BASE}/2024/05/02/route-opens/`,
      `${BASE}/2024/05/01/cfa-announces-new-route/`,
    ]);
    const opens = feed.items[1];
    expect(opens?.title).toBe("Route opens to passengers");
    expect(opens?.published?.toISOString()).toBe("2024-05-02T06:00:00.000Z");
    expect(opens?.updated?.toISOString()).toBe("2024-05-10T05:00:00.000Z");
    // An entity's feed carries summaries, not the full text (one story may be in hundreds of them).
    expect(opens?.content ?? null).toBeNull();
    const atom = atomFeed(spec, site.settings, site.buildTime);
    expect(atom).toContain("<summary");
    expect(atom).not.toContain("<content");
    expect(opens?.authors.map((a) => a.name)).toEqual(["Fictional Reporter"]);
  });

  it("gives the full text in the site's feed only", () => {
    const siteFeed = site.feeds.find((f) => f.pageUrl === "/");
    if (!siteFeed) throw new Error("no site feed");
    const opens = parseFeed(atomFeed(siteFeed, site.settings, site.buildTime)).items.find((i) =>
      i.url?.endsWith("/route-opens/"),
    );
    expect(opens?.content).toContain("L. Rzayeva and Tural Həsənov spoke");
    const entityJson = JSON.parse(
      jsonFeed(site.feeds.find((f) => f.pageUrl === "/people/leyla-rzayeva/") as FeedSpec, site.settings),
    ) as { items: { content_html?: string; content_text?: string }[] };
    expect(entityJson.items.every((i) => i.content_html === undefined && i.content_text)).toBe(true);
  });

  it("writes JSON Feed 1.1", () => {
    const spec = site.feeds[0];
    if (!spec) throw new Error("no feed");
    const text = jsonFeed(spec, site.settings);
    expect(JSON.parse(text).version).toBe("https://jsonfeed.org/version/1.1");
    const feed = parseJsonFeed(text);
    expect(feed.feed_url).toBe(`${BASE}/feed.json`);
    expect(feed.items?.map((i) => i.id)).toEqual([
      `${BASE}/2024/05/31/breaking-news/`,
      `${BASE}/2024/05/02/route-opens/`,
      `${BASE}/2024/05/01/cfa-announces-new-route/`,
      `${BASE}/2024/04/20/unrelated-market-story/`,
    ]);
    expect(feed.items?.[1]?.date_modified).toBe("2024-05-10T05:00:00.000Z");
  });
});

describe("feed categories", () => {
  it("carry at most MAX_FEED_CATEGORIES per entry: people, then organizations, then places", () => {
    const article = site.articles.find((a) => a.url === "/2024/05/02/route-opens/");
    if (!article) throw new Error("no article");
    const refs = (kind: EntityRef["kind"], prefix: string, n: number): EntityRef[] =>
      Array.from({ length: n }, (_, i) => ({
        kind,
        name: `${prefix} ${i}`,
        slug: `${prefix}-${i}`,
        url: `/${prefix}-${i}/`,
        sameAs: [],
      }));
    const many = {
      ...article,
      html: article.html,
      people: refs("person", "Person", 25),
      organizations: refs("organization", "Org", 10),
      places: refs("place", "Place", 10),
    };
    const spec = { ...site.feeds[0], articles: [many] } as FeedSpec;
    const entry = [
      new XMLParser({ ignoreAttributes: false }).parse(atomFeed(spec, site.settings, site.buildTime)).feed
        .entry,
    ].flat()[0];
    const terms = entry.category.map((c: { "@_term": string }) => c["@_term"]);
    expect(terms).toHaveLength(MAX_FEED_CATEGORIES);
    expect(terms.slice(23, 27)).toEqual(["Person 23", "Person 24", "Org 0", "Org 1"]);
    expect(terms.at(-1)).toBe("Org 4");
    expect(JSON.parse(jsonFeed(spec, site.settings)).items[0].tags).toEqual(terms);
  });
});

describe("sitemaps", () => {
  it("lists every page with lastmod", () => {
    const files = sitemapFiles(site);
    expect(files.map((f) => [f.url, f.type])).toEqual([
      ["/sitemap.xml", "urlset"],
      ["/news-sitemap.xml", "news"],
    ]);
    const first = files[0];
    if (!first) throw new Error("no sitemap");
    const parsed = xml.parse(sitemapXml(first, site.settings));
    const urls: { loc: string; lastmod?: string }[] = parsed.urlset.url;
    const locs = urls.map((u) => u.loc);
    for (const path of [
      "/",
      "/2024/05/02/route-opens/",
      "/people/",
      "/people/leyla-rzayeva/",
      "/places/lankaran/",
      "/2024/05/",
      "/search/",
    ]) {
      expect(locs).toContain(`${BASE}${path}`);
    }
    expect(urls.find((u) => u.loc === `${BASE}/2024/05/02/route-opens/`)?.lastmod).toBe(
      "2024-05-10T09:00:00+04:00",
    );
    expect(urls.find((u) => u.loc === `${BASE}/`)?.lastmod).toBe("2024-05-31T20:00:00+04:00");
    expect(new Set(locs).size).toBe(locs.length);
  });

  it("writes a Google News sitemap of the articles of the last 48 hours", () => {
    const news = sitemapFiles(site).find((f) => f.type === "news");
    if (!news) throw new Error("no news sitemap");
    const parsed = xml.parse(sitemapXml(news, site.settings));
    expect(parsed.urlset["@_xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(parsed.urlset.url).toEqual([
      {
        loc: `${BASE}/2024/05/31/breaking-news/`,
        "news:news": {
          "news:publication": { "news:name": "The Fixture Gazette", "news:language": "en" },
          "news:publication_date": "2024-05-31T20:00:00+04:00",
          "news:title": "Breaking ferry news & updates",
        },
      },
    ]);
  });

  it("splits into a sitemap index past 50,000 URLs", () => {
    const many = Array.from(
      { length: SITEMAP_LIMIT },
      (_, i) => ({ ...site.articles[0], url: `/x/${i}/` }) as Article,
    );
    const files = sitemapFiles({ ...site, articles: many });
    expect(files.map((f) => f.url)).toEqual([
      "/sitemap.xml",
      "/sitemaps/1.xml",
      "/sitemaps/2.xml",
      "/news-sitemap.xml",
    ]);
    const index = files[0];
    if (!index) throw new Error("no index");
    expect(
      xml.parse(sitemapXml(index, site.settings)).sitemapindex.sitemap.map((s: { loc: string }) => s.loc),
    ).toEqual([`${BASE}/sitemaps/1.xml`, `${BASE}/sitemaps/2.xml`]);
  });

  it("shows an article's latest change after the publishing mode gives the same site a new one", async () => {
    const own = await buildSite({ contentDir: fixtureDir("registry"), buildTime: BUILD_TIME });
    const mine = own.site;
    if (!mine) throw new Error("no site");
    const lastmod = () => {
      const first = sitemapFiles(mine)[0];
      if (!first) throw new Error("no sitemap");
      const urls: { loc: string; lastmod?: string }[] = xml.parse(sitemapXml(first, mine.settings)).urlset
        .url;
      return urls.find((u) => u.loc === `${BASE}/2024/05/02/route-opens/`)?.lastmod;
    };
    expect(lastmod()).toBe("2024-05-10T09:00:00+04:00");
    const article = mine.articles.find((a) => a.url === "/2024/05/02/route-opens/");
    if (!article?.updated) throw new Error("no updated article");
    // As site/patch.ts does: the same article object, a later `updated` and latest change.
    const later = {
      ...article.updated,
      iso: "2024-05-12T09:00:00+04:00",
      epoch: article.updated.epoch + 172_800_000,
    };
    article.updated = later;
    article.modified = later;
    expect(lastmod()).toBe("2024-05-12T09:00:00+04:00");
  });

  it("names both sitemaps in robots.txt", () => {
    expect(robotsTxt(site.settings).split("\n")).toEqual(
      expect.arrayContaining([`Sitemap: ${BASE}/sitemap.xml`, `Sitemap: ${BASE}/news-sitemap.xml`]),
    );
  });
});

describe("JSON-LD", () => {
  it("describes an article as a NewsArticle mentioning its entities, with a breadcrumb", () => {
    const opens = site.articles.find((a) => a.url === "/2024/05/02/route-opens/");
    if (!opens) throw new Error("no article");
    const [news, crumbs] = JSON.parse(articleJsonLd(opens, site.settings));
    expect(news).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Route opens to passengers",
      datePublished: "2024-05-02T10:00:00+04:00",
      dateModified: "2024-05-10T09:00:00+04:00",
      dateline: "GANJA, Azerbaijan",
      author: [{ "@type": "Person", name: "Fictional Reporter", url: `${BASE}/authors/fictional-reporter/` }],
      publisher: { "@type": "Organization", name: "The Fixture Gazette" },
    });
    expect(news.mentions).toContainEqual({
      "@type": "Person",
      name: "Leyla Rzayeva",
      url: `${BASE}/people/leyla-rzayeva/`,
      sameAs: ["https://example.org/people/leyla-rzayeva"],
    });
    expect(news.mentions).toContainEqual({
      "@type": "Place",
      name: "Lankaran",
      url: `${BASE}/places/lankaran/`,
      sameAs: ["https://example.org/places/lankaran"],
    });
    expect(crumbs["@type"]).toBe("BreadcrumbList");
    expect(crumbs.itemListElement.map((i: { name: string }) => i.name)).toEqual([
      "The Fixture Gazette",
      "2024",
      "May 2024",
      "Route opens to passengers",
    ]);
  });

  it("describes an entity page as a ProfilePage", () => {
    const leyla = site.entities.person.find((e) => e.slug === "leyla-rzayeva");
    if (!leyla) throw new Error("no entity");
    const [page] = JSON.parse(entityJsonLd(leyla, site.settings, site.defaultLanguage));
    expect(page).toMatchObject({
      "@type": "ProfilePage",
      mainEntity: {
        "@type": "Person",
        name: "Leyla Rzayeva",
        jobTitle: "Spokesperson of the Caspian Ferry Authority",
        alternateName: ["L. Rzayeva", "Leyla Rzaeva"],
      },
    });
  });

  it("cannot close its script element early", () => {
    const opens = site.articles[0];
    if (!opens) throw new Error("no article");
    expect(articleJsonLd({ ...opens, title: "</script><b>x" }, site.settings)).not.toContain("</script>");
  });
});
