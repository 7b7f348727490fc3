import { parseFeed } from "@rowanmanning/feed-parser";
import { parseRssFeed } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article, FeedSpec, Site } from "../../src/core/types.ts";
import { feedUrlsAt } from "../../src/core/urls.ts";
import { creatorsOf, rssFeed } from "../../src/render/feeds.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

let site: Site;
let feed: FeedSpec;

beforeAll(async () => {
  const built = await buildSite({ contentDir: fixtureDir("redirects"), buildTime: BUILD_TIME });
  if (!built.site) throw new Error(JSON.stringify(built.diagnostics));
  site = built.site;
  feed = site.feeds[0] as FeedSpec;
  // The photo stage fills `image`; here the article is given one by hand.
  const ferry = site.articles.find((a) => a.slug === "ferry-timetable") as Article;
  ferry.image = {
    alt: "The ferry at the pier",
    main: { url: "/photos/ferry-1600.jpg", width: 1600, height: 1067, type: "image/jpeg" },
    crops: [],
    thumbnail: { url: "/photos/ferry-480.jpg", width: 480, height: 320, type: "image/jpeg" },
  };
});

describe("feed links", () => {
  it("put rss.xml beside feed.xml and feed.json", () => {
    expect(feedUrlsAt("/people/x/")).toEqual({
      atom: "/people/x/feed.xml",
      json: "/people/x/feed.json",
      rss: "/people/x/rss.xml",
    });
    expect(site.siteFeeds.rss).toBe("/rss.xml");
    expect(site.feeds.every((f) => f.feeds.rss === f.feeds.atom.replace(/feed\.xml$/, "rss.xml"))).toBe(true);
  });
});

describe("rssFeed", () => {
  it("is RSS 2.0 that @rowanmanning/feed-parser reads, with every article of the feed", () => {
    const parsed = parseFeed(rssFeed(feed, site.settings, site.buildTime));
    expect(parsed.meta.type).toBe("rss");
    expect(parsed.title).toBe("The Harbour Ledger");
    expect(parsed.url).toBe("https://ledger.example.test/");
    expect(parsed.items.map((i) => [i.title, i.url])).toEqual([
      ["Lighthouse keeper retires after forty years", "https://ledger.example.test/2024/01/05/lighthouse/"],
      [
        "Ferry timetable changes for the winter season",
        "https://ledger.example.test/2024/01/02/ferry-timetable/",
      ],
    ]);
    const ferry = parsed.items[1];
    expect(ferry?.authors.map((a) => a.name)).toEqual(["Selin Varoğlu"]);
    expect(ferry?.published?.toISOString()).toBe("2024-01-01T20:00:00.000Z");
    expect(ferry?.content).toContain("twice a day");
    expect(ferry?.media.map((m) => [m.url, m.mimeType])).toEqual([
      ["https://ledger.example.test/photos/ferry-1600.jpg", "image/jpeg"],
    ]);
    expect(parsed.items[0]?.media).toEqual([]);
  });

  it("carries media:content, dc:creator and a self link that feedsmith's parser reads back", () => {
    const parsed = parseRssFeed(rssFeed(feed, site.settings, site.buildTime));
    expect(parsed.language).toBe("en");
    expect(parsed.atom?.links?.[0]).toMatchObject({
      href: "https://ledger.example.test/rss.xml",
      rel: "self",
      type: "application/rss+xml",
    });
    const ferry = parsed.items?.[1];
    expect(ferry?.guid?.value).toBe("https://ledger.example.test/2024/01/02/ferry-timetable/");
    expect(ferry?.dc?.creators).toEqual(["Selin Varoğlu"]);
    expect(ferry?.media?.contents?.[0]).toMatchObject({
      url: "https://ledger.example.test/photos/ferry-1600.jpg",
      type: "image/jpeg",
      medium: "image",
      width: 1600,
      height: 1067,
    });
    expect(ferry?.categories?.map((c) => c.name)).toEqual([
      "Orxan Təbrizli",
      "Lenkoran Harbour Office",
      "Lenkoran",
    ]);
  });

  it("carries summaries only in an entity's feed", () => {
    const entityFeed = site.feeds.find((f) => f.pageUrl === "/people/orxan-tebrizli/") as FeedSpec;
    const parsed = parseRssFeed(rssFeed(entityFeed, site.settings, site.buildTime));
    expect(parsed.items?.map((i) => [i.description, i.content?.encoded])).toEqual([
      ["The harbour office publishes a shorter winter timetable.", undefined],
    ]);
  });

  it("names the byline's authors as creators, and none without a byline", () => {
    const ferry = site.articles.find((a) => a.slug === "ferry-timetable") as Article;
    expect(creatorsOf(ferry)).toEqual(["Selin Varoğlu"]);
    const { author: _author, authors: _authors, ...anonymous } = ferry;
    expect(creatorsOf(anonymous as Article)).toEqual([]);
  });

  it("is the same text for the same site", () => {
    expect(rssFeed(feed, site.settings, site.buildTime)).toBe(rssFeed(feed, site.settings, site.buildTime));
  });
});
