import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/eleventy/build.ts";
import { pageHashes } from "../../src/publish/incremental.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, buildFixture, fixtureDir } from "../helpers/build-fixture.ts";
import { Page } from "../helpers/dom.ts";
import { describeWith, findJava, requireTool } from "../helpers/tools.ts";
import { hashTree } from "../helpers/tree.ts";
import { checkHtml, formatVnu } from "../helpers/vnu.ts";

let outDir: string;
const read = (file: string) => readFile(path.join(outDir, file), "utf8");
const FERRY = "/2022/12/15/ferry-timetable-changes/";

beforeAll(async () => {
  const result = await buildFixture("authors");
  expect(result.ok).toBe(true);
  outDir = result.outDir;
});

describe("a site with bylines, author files and a corrected article", () => {
  it("writes the author pages, their feeds, /authors/ and /corrections/ with its feeds", async () => {
    const files = [
      "authors/index.html",
      "authors/nilufar-demirtas/index.html",
      "authors/nilufar-demirtas/feed.xml",
      "authors/nilufar-demirtas/feed.json",
      "authors/oskar-velimirov/index.html",
      "authors/rauf-kelbecov/index.html",
      "corrections/index.html",
      "corrections/feed.xml",
      "corrections/feed.json",
    ];
    for (const file of files) expect((await read(file)).length, file).toBeGreaterThan(0);
  });

  it("links every name of a byline to the author's page, joined as English joins a list", async () => {
    const page = await Page.read(outDir, FERRY);
    const byline = page.withClass("byline")[0];
    expect(page.text(byline)).toBe("By Nilufar Demirtaş and Oskar Velimirov");
    expect(page.links(byline)).toEqual([
      ["/authors/nilufar-demirtas/", "Nilufar Demirtaş"],
      ["/authors/oskar-velimirov/", "Oskar Velimirov"],
    ]);
    const port = await Page.read(outDir, "/2022/12/10/port-reopens/");
    expect(port.links(port.withClass("byline")[0])).toEqual([
      ["/authors/nilufar-demirtas/", "Nilufar Demirtaş"],
    ]);
    const agency = await Page.read(outDir, "/2022/12/12/agency-grain-prices/");
    expect(agency.text(agency.withClass("byline")[0])).toBe("Source: Fictional Wire Agency");
  });

  it("shows each correction as a dated notice with a <time>, in place of the Updated line", async () => {
    const page = await Page.read(outDir, FERRY);
    const notices = page.withClass("correction");
    expect(notices.map((n) => page.text(n))).toEqual([
      "Correction, December 16, 2022: An earlier version gave the wrong departure time for the morning ferry.",
      "Correction, December 18, 2022: The operator's name was misspelled.",
    ]);
    expect(page.all("time").map((t) => t.attribs.datetime)).toEqual(
      expect.arrayContaining(["2022-12-16", "2022-12-18T09:00:00+04:00"]),
    );
    expect(page.withClass("updated")).toEqual([]);
    const html = await read("2022/12/15/ferry-timetable-changes/index.html");
    expect(html).toContain('<meta property="article:modified_time" content="2022-12-18T09:00:00+04:00">');
    const port = await Page.read(outDir, "/2022/12/10/port-reopens/");
    expect(port.text(port.withClass("updated")[0])).toBe("Updated December 11, 2022");
  });

  it("lists every correction on /corrections/, newest first, each linking to its article", async () => {
    const page = await Page.read(outDir, "/corrections/");
    expect(page.firstText("h1")).toBe("Corrections");
    const items = page.all("li").filter((li) => li.attribs.class === "correction");
    expect(items.map((li) => page.text(li))).toEqual([
      "Ferry timetable changes for the winter Correction, December 18, 2022: The operator's name was misspelled.",
      "Ferry timetable changes for the winter Correction, December 16, 2022: An earlier version gave the wrong departure time for the morning ferry.",
    ]);
    expect(items.map((li) => page.links(li)[0]?.[0])).toEqual([FERRY, FERRY]);
    expect(page.links()).toEqual(
      expect.arrayContaining([
        ["/corrections/feed.xml", "Atom feed"],
        ["/corrections/feed.json", "JSON Feed"],
      ]),
    );
  });

  it("shows an author's photo, role, bio, e-mail and articles, and lists the authors at /authors/", async () => {
    const page = await Page.read(outDir, "/authors/nilufar-demirtas/");
    expect(page.firstText("h1")).toBe("Nilufar Demirtaş");
    expect(page.attr("img", "src")).toBe("/photos/nilufar-demirtas.jpg");
    expect(page.text(page.withClass("role")[0])).toBe("Harbour correspondent");
    expect(page.text(page.withClass("description")[0])).toBe(
      "Covers the fictional ports of the Caspian coast.",
    );
    expect(page.links()).toEqual(
      expect.arrayContaining([
        ["mailto:nilufar@courier.example.test", "nilufar@courier.example.test"],
        [FERRY, "Ferry timetable changes for the winter"],
        ["/2022/12/10/port-reopens/", "Port reopens after repairs"],
        ["https://example.org/staff/nilufar-demirtas", "https://example.org/staff/nilufar-demirtas"],
      ]),
    );
    const ld = JSON.parse(
      page.text(page.all("script").find((s) => s.attribs.type === "application/ld+json")),
    );
    expect(ld.mainEntity).toMatchObject({
      "@type": "Person",
      url: "https://courier.example.test/authors/nilufar-demirtas/",
      jobTitle: "Harbour correspondent",
    });
    const list = await Page.read(outDir, "/authors/");
    expect(list.links(list.withClass("directory")[0])).toEqual([
      ["/authors/nilufar-demirtas/", "Nilufar Demirtaş"],
      ["/authors/oskar-velimirov/", "Oskar Velimirov"],
      ["/authors/rauf-kelbecov/", "Rauf Kelbecov"],
    ]);
  });

  it("raises the feed entries' updated to the latest correction, in the site, author and corrections feeds", async () => {
    const entryUpdated = (xml: string) =>
      /<entry>[\s\S]*?<id>https:\/\/courier\.example\.test\/2022\/12\/15\/ferry-timetable-changes\/<\/id>[\s\S]*?<updated>([^<]+)<\/updated>/.exec(
        xml,
      )?.[1];
    for (const feed of ["feed.xml", "authors/nilufar-demirtas/feed.xml", "corrections/feed.xml"])
      expect(entryUpdated(await read(feed)), feed).toBe("2022-12-18T05:00:00.000Z");
    const corrections = await read("corrections/feed.xml");
    expect(corrections.match(/<entry>/g)).toHaveLength(1);
    expect(corrections).toContain("<uri>https://courier.example.test/authors/oskar-velimirov/</uri>");
    const json = JSON.parse(await read("corrections/feed.json"));
    expect(json.items.map((i: { url: string; date_modified: string }) => [i.url, i.date_modified])).toEqual([
      ["https://courier.example.test/2022/12/15/ferry-timetable-changes/", "2022-12-18T05:00:00.000Z"],
    ]);
  });

  it("puts the author pages and /corrections/ in the sitemap, the corrected article with its latest change", async () => {
    const sitemap = await read("sitemap.xml");
    for (const url of ["/authors/", "/authors/nilufar-demirtas/", "/corrections/"])
      expect(sitemap).toContain(`<loc>https://courier.example.test${url}</loc>`);
    expect(sitemap).toMatch(
      /<loc>https:\/\/courier\.example\.test\/2022\/12\/15\/ferry-timetable-changes\/<\/loc>\s*<lastmod>2022-12-18T09:00:00\+04:00<\/lastmod>/,
    );
  });

  it("hashes the author pages, /authors/ and /corrections/ for incremental builds", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("authors"), buildTime: BUILD_TIME });
    if (!site) throw new Error("no site");
    const hashes = pageHashes(site);
    for (const file of [
      "authors/index.html",
      "authors/rauf-kelbecov/index.html",
      "authors/rauf-kelbecov/feed.xml",
      "corrections/index.html",
      "corrections/feed.json",
    ])
      expect(hashes.has(file), file).toBe(true);
  });
});

describe("an incremental build after a new correction", () => {
  it("renders /corrections/, its feed and the article again, and matches a full build", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "dateline-authors-"));
    const content = path.join(root, "content");
    await cp(fixtureDir("authors"), content, { recursive: true });
    const out = path.join(root, "_site");
    expect((await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME })).ok).toBe(true);
    const file = path.join(content, "articles/port-reopens.md");
    const original = await readFile(file, "utf8");
    await writeFile(
      file,
      original.replace(
        "author:",
        "corrections:\n  - date: 2022-12-20\n    text: The port reopened on Sunday.\nauthor:",
      ),
    );
    const second = await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME });
    expect(second.ok).toBe(true);
    expect(second.reused).toBeGreaterThan(0);
    const page = await Page.read(out, "/corrections/");
    expect(page.text(page.withClass("correction")[0])).toBe(
      "Port reopens after repairs Correction, December 20, 2022: The port reopened on Sunday.",
    );
    expect(await readFile(path.join(out, "corrections/feed.json"), "utf8")).toContain("port-reopens");
    const full = path.join(root, "_full");
    await build({ contentDir: content, outDir: full, buildTime: BUILD_TIME, incremental: false });
    expect(await hashTree(out)).toEqual(await hashTree(full));
  });
});

describeWith([findJava()], "the Nu HTML Checker on the author and correction pages", () => {
  it("finds no errors or warnings", async () => {
    const report = await checkHtml(requireTool(findJava()), outDir);
    expect(report.files).toEqual(
      expect.arrayContaining(["authors/nilufar-demirtas/index.html", "corrections/index.html"]),
    );
    expect(formatVnu([...report.errors, ...report.warnings])).toBe("");
  });
});
