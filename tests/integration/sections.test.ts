import { cp, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES_DIR } from "../../src/core/paths.ts";
import { build } from "../../src/eleventy/build.ts";
import { Renderer } from "../../src/render/renderer.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, buildFixture, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { Page } from "../helpers/dom.ts";

const LEAD = "/2024/05/30/harbour-tolls-cut/";
const SECTION_URLS = ["/business/", "/sport/", "/culture/"];

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (n) => n === "entry",
});

/** The links of the masthead's main navigation, as [href, text, aria-current]. */
function navOf(page: Page): [string, string, string | undefined][] {
  const nav = page.all("nav").find((n) => n.attribs["aria-label"] === "Sections");
  if (!nav) return [];
  return page
    .all("a")
    .filter((a) => {
      for (let p = a.parent; p; p = p.parent) if (p === nav) return true;
      return false;
    })
    .map((a) => [a.attribs.href ?? "", page.text(a), a.attribs["aria-current"]]);
}

describe("a site with three sections", () => {
  let outDir: string;

  beforeAll(async () => {
    const result = await buildFixture("sections");
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    outDir = result.outDir;
  });

  it("writes each section's pages and its Atom and JSON feeds", async () => {
    for (const file of [
      "business/index.html",
      "business/page/2/index.html",
      "sport/index.html",
      "culture/index.html",
      ...SECTION_URLS.flatMap((url) => [`${url.slice(1)}feed.xml`, `${url.slice(1)}feed.json`]),
    ])
      expect((await stat(path.join(outDir, file))).isFile(), file).toBe(true);
    const business = await Page.read(outDir, "/business/");
    expect(business.firstText("h1")).toBe("Business");
    expect(business.text(business.withClass("description")[0])).toBe(
      "Trade, shipping and the harbour's money.",
    );
    expect(business.withClass("teaser").map((t) => business.links(t)[0]?.[0])).toEqual([
      LEAD,
      "/2024/05/27/fish-market-moves/",
      "/2024/05/24/shipyard-hires-welders/",
      "/2024/05/23/ferry-fares-frozen/",
    ]);
    const page2 = await Page.read(outDir, "/business/page/2/");
    expect(page2.withClass("teaser").map((t) => page2.links(t)[0]?.[0])).toEqual([
      "/2024/05/20/dock-workers-contract/",
    ]);
    const html = await readFile(path.join(outDir, "sport/index.html"), "utf8");
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" href="/sport/feed.xml"');
    expect(html).toContain('<link rel="alternate" type="application/feed+json" href="/sport/feed.json"');
  });

  it("puts the sections in the navigation of every page, marking the current one", async () => {
    const expected = (current?: string) =>
      SECTION_URLS.map((url, i) => [
        url,
        ["Business", "Sport", "Culture"][i],
        url === current ? "page" : undefined,
      ]);
    const home = navOf(await Page.read(outDir, "/"));
    expect(home.slice(1, 4)).toEqual(expected());
    expect(home[0]?.[0]).toBe("/");
    expect(home[4]?.[0]).toBe("/people/");
    expect(navOf(await Page.read(outDir, "/sport/")).slice(1, 4)).toEqual(expected("/sport/"));
    expect(navOf(await Page.read(outDir, LEAD)).slice(1, 4)).toEqual(expected());
    expect(navOf(await Page.read(outDir, "/business/page/2/"))[1]).toEqual([
      "/business/",
      "Business",
      "true",
    ]);
  });

  it("names the section on the article page and as JSON-LD articleSection", async () => {
    const article = await Page.read(outDir, LEAD);
    expect(article.links(article.withClass("kicker")[0])).toEqual([["/business/", "Business"]]);
    const [ld] = article.all("script").map((s) => JSON.parse(article.text(s)) as Record<string, unknown>[]);
    expect(ld?.[0]).toMatchObject({ "@type": "NewsArticle", articleSection: "Business" });
    const plain = await Page.read(outDir, "/2024/05/26/storm-warning/");
    expect(plain.withClass("kicker")).toEqual([]);
    const [plainLd] = plain.all("script").map((s) => JSON.parse(plain.text(s)) as Record<string, unknown>[]);
    expect(plainLd?.[0]).not.toHaveProperty("articleSection");
  });

  it("feeds each section's own articles, in Atom and JSON Feed", async () => {
    const atom = xml.parse(await readFile(path.join(outDir, "culture/feed.xml"), "utf8")) as {
      feed: { title: string; entry: { link: { "@href": string } }[] };
    };
    expect(atom.feed.title).toBe("Culture · The Harbour Ledger");
    expect(atom.feed.entry.map((e) => e.link["@href"])).toEqual([
      "https://ledger.example.test/2024/05/28/customs-house-gallery/",
      "https://ledger.example.test/2024/05/22/harbour-choir-album/",
    ]);
    const json = JSON.parse(await readFile(path.join(outDir, "business/feed.json"), "utf8")) as {
      home_page_url: string;
      items: { url: string }[];
    };
    expect(json.home_page_url).toBe("https://ledger.example.test/business/");
    expect(json.items).toHaveLength(5);
  });

  it("makes the home page a front page: the lead, each section's newest, then the latest", async () => {
    const home = await Page.read(outDir, "/");
    const lead = home.withClass("lead");
    expect(lead).toHaveLength(1);
    expect(home.links(lead[0])[0]).toEqual([LEAD, "Harbour tolls cut for small freighters"]);
    const blocks = home.withClass("front-section").map((block) => ({
      heading: home.links(home.all("h2").find((h) => block.children.includes(h)))[0],
      stories: home
        .withClass("front-item")
        .filter((i) => i.parent?.parent === block)
        .map((i) => home.links(i)[0]?.[0]),
    }));
    expect(blocks).toEqual([
      {
        heading: ["/business/", "Business"],
        stories: [
          "/2024/05/27/fish-market-moves/",
          "/2024/05/24/shipyard-hires-welders/",
          "/2024/05/23/ferry-fares-frozen/",
        ],
      },
      {
        heading: ["/sport/", "Sport"],
        stories: ["/2024/05/29/rowing-club-wins-regatta/", "/2024/05/25/quay-runners-coach/"],
      },
      {
        heading: ["/culture/", "Culture"],
        stories: ["/2024/05/28/customs-house-gallery/", "/2024/05/22/harbour-choir-album/"],
      },
    ]);
    const latest = home.withClass("front-latest")[0];
    expect(
      home
        .withClass("teaser")
        .filter((t) => t !== lead[0])
        .map((t) => home.links(t)[0]?.[0]),
    ).toEqual([
      "/2024/05/29/rowing-club-wins-regatta/",
      "/2024/05/28/customs-house-gallery/",
      "/2024/05/27/fish-market-moves/",
    ]);
    expect(home.text(latest)).toContain("Latest");
    expect(home.links(home.withClass("pager")[0]).map(([href]) => href)).toContain("/page/2/");

    // Page 2 onwards is the plain list, carrying on after the front page.
    const page2 = await Page.read(outDir, "/page/2/");
    expect(page2.withClass("lead")).toEqual([]);
    expect(page2.withClass("front-section")).toEqual([]);
    expect(page2.withClass("teaser").map((t) => page2.links(t)[0]?.[0])).toEqual([
      "/2024/05/26/storm-warning/",
      "/2024/05/25/quay-runners-coach/",
      "/2024/05/24/shipyard-hires-welders/",
      "/2024/05/23/ferry-fares-frozen/",
    ]);
  });

  it("lists the section pages in the sitemap", async () => {
    const sitemap = await readFile(path.join(outDir, "sitemap.xml"), "utf8");
    for (const url of [...SECTION_URLS, "/business/page/2/"])
      expect(sitemap).toContain(`<loc>https://ledger.example.test${url}</loc>`);
  });
});

describe("the front page's lead photo", () => {
  it("shows the lead story's photo with its size and alt text when it has one", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("sections"), buildTime: BUILD_TIME });
    if (!site) throw new Error("no site");
    const lead = site.articles[0];
    if (!lead) throw new Error("no lead");
    lead.image = {
      alt: "A small freighter at the toll gate",
      main: { url: "/img/harbour-tolls-cut-1200.jpeg", width: 1200, height: 800, type: "image/jpeg" },
      crops: [],
      thumbnail: { url: "/img/harbour-tolls-cut-480.jpeg", width: 480, height: 320, type: "image/jpeg" },
    };
    const out = await mkdtemp(path.join(tmpdir(), "dateline-lead-"));
    await new Renderer(TEMPLATES_DIR, () => site).write(out, { select: (file) => file === "index.html" });
    const home = await Page.read(out, "/");
    const [img] = home.withClass("lead-photo");
    expect(img?.attribs).toMatchObject({
      src: "/img/harbour-tolls-cut-1200.jpeg",
      width: "1200",
      height: "800",
      alt: "A small freighter at the toll gate",
    });
    expect(home.withClass("lead")[0]?.children).toContain(img);
  });
});

describe("sections in incremental builds", () => {
  it("re-renders a section's pages when one of its articles changes, and reuses the other sections'", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "dateline-sections-"));
    const content = path.join(root, "content");
    await cp(fixtureDir("sections"), content, { recursive: true });
    const out = path.join(root, "_site");
    await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME });
    const cultureBefore = (await stat(path.join(out, "culture/index.html"))).mtimeMs;
    const file = path.join(content, "articles/quay-runners-coach.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("sign a new coach", "appoint a new coach"));
    const second = await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME });
    expect(second.ok).toBe(true);
    expect(second.reused).toBeGreaterThan(0);
    expect(await readFile(path.join(out, "sport/index.html"), "utf8")).toContain(
      "Quay Runners appoint a new coach",
    );
    expect(await readFile(path.join(out, "sport/feed.xml"), "utf8")).toContain(
      "Quay Runners appoint a new coach",
    );
    expect(await readFile(path.join(out, "index.html"), "utf8")).toContain(
      "Quay Runners appoint a new coach",
    );
    expect((await stat(path.join(out, "culture/index.html"))).mtimeMs).toBe(cultureBefore);
  });
});

describe("mistakes in sections", () => {
  it("reports an unknown section and a clashing slug with their lines, and writes nothing", async () => {
    const settings = JSON.parse(await readFile(path.join(fixtureDir("sections"), "site.json"), "utf8")) as {
      sections: unknown[];
    };
    const content = await contentWith("sections", {
      "articles/misfiled.md":
        "---\ntitle: Misfiled story\ndate: 2024-05-21T09:00:00+04:00\nsection: sprot\n---\nText.\n",
    });
    const result = await build({
      contentDir: content,
      outDir: path.join(path.dirname(content), "_site"),
      buildTime: BUILD_TIME,
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [path.basename(d.file), d.line, d.rule, d.hint])).toEqual([
      ["misfiled.md", 4, "article/unknown-section", "write section: sport"],
    ]);
    await expect(stat(path.join(path.dirname(content), "_site"))).rejects.toThrow();

    settings.sections.push({ slug: "places", title: "Places" }, { slug: "sport", title: "Sport again" });
    const clash = await contentWith("sections", { "site.json": JSON.stringify(settings, null, 2) });
    const failed = await build({
      contentDir: clash,
      outDir: path.join(path.dirname(clash), "_site"),
      buildTime: BUILD_TIME,
    });
    expect(failed.ok).toBe(false);
    expect(failed.diagnostics.map((d) => [d.rule, d.message])).toEqual([
      [
        "settings/invalid-sections",
        '"sections": the section places would take the path /places/, which is Dateline\'s own /places; expected another slug',
      ],
      ["settings/invalid-sections", '"sections": the section sport is listed twice; expected each slug once'],
    ]);
  });
});
