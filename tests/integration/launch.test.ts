// Issue 11, "what a newsroom needs before it can publish": one fictional newsroom (tests/fixtures/launch) with
// local lead and body photos, three sections, two authors with author files, a corrected article, a moved
// article and inline-markdown summaries over two years, built end to end; then the same newsroom with one
// defect at a time.
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import type { Diagnostic } from "../../src/core/types.ts";
import { build } from "../../src/eleventy/build.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { Page } from "../helpers/dom.ts";
import { hashTree } from "../helpers/tree.ts";

const BASE = "https://herald.example.test";
const HARBOUR = "/2024/05/20/harbour-reopens/";
const MARKET = "/2024/05/28/market-moves/";
const PIER = "/2023/09/20/ferry-pier-repairs/";
const PHOTO_URL = /^https:\/\/herald\.example\.test\/img\/[0-9a-f]{16}-1600\.jpeg$/;

const SECTIONS: Record<string, string[]> = {
  harbour: [HARBOUR, "/2024/01/15/storm-coast-road/", PIER],
  business: [
    MARKET,
    "/2024/02/27/shipyard-tugboats/",
    "/2023/11/08/harbour-tolls-rise/",
    "/2023/03/14/cannery-night-shift/",
  ],
  culture: [
    "/2024/04/03/customs-house-gallery/",
    "/2023/12/19/lantern-festival/",
    "/2023/06/02/choir-first-album/",
  ],
};

let content: string;
let outDir: string;
let cacheDir: string;
let first: Awaited<ReturnType<typeof build>>;

const buildOnce = (contentDir: string, out: string) =>
  build({ contentDir, outDir: out, buildTime: BUILD_TIME, photoCacheDir: cacheDir, search: false });
const read = (file: string) => readFile(path.join(outDir, file), "utf8");
/** The output file of an absolute URL of the site. */
const fileOf = (url: string) => path.join(outDir, new URL(url).pathname);
const pathOf = (url: string | null | undefined) => new URL(url ?? "missing:").pathname;

beforeAll(async () => {
  content = await contentWith("launch");
  outDir = path.join(path.dirname(content), "_site");
  cacheDir = await mkdtemp(path.join(tmpdir(), "dateline-launch-cache-"));
  first = await buildOnce(content, outDir);
});

describe("the launch newsroom", () => {
  it("builds its ten articles without a single problem, processing each of its three photos once", () => {
    expect(first.diagnostics).toEqual([]);
    expect(first.ok).toBe(true);
    expect(first.articles).toBe(10);
    // The lead photo (also in a body), the other article's photo, the author's photo.
    expect(first.photos).toEqual({ processed: 3, cached: 0 });
  });

  it("has a page and Atom, JSON Feed and RSS feeds for each of its three sections, each listing its own articles", async () => {
    for (const [slug, urls] of Object.entries(SECTIONS)) {
      const page = await Page.read(outDir, `/${slug}/`);
      const listed = page.all("h2").flatMap((h2) => page.links(h2).map(([href]) => href));
      expect(listed, slug).toEqual(urls);
      expect(page.links(page.withClass("feeds")[0]), slug).toEqual([
        [`/${slug}/feed.xml`, "Atom feed"],
        [`/${slug}/feed.json`, "JSON Feed"],
        [`/${slug}/rss.xml`, "RSS"],
      ]);
      const atom = parseFeed(await read(`${slug}/feed.xml`));
      const rss = parseFeed(await read(`${slug}/rss.xml`));
      const json = JSON.parse(await read(`${slug}/feed.json`)) as {
        version: string;
        items: { url: string }[];
      };
      expect(atom.meta.type).toBe("atom");
      expect(rss.meta.type).toBe("rss");
      expect(json.version).toBe("https://jsonfeed.org/version/1.1");
      expect(
        atom.items.map((i) => pathOf(i.url)),
        slug,
      ).toEqual(urls);
      expect(
        rss.items.map((i) => pathOf(i.url)),
        slug,
      ).toEqual(urls);
      expect(
        json.items.map((i) => pathOf(i.url)),
        slug,
      ).toEqual(urls);
    }
    const article = await Page.read(outDir, HARBOUR);
    expect(page0Links(article, "kicker")).toEqual([["/harbour/", "Harbour"]]);
  });

  it("gives each author a page with their feeds, photo and role, and lists both at /authors/", async () => {
    const directory = await Page.read(outDir, "/authors/");
    expect(directory.text(directory.withClass("authors")[0])).toBe(
      "Mirela Dunavska, Harbour correspondent (6 articles) Tomas Ferrenz, Business editor (4 articles)",
    );
    const mirela = await Page.read(outDir, "/authors/mirela-dunavska/");
    expect(mirela.firstText("h1")).toBe("Mirela Dunavska");
    // The author file's photo, a site path to a file in the content folder, is published like an article's.
    const photo = mirela.withClass("author-photo")[0]?.attribs;
    expect(photo).toMatchObject({ alt: "Mirela Dunavska", width: "96", height: "96" });
    expect(photo?.src).toMatch(/^\/img\/[0-9a-f]{16}-400\.jpeg$/);
    const meta = await sharp(path.join(outDir, photo?.src ?? "missing")).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([400, 400, "jpeg"]);
    const profile = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(
      await read("authors/mirela-dunavska/index.html"),
    )?.[1];
    expect(profile).toContain(`"image":"${BASE}${photo?.src}"`);
    expect(mirela.links()).toContainEqual([
      "mailto:mirela@herald.example.test",
      "mirela@herald.example.test",
    ]);
    expect(mirela.links(mirela.withClass("feeds")[0]).map(([href]) => href)).toEqual([
      "/authors/mirela-dunavska/feed.xml",
      "/authors/mirela-dunavska/feed.json",
      "/authors/mirela-dunavska/rss.xml",
    ]);
    const tomas = parseFeed(await read("authors/tomas-ferrenz/rss.xml"));
    expect(tomas.items.map((i) => pathOf(i.url))).toEqual([...(SECTIONS.business ?? [])]);
    const tolls = await Page.read(outDir, "/2023/11/08/harbour-tolls-rise/");
    expect(tolls.text(tolls.withClass("byline")[0])).toBe("By Tomas Ferrenz and Mirela Dunavska");
    // The agency story has no byline and so no author page.
    expect(existsSync(path.join(outDir, "authors/fictional-wire-agency"))).toBe(false);
  });

  it("shows the correction on the article and lists it, linked, on /corrections/ and in its feeds", async () => {
    const article = await Page.read(outDir, HARBOUR);
    expect(article.text(article.withClass("corrections")[0])).toBe(
      "Correction, May 21, 2024: An earlier version gave the wrong day for the reopening of the east pier.",
    );
    const page = await Page.read(outDir, "/corrections/");
    const items = page.withClass("correction");
    expect(items.map((li) => page.text(li))).toEqual([
      "Harbour reopens after the storm Correction, May 21, 2024: An earlier version gave the wrong day for the reopening of the east pier.",
    ]);
    expect(page.links(items[0])).toEqual([[HARBOUR, "Harbour reopens after the storm"]]);
    expect(page.links(page.withClass("feeds")[0]).map(([href]) => href)).toEqual([
      "/corrections/feed.xml",
      "/corrections/feed.json",
      "/corrections/rss.xml",
    ]);
    for (const feed of ["corrections/feed.xml", "corrections/rss.xml"]) {
      expect(
        parseFeed(await read(feed)).items.map((i) => pathOf(i.url)),
        feed,
      ).toEqual([HARBOUR]);
    }
  });

  it("writes a redirect page for each old URL of the moved article, and both into _redirects", async () => {
    for (const file of ["2023/09/20/pier-closes/index.html", "stories/pier-closure.html"]) {
      const html = await read(file);
      expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${PIER}">`);
      expect(html).toContain(`<link rel="canonical" href="${BASE}${PIER}">`);
      expect(html).toContain(`<meta name="robots" content="noindex">`);
      expect(html).toContain(`<a href="${PIER}">Ferry pier closes for repairs</a>`);
    }
    expect((await read("_redirects")).split("\n").filter((l) => l && !l.startsWith("#"))).toEqual([
      `/2023/09/20/pier-closes/ ${PIER} 301`,
      `/stories/pier-closure.html ${PIER} 301`,
    ]);
    const sitemap = await read("sitemap.xml");
    expect(sitemap).toContain(`<loc>${BASE}${PIER}</loc>`);
    expect(sitemap).not.toContain("pier-closes");
    expect(sitemap).not.toContain("pier-closure");
  });

  it("shows summaries' inline markdown on listings, and only their text in descriptions and feeds", async () => {
    const home = await Page.read(outDir, "/");
    const summaries = home
      .withClass("summary")
      .map((p) => p.children.map((c) => ("name" in c ? c.name : "#")));
    expect(summaries).toContainEqual(["#", "strong", "#"]);
    const tugboats = home
      .withClass("summary")
      .find((p) => home.text(p).startsWith("The order keeps the shipyard"));
    expect(home.links(tugboats)).toEqual([["https://example.org/shipyard", "shipyard"]]);
    const html = await read(`${HARBOUR.slice(1)}index.html`);
    expect(html).toContain(
      `<meta name="description" content="The harbour opens its piers again after three weeks of repairs.">`,
    );
    const feed = JSON.parse(await read("feed.json")) as { items: { url: string; summary?: string }[] };
    const byUrl = Object.fromEntries(feed.items.map((i) => [pathOf(i.url), i.summary]));
    expect(byUrl[HARBOUR]).toBe("The harbour opens its piers again after three weeks of repairs.");
    expect(byUrl["/2023/11/08/harbour-tolls-rise/"]).toBe(
      "Boats over ten metres pay 12 % more from January.",
    );
  });

  it("gives og:image and the JSON-LD image as absolute URLs of files in the output", async () => {
    const html = await read(`${HARBOUR.slice(1)}index.html`);
    const og = /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1] ?? "";
    expect(og).toMatch(PHOTO_URL);
    expect(existsSync(fileOf(og))).toBe(true);
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    const data = [JSON.parse(json)].flat() as {
      "@type": string;
      image?: string[];
      articleSection?: string;
    }[];
    const article = data.find((d) => d["@type"] === "NewsArticle");
    expect(article?.articleSection).toBe("Harbour");
    const sizes = [];
    for (const url of article?.image ?? []) {
      expect(url.startsWith(`${BASE}/img/`)).toBe(true);
      const meta = await sharp(fileOf(url)).metadata();
      sizes.push(`${meta.width}x${meta.height}`);
    }
    expect(sizes).toEqual(["1200x675", "1200x900", "1200x1200"]);
    // The body photo is a lazy <picture> whose files exist.
    const page = await Page.read(outDir, HARBOUR);
    const body = page
      .all("img")
      .find((img) => img.attribs.alt === "Stalls with fruit at the market by the harbour");
    expect(body?.attribs).toMatchObject({ loading: "lazy", width: "1200", height: "900" });
    for (const candidate of (body?.attribs.srcset ?? "").split(", ").map((s) => s.split(" ")[0] ?? ""))
      expect(existsSync(path.join(outDir, candidate)), candidate).toBe(true);
  });

  it("carries the lead photo in all three site feeds: Atom enclosure, JSON Feed image, RSS media:content", async () => {
    const json = JSON.parse(await read("feed.json")) as { items: { url: string; image?: string }[] };
    const images = Object.fromEntries(json.items.map((i) => [pathOf(i.url), i.image]));
    expect(images[HARBOUR]).toMatch(PHOTO_URL);
    expect(images[MARKET]).toMatch(/^https:\/\/herald\.example\.test\/img\/[0-9a-f]{16}-1200\.jpeg$/);
    expect(Object.values(images).filter(Boolean)).toHaveLength(2);
    for (const image of [images[HARBOUR], images[MARKET]])
      expect(existsSync(fileOf(image ?? BASE))).toBe(true);
    for (const file of ["feed.xml", "rss.xml"]) {
      const feed = parseFeed(await read(file));
      expect(feed.items).toHaveLength(10);
      const media = Object.fromEntries(
        feed.items.map((i) => [pathOf(i.url), i.media.map((m) => [m.url, m.mimeType])]),
      );
      expect(media[HARBOUR], file).toEqual([[images[HARBOUR], "image/jpeg"]]);
      expect(media[MARKET], file).toEqual([[images[MARKET], "image/jpeg"]]);
      expect(media[PIER], file).toEqual([]);
    }
    expect(await read("rss.xml")).toContain(`<media:content url="${images[HARBOUR]}"`);
  });

  it("processes no photo in a second build: all come from the cache, the published files untouched", async () => {
    const before = await hashTree(path.join(outDir, "img"));
    const again = await buildOnce(content, outDir);
    expect(again.ok).toBe(true);
    expect(again.photos).toEqual({ processed: 0, cached: 3 });
    expect(await hashTree(path.join(outDir, "img"))).toEqual(before);
  });
});

describe("the launch newsroom changed", () => {
  it("renders the author page again with the new files when the author's photo is replaced", async () => {
    const scratch = await contentWith("launch");
    const out = path.join(path.dirname(scratch), "_site");
    expect((await buildOnce(scratch, out)).ok).toBe(true);
    const photoOf = async () =>
      (await Page.read(out, "/authors/mirela-dunavska/")).withClass("author-photo")[0]?.attribs.src ?? "";
    const before = await photoOf();
    await sharp({ create: { width: 300, height: 300, channels: 3, background: "#3a5f7d" } })
      .jpeg()
      .toFile(path.join(scratch, "photos/mirela-dunavska.jpg"));
    const again = await buildOnce(scratch, out);
    expect(again.ok).toBe(true);
    expect(again.photos).toEqual({ processed: 1, cached: 2 });
    const after = await photoOf();
    expect(after).toMatch(/^\/img\/[0-9a-f]{16}-300\.jpeg$/);
    expect(existsSync(path.join(out, after))).toBe(true);
    expect(existsSync(path.join(out, before))).toBe(false);
  });

  it("has nothing for npm run check to report", async () => {
    const checked = await checkContent(content);
    expect(checked.diagnostics).toEqual([]);
    expect(checked.articles).toBe(10);
  });
});

function page0Links(page: Page, className: string): [string, string][] {
  return page.links(page.withClass(className)[0]);
}

/** A line of the fixture's file replaced (it must be there), for one defect. */
async function edited(file: string, from: string, to: string): Promise<Record<string, string>> {
  const text = await readFile(path.join(fixtureDir("launch"), file), "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  return { [file]: text.replace(from, to) };
}

const where = (scratch: string, d: Diagnostic) =>
  `${path.relative(scratch, path.resolve(d.file)).split(path.sep).join("/")}:${d.line} ${d.severity} ${d.rule}`;

const REOPENS = "articles/2024/05/harbour-reopens.md";

describe("the launch newsroom with one defect", () => {
  const errors: Record<string, () => Promise<Record<string, string>>> = {
    "articles/2024/05/harbour-reopens.md:9 error article/image-missing-alt": () =>
      edited(REOPENS, "  alt: Fishing boats moored at the harbour wall at dawn\n", ""),
    "articles/2024/05/harbour-reopens.md:11 error article/image-missing-alt": () =>
      edited(REOPENS, "alt: Fishing boats moored at the harbour wall at dawn", "alt: ''"),
    "articles/2024/05/harbour-reopens.md:20 error article/body-image-missing-alt": () =>
      edited(REOPENS, "![Stalls with fruit at the market by the harbour]", "![]"),
    "articles/2024/05/harbour-reopens.md:10 error article/image-not-found": () =>
      edited(REOPENS, "src: /photos/harbour.jpg", "src: /photos/harbour-at-dawn.jpg"),
    "articles/2024/05/harbour-reopens.md:10 error article/image-unreadable": async () => ({
      ...(await edited(REOPENS, "src: /photos/harbour.jpg", "src: /photos/damaged.jpg")),
      "photos/damaged.jpg": "these bytes are not a photo",
    }),
    "articles/2024/05/harbour-reopens.md:10 error article/image-no-dimensions": () =>
      edited(REOPENS, "src: /photos/harbour.jpg", "src: https://photos.example.test/harbour.jpg"),
    "articles/2024/05/harbour-reopens.md:5 error article/unknown-section": () =>
      edited(REOPENS, "section: harbour", "section: harbor"),
    "articles/2024/05/harbour-reopens.md:15 error article/invalid-correction": () =>
      edited(REOPENS, "- date: 2024-05-21", "- date: 2024-05-32"),
    "articles/2024/05/harbour-reopens.md:15 error article/correction-before-date": () =>
      edited(REOPENS, "- date: 2024-05-21", "- date: 2024-05-19"),
    "authors/mirela-dunavska.md:5 error author/image-unreadable": async () => ({
      "photos/mirela-dunavska.jpg": "a text file saved under a photo's name",
    }),
    "articles/2023/ferry-pier-repairs.md:12 error article/invalid-redirect": () =>
      edited(
        "articles/2023/ferry-pier-repairs.md",
        "/stories/pier-closure.html",
        "stories/pier-closure.html",
      ),
  };

  it.each(Object.keys(errors))(
    "%s: reported at its file and line, and a build into the published output leaves it byte-identical",
    async (expected) => {
      const scratch = await contentWith(
        "launch",
        await (errors[expected] as () => Promise<Record<string, string>>)(),
      );
      const out = path.join(path.dirname(scratch), "_site");
      await cp(outDir, out, { recursive: true });
      const before = await hashTree(out);
      const result = await buildOnce(scratch, out);
      expect(result.ok).toBe(false);
      expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => where(scratch, d))).toEqual([
        expected,
      ]);
      expect(await hashTree(out)).toEqual(before);
    },
  );

  it("names the section probably meant for an unknown one", async () => {
    const scratch = await contentWith(
      "launch",
      await edited(REOPENS, "section: harbour", "section: Harbour"),
    );
    const { diagnostics } = await checkContent(scratch);
    expect(diagnostics.map((d) => [where(scratch, d), d.field])).toEqual([
      [`${REOPENS}:5 error article/unknown-section`, "section"],
    ]);
    expect(`${diagnostics[0]?.message} ${diagnostics[0]?.hint ?? ""}`).toContain('"harbour"');
  });

  it("warns about a lead photo under 1,200 px wide at its line, and still builds", async () => {
    const scratch = await contentWith(
      "launch",
      await edited("articles/2024/05/market-moves.md", "src: market.jpg", "src: small.png"),
    );
    await sharp({ create: { width: 800, height: 600, channels: 3, background: "#2f6f8f" } })
      .png()
      .toFile(path.join(scratch, "articles/2024/05/small.png"));
    const out = path.join(path.dirname(scratch), "_site");
    const result = await buildOnce(scratch, out);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => where(scratch, d))).toEqual([
      "articles/2024/05/market-moves.md:9 warning article/image-too-small",
    ]);
    expect(existsSync(path.join(out, MARKET, "index.html"))).toBe(true);
  });

  it("warns in check about an unknown key of an author file, at its line, and still builds", async () => {
    const scratch = await contentWith(
      "launch",
      await edited(
        "authors/tomas-ferrenz.md",
        "bio: Follows",
        "emial: tomas@herald.example.test\nbio: Follows",
      ),
    );
    const { diagnostics } = await checkContent(scratch);
    expect(diagnostics.map((d) => where(scratch, d))).toEqual([
      "authors/tomas-ferrenz.md:4 warning author/unknown-key",
    ]);
    expect(diagnostics[0]?.message).toContain('"email"');
    const built = await buildOnce(scratch, path.join(path.dirname(scratch), "_site"));
    expect(built.ok).toBe(true);
  });
});
