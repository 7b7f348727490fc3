import { beforeAll, describe, expect, it } from "vitest";
import type { Site } from "../../src/core/types.ts";
import { archiveOf } from "../../src/site/archives.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

let site: Site;

beforeAll(async () => {
  const result = await buildSite({ contentDir: fixtureDir("registry"), buildTime: BUILD_TIME });
  expect(result.diagnostics).toEqual([]);
  if (!result.site) throw new Error("no site");
  site = result.site;
});

const article = (url: string) => {
  const found = site.articles.find((a) => a.url === url);
  if (!found) throw new Error(`no article ${url}`);
  return found;
};

describe("the entity registry", () => {
  it("resolves aliases to the registry entity and its page", () => {
    expect(article("/2024/05/01/cfa-announces-new-route/").organizations.map((r) => [r.name, r.url])).toEqual(
      [["Caspian Ferry Authority", "/organizations/caspian-ferry-authority/"]],
    );
    expect(article("/2024/05/02/route-opens/").people.map((r) => r.url)).toEqual([
      "/people/leyla-rzayeva/",
      "/people/tural-hesenov/",
    ]);
    expect(article("/2024/05/31/breaking-news/").people.map((r) => r.name)).toEqual(["Leyla Rzayeva"]);
  });

  it("gives registry entities their description, role, sameAs and rendered body", () => {
    const leyla = site.entities.person.find((e) => e.slug === "leyla-rzayeva");
    expect(leyla).toMatchObject({
      name: "Leyla Rzayeva",
      aliases: ["L. Rzayeva", "Leyla Rzaeva"],
      role: "Spokesperson of the Caspian Ferry Authority",
      description: "Fictional spokesperson of a fictional ferry operator.",
      sameAs: ["https://example.org/people/leyla-rzayeva"],
      articleCount: 3,
    });
    expect(leyla?.html).toContain("<strong>invented</strong>");
  });

  it("gives no page to a registry entity that no article mentions", () => {
    expect(site.entities.person.map((e) => e.slug)).not.toContain("nobody-mentions-me");
  });
});

describe("places", () => {
  it("links the dateline's city to its place page, and lists explicit places", () => {
    const opens = article("/2024/05/02/route-opens/");
    expect(opens.places.map((r) => r.url)).toEqual(["/places/lankaran/", "/places/ganja/"]);
    expect(opens.datelineParts).toMatchObject({
      city: "GANJA",
      rest: ", Azerbaijan",
      place: { url: "/places/ganja/", name: "Ganja" },
    });
    expect(site.entities.place.map((e) => [e.name, e.articleCount])).toEqual([
      ["Ganja", 1],
      ["Lankaran", 3],
      ["Sheki", 1],
    ]);
  });
});

describe("related coverage", () => {
  it("lists the articles sharing the most entities, newer first on ties", () => {
    expect(article("/2024/05/02/route-opens/").related.map((r) => r.url)).toEqual([
      "/2024/05/31/breaking-news/",
      "/2024/05/01/cfa-announces-new-route/",
      "/2024/04/20/unrelated-market-story/",
    ]);
  });

  it("shows who an entity appears with, and its first and latest appearance", () => {
    const tural = site.entities.person.find((e) => e.slug === "tural-hesenov");
    expect(tural?.seenWith.map((s) => [s.ref.name, s.count])).toEqual([
      ["Caspian Ferry Authority", 1],
      ["Ganja", 1],
      ["Lankaran", 1],
      ["Leyla Rzayeva", 1],
      ["Sheki", 1],
    ]);
    expect(tural?.firstSeen?.iso).toBe("2024-04-20");
    expect(tural?.latestSeen?.iso).toBe("2024-05-02T10:00:00+04:00");
  });
});

describe("archives and neighbours", () => {
  it("builds year and month archives and links each article to them", () => {
    expect(site.archivePages.map((p) => [p.url, p.title, p.items.length]).sort()).toEqual([
      ["/2024/", "2024", 4],
      ["/2024/04/", "April 2024", 1],
      ["/2024/05/", "May 2024", 3],
    ]);
    expect(article("/2024/05/02/route-opens/").archive).toEqual({
      year: "2024",
      yearUrl: "/2024/",
      month: "May 2024",
      monthUrl: "/2024/05/",
    });
  });

  it("names a month in each language and links it under each prefix, the same month asked for again", () => {
    const en = archiveOf("2024/05/02", "en");
    expect(archiveOf("2024/05/31", "en")).toEqual(en);
    expect(archiveOf("2024/05/02", "ru", "/ru")).toEqual({
      year: "2024",
      yearUrl: "/ru/2024/",
      month: "май 2024",
      monthUrl: "/ru/2024/05/",
    });
    expect(archiveOf("2024/05/02", "en", "/en-gb").monthUrl).toBe("/en-gb/2024/05/");
    expect(archiveOf("2024/06/02", "en").month).toBe("June 2024");
    expect(en.month).toBe("May 2024");
  });

  it("links previous (older) and next (newer) articles", () => {
    const opens = article("/2024/05/02/route-opens/");
    expect(opens.previous?.url).toBe("/2024/05/01/cfa-announces-new-route/");
    expect(opens.next?.url).toBe("/2024/05/31/breaking-news/");
    expect(article("/2024/04/20/unrelated-market-story/").previous).toBeUndefined();
  });
});

describe("editorial states", () => {
  it("leaves drafts and future articles out of every list in a production build", () => {
    expect(site.articles.map((a) => a.url)).toEqual([
      "/2024/05/31/breaking-news/",
      "/2024/05/02/route-opens/",
      "/2024/05/01/cfa-announces-new-route/",
      "/2024/04/20/unrelated-market-story/",
    ]);
    const everything = JSON.stringify(site);
    for (const hidden of ["draft-story", "scheduled-story", "Secret Draftperson", "Future Person"]) {
      expect(everything).not.toContain(hidden);
    }
  });

  it("shows them, marked, in preview", async () => {
    const preview = await buildSite({
      contentDir: fixtureDir("registry"),
      buildTime: BUILD_TIME,
      preview: true,
    });
    expect(preview.site?.articles.map((a) => [a.url, a.status]).filter(([, s]) => s !== "published")).toEqual(
      [
        ["/2024/06/05/scheduled-story/", "scheduled"],
        ["/2024/05/03/draft-story/", "draft"],
      ],
    );
  });

  it("publishes a future article once the build time passes its date", async () => {
    const later = await buildSite({
      contentDir: fixtureDir("registry"),
      buildTime: "2024-06-06T00:00:00+04:00",
    });
    expect(later.site?.articles[0]?.url).toBe("/2024/06/05/scheduled-story/");
  });

  it("keeps updated for the page and feeds", () => {
    expect(article("/2024/05/02/route-opens/").updated).toMatchObject({
      iso: "2024-05-10T09:00:00+04:00",
      text: "May 10, 2024",
    });
  });
});

describe("feeds", () => {
  it("has a site feed and a feed for every entity, author and the corrections, newest first", () => {
    expect(site.siteFeeds).toEqual({ atom: "/feed.xml", json: "/feed.json", rss: "/rss.xml" });
    expect(site.feeds.map((f) => [f.feeds.atom, f.feeds.json, f.articles.length])).toEqual([
      ["/feed.xml", "/feed.json", 4],
      ["/people/leyla-rzayeva/feed.xml", "/people/leyla-rzayeva/feed.json", 3],
      ["/people/tural-hesenov/feed.xml", "/people/tural-hesenov/feed.json", 2],
      [
        "/organizations/caspian-ferry-authority/feed.xml",
        "/organizations/caspian-ferry-authority/feed.json",
        3,
      ],
      ["/places/ganja/feed.xml", "/places/ganja/feed.json", 1],
      ["/places/lankaran/feed.xml", "/places/lankaran/feed.json", 3],
      ["/places/sheki/feed.xml", "/places/sheki/feed.json", 1],
      ["/authors/fictional-reporter/feed.xml", "/authors/fictional-reporter/feed.json", 1],
      ["/corrections/feed.xml", "/corrections/feed.json", 0],
    ]);
  });
});
