import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/eleventy/build.ts";
import { BUILD_TIME, buildFixture, buildSample, fixtureDir } from "../helpers/build-fixture.ts";
import { Page } from "../helpers/dom.ts";
import { loadPagefind, searchUrls } from "../helpers/pagefind.ts";

const BASE = "https://gazette.example.test";
let out: string;
let sampleOut: string;

async function read(dir: string, file: string): Promise<string> {
  return readFile(path.join(dir, file), "utf8");
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  const [registry, sample] = await Promise.all([buildFixture("registry"), buildSample()]);
  expect(registry.ok && sample.ok).toBe(true);
  out = registry.outDir;
  sampleOut = sample.outDir;
});

describe("entity pages from the registry", () => {
  it("show the registry's description, role, body, aliases, sameAs, companions, dates and feeds", async () => {
    const page = await Page.read(out, "/people/leyla-rzayeva/");
    expect(page.firstText("h1")).toBe("Leyla Rzayeva");
    expect(page.text(page.withClass("role")[0])).toBe("Spokesperson of the Caspian Ferry Authority");
    expect(page.text(page.withClass("description")[0])).toBe(
      "Fictional spokesperson of a fictional ferry operator.",
    );
    expect(page.text(page.withClass("aliases")[0])).toBe("Also known as L. Rzayeva, Leyla Rzaeva");
    expect(page.text(page.withClass("entity-meta")[0])).toBe(
      "3 articles · first May 1, 2024 · latest May 31, 2024",
    );
    expect(page.all("strong").map((e) => page.text(e))).toContain("invented");
    expect(page.links(page.withClass("seen-with")[0]).slice(0, 2)).toEqual([
      ["/organizations/caspian-ferry-authority/", "Caspian Ferry Authority"],
      ["/places/lankaran/", "Lankaran"],
    ]);
    expect(page.links(page.withClass("same-as")[0])).toEqual([
      ["https://example.org/people/leyla-rzayeva", "https://example.org/people/leyla-rzayeva"],
    ]);
    const alternates = page
      .all("link")
      .filter((l) => l.attribs.rel === "alternate")
      .map((l) => l.attribs.href);
    expect(alternates).toEqual([
      "/feed.xml",
      "/feed.json",
      "/rss.xml",
      "/people/leyla-rzayeva/feed.xml",
      "/people/leyla-rzayeva/feed.json",
      "/people/leyla-rzayeva/rss.xml",
    ]);
  });

  it("is where an alias links: an article naming CFA links to the Caspian Ferry Authority", async () => {
    const page = await Page.read(out, "/2024/05/01/cfa-announces-new-route/");
    expect(page.links(page.withClass("story-entities")[0])).toContainEqual([
      "/organizations/caspian-ferry-authority/",
      "Caspian Ferry Authority",
    ]);
  });
});

describe("article pages", () => {
  it("link the dateline's city to its place page, and show Updated", async () => {
    const page = await Page.read(out, "/2024/05/02/route-opens/");
    const dateline = page.withClass("dateline")[0];
    expect(page.text(dateline)).toBe("GANJA, Azerbaijan, May 2, 2024");
    expect(page.links(dateline)).toEqual([["/places/ganja/", "GANJA"]]);
    expect(page.text(page.withClass("updated")[0])).toBe("Updated May 10, 2024");
  });

  it("link related coverage, previous and next articles, and the archives", async () => {
    const page = await Page.read(out, "/2024/05/02/route-opens/");
    expect(page.links(page.withClass("related")[0]).map(([href]) => href)).toEqual([
      "/2024/05/31/breaking-news/",
      "/2024/05/01/cfa-announces-new-route/",
      "/2024/04/20/unrelated-market-story/",
    ]);
    expect(page.links(page.withClass("article-nav")[0])).toEqual([
      ["/2024/05/01/cfa-announces-new-route/", "CFA announces a new ferry route"],
      ["/2024/05/31/breaking-news/", "Breaking ferry news & updates"],
    ]);
    expect(page.links(page.withClass("archive-links")[0])).toEqual([
      ["/2024/05/", "May 2024"],
      ["/2024/", "2024"],
    ]);
  });

  it("carry NewsArticle JSON-LD, Open Graph and Twitter card meta, and a canonical URL", async () => {
    const page = await Page.read(out, "/2024/05/02/route-opens/");
    const script = page.all("script").find((s) => s.attribs.type === "application/ld+json");
    const [news] = JSON.parse(page.text(script));
    expect(news).toMatchObject({
      "@type": "NewsArticle",
      headline: "Route opens to passengers",
      dateModified: "2024-05-10T09:00:00+04:00",
    });
    const meta = Object.fromEntries(
      page.all("meta").map((m) => [m.attribs.property ?? m.attribs.name, m.attribs.content]),
    );
    expect(meta).toMatchObject({
      "og:type": "article",
      "og:title": "Route opens to passengers",
      "og:url": `${BASE}/2024/05/02/route-opens/`,
      "article:published_time": "2024-05-02T10:00:00+04:00",
      "twitter:card": "summary",
    });
    expect(page.all("link").find((l) => l.attribs.rel === "canonical")?.attribs.href).toBe(
      `${BASE}/2024/05/02/route-opens/`,
    );
  });
});

describe("feeds, sitemaps and robots.txt on disk", () => {
  it("writes Atom and JSON feeds for the site and every entity", async () => {
    const site = parseFeed(await read(out, "feed.xml"));
    expect(site.items).toHaveLength(4);
    const place = parseFeed(await read(out, "places/lankaran/feed.xml"));
    expect(place.items.map((i) => i.title)).toEqual([
      "Breaking ferry news & updates",
      "Route opens to passengers",
      "CFA announces a new ferry route",
    ]);
    const json = JSON.parse(await read(out, "organizations/caspian-ferry-authority/feed.json"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.items).toHaveLength(3);
  });

  it("writes the sitemaps and names them in robots.txt", async () => {
    const xml = new XMLParser({ isArray: (name) => name === "url" });
    const locs = xml.parse(await read(out, "sitemap.xml")).urlset.url.map((u: { loc: string }) => u.loc);
    expect(locs).toContain(`${BASE}/places/ganja/`);
    const news = xml.parse(await read(out, "news-sitemap.xml")).urlset.url.map((u: { loc: string }) => u.loc);
    expect(news).toEqual([`${BASE}/2024/05/31/breaking-news/`]);
    expect(await read(out, "robots.txt")).toContain(`Sitemap: ${BASE}/news-sitemap.xml`);
  });

  it("writes a 404 page and a search page", async () => {
    expect((await Page.read(out, "/404.html")).firstText("h1")).toBe("Page not found");
    const search = await Page.read(out, "/search/");
    expect(
      search
        .all("script")
        .map((s) => s.attribs.src)
        .filter(Boolean),
    ).toEqual(["/pagefind/pagefind-ui.js"]);
  });
});

describe("drafts and scheduled articles", () => {
  it("appear in no output file of a production build", async () => {
    for (const file of await allFiles(out)) {
      if (file.includes(`${path.sep}pagefind${path.sep}`)) continue;
      const text = await readFile(file, "utf8");
      for (const hidden of [
        "draft-story",
        "scheduled-story",
        "Secret Draftperson",
        "Future Person",
        "A draft about the ferry",
      ]) {
        expect(text.includes(hidden), `${hidden} in ${file}`).toBe(false);
      }
    }
  });

  it("are not searchable either", async () => {
    const api = await loadPagefind(out);
    expect(await searchUrls(api, "draft")).toEqual([]);
  });
});

describe("search", () => {
  it("finds the sample story for Shusha, and filters by person", async () => {
    const api = await loadPagefind(sampleOut);
    expect(await searchUrls(api, "Shusha")).toEqual([
      "/2022/12/15/bayramov-meets-ots-secretary-general-omuraliev/",
    ]);
    expect(await searchUrls(api, "Shusha", { person: "Jeyhun Bayramov" })).toHaveLength(1);
    expect(await searchUrls(api, "Shusha", { person: "Nobody Else" })).toEqual([]);
    expect(Object.keys(await api.filters()).sort()).toEqual(["organization", "person", "place"]);
  });
});

describe("preview builds (the dev server)", () => {
  it("show drafts and scheduled articles, marked", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "dateline-preview-")), "_site");
    const result = await build({
      contentDir: fixtureDir("registry"),
      outDir: dir,
      buildTime: BUILD_TIME,
      preview: true,
    });
    expect(result.ok).toBe(true);
    const draft = await Page.read(dir, "/2024/05/03/draft-story/");
    expect(draft.text(draft.withClass("status")[0])).toBe("Draft: not published");
    expect(draft.text(draft.withClass("preview-banner")[0])).toContain("Preview");
    const scheduled = await Page.read(dir, "/2024/06/05/scheduled-story/");
    expect(scheduled.text(scheduled.withClass("status")[0])).toBe(
      "Scheduled: not published before June 5, 2024",
    );
    const home = await Page.read(dir, "/");
    expect(home.withClass("status").map((s) => home.text(s))).toEqual(["Scheduled", "Draft"]);
  });
});

describe("a build without search (--no-search)", () => {
  it("writes every page but no search index", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "dateline-nosearch-")), "_site");
    const result = await build({
      contentDir: fixtureDir("registry"),
      outDir: dir,
      buildTime: BUILD_TIME,
      search: false,
    });
    expect(result).toMatchObject({ ok: true, searchable: 0 });
    expect((await readdir(dir)).sort()).not.toContain("pagefind");
    expect((await Page.read(dir, "/2024/05/02/route-opens/")).firstText("h1")).toBe(
      "Route opens to passengers",
    );
  });
});
