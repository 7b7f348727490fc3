import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { parseRssFeed } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import { readManifest } from "../../src/publish/manifest.ts";
import { buildInto } from "../helpers/build-fixture.ts";
import { runCommand } from "../helpers/cli.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { Page } from "../helpers/dom.ts";
import { describeWith, findJava, requireTool } from "../helpers/tools.ts";
import { checkHtml, formatVnu } from "../helpers/vnu.ts";

const BASE = "https://ledger.example.test";
const MOVED = "/2024/01/02/ferry-timetable/";
let content: string;
let out: string;

const read = (file: string) => readFile(path.join(out, file), "utf8");

beforeAll(async () => {
  content = await contentWith("redirects");
  const result = await buildInto(content, path.join(path.dirname(content), "_site"));
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
  out = result.outDir;
}, 120_000);

describe("redirect pages", () => {
  for (const [from, file] of [
    ["/2024/01/02/ferry-timetable-draft/", "2024/01/02/ferry-timetable-draft/index.html"],
    ["/news/ferries.html", "news/ferries.html"],
  ] as const) {
    it(`send ${from} on to the article: meta refresh, canonical, noindex and a visible link`, async () => {
      const page = await Page.read(out, from);
      const metas = page.all("meta");
      expect(metas.find((m) => m.attribs["http-equiv"] === "refresh")?.attribs.content).toBe(
        `0; url=${MOVED}`,
      );
      expect(metas.find((m) => m.attribs.name === "robots")?.attribs.content).toBe("noindex");
      expect(page.all("link").find((l) => l.attribs.rel === "canonical")?.attribs.href).toBe(
        `${BASE}${MOVED}`,
      );
      expect(page.links()).toEqual([[MOVED, "Ferry timetable changes for the winter season"]]);
      expect(page.firstText("h1")).toBe("This article has moved");
      expect(page.attr("html", "lang")).toBe("en");
      await expect(read(file)).resolves.toContain("<!doctype html>");
    });
  }

  it("are listed in _redirects, one 301 a line, sorted", async () => {
    expect((await read("_redirects")).split("\n")).toEqual([
      "# Old URLs of moved articles (redirect_from), for Netlify and Cloudflare Pages",
      `/2024/01/02/ferry-timetable-draft/ ${MOVED} 301`,
      `/news/ferries.html ${MOVED} 301`,
      "",
    ]);
  });

  it("stay out of the sitemap", async () => {
    const sitemap = await read("sitemap.xml");
    expect(sitemap).toContain(`${BASE}${MOVED}`);
    expect(sitemap).not.toContain("ferry-timetable-draft");
    expect(sitemap).not.toContain("ferries.html");
  });

  it("record which content file built each article page in the manifest", async () => {
    const sources = (await readManifest(out))?.sources ?? new Map<string, string>();
    expect([...sources.keys()]).toEqual([
      "2024/01/02/ferry-timetable/index.html",
      "2024/01/05/lighthouse/index.html",
    ]);
    expect(sources.get("2024/01/05/lighthouse/index.html")).toBe(
      path.join(content, "articles/lighthouse.md").split(path.sep).join("/"),
    );
  });
});

describe("RSS 2.0", () => {
  it("is written beside every feed.xml and feed.json, and both parsers read it", async () => {
    const files = (await readdir(out, { recursive: true })).map((f) => f.split(path.sep).join("/"));
    const atom = files.filter((f) => f.endsWith("feed.xml")).sort();
    const rss = files.filter((f) => f.endsWith("rss.xml")).sort();
    // The site, its entities, the byline's author and the corrections page.
    expect(atom).toHaveLength(7);
    expect(rss).toEqual(atom.map((f) => f.replace(/feed\.xml$/, "rss.xml")).sort());
    expect(files.filter((f) => f.endsWith("feed.json")).sort()).toEqual(
      atom.map((f) => f.replace(/feed\.xml$/, "feed.json")),
    );
    for (const file of rss) {
      const text = await read(file);
      const atomItems = parseFeed(await read(file.replace(/rss\.xml$/, "feed.xml"))).items;
      const parsed = parseFeed(text);
      expect(parsed.meta.type).toBe("rss");
      expect(parsed.items.map((i) => i.url)).toEqual(atomItems.map((i) => i.url));
      expect(parseRssFeed(text).atom?.links?.[0]?.href).toBe(`${BASE}/${file}`);
    }
  });

  it("is announced with the other feeds on every page, and linked in the footer and on entity pages", async () => {
    const home = await Page.read(out, "/");
    const rssLinks = home.all("link").filter((l) => l.attribs.type === "application/rss+xml");
    expect(rssLinks.map((l) => l.attribs.href)).toEqual(["/rss.xml"]);
    const person = await Page.read(out, "/people/orxan-tebrizli/");
    expect(
      person
        .all("link")
        .filter((l) => l.attribs.type === "application/rss+xml")
        .map((l) => [l.attribs.href, l.attribs.title]),
    ).toEqual([
      ["/rss.xml", "The Harbour Ledger (RSS)"],
      ["/people/orxan-tebrizli/rss.xml", "Orxan Təbrizli (RSS)"],
    ]);
    expect(person.links()).toContainEqual(["/people/orxan-tebrizli/rss.xml", "RSS"]);
    expect(person.links()).toContainEqual(["/rss.xml", "RSS"]);
  });
});

describe("check after a slug changes between two builds", () => {
  const lighthouse = (extra: string) =>
    `---\ntitle: Lighthouse keeper retires after forty years\ndate: 2024-01-05\nslug: keeper-retires\n${extra}---\nNuray Qasımlı climbed the stairs.\n`;

  it("warns about the vanished URL, naming the article that moved, until it lists the old URL", async () => {
    const copy = await contentWith("redirects");
    const target = path.join(path.dirname(copy), "_site");
    expect((await buildInto(copy, target)).ok).toBe(true);
    const file = path.join(copy, "articles/lighthouse.md");
    await writeFile(file, lighthouse(""));

    const moved = await checkContent(copy, { outDir: target });
    const vanished = moved.diagnostics.filter((d) => d.rule === "article/vanished-url");
    expect(vanished.map((d) => [d.severity, d.file, d.line])).toEqual([
      ["warning", file.split(path.sep).join("/"), 4],
    ]);
    expect(vanished[0]?.message).toContain("/2024/01/05/lighthouse/");
    expect(vanished[0]?.message).toContain("/2024/01/05/keeper-retires/");

    // The command reads the same manifest through --out.
    const cli = await runCommand("check", ["--content", copy, "--out", target]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain("[article/vanished-url]");
    expect(cli.stdout).toContain("/2024/01/05/lighthouse/");

    await writeFile(file, lighthouse("redirect_from: [/2024/01/05/lighthouse/]\n"));
    const redirected = await checkContent(copy, { outDir: target });
    expect(redirected.diagnostics.filter((d) => d.rule === "article/vanished-url")).toEqual([]);

    // Built again, the old URL is a redirect page and the manifest names the new URL's source.
    expect((await buildInto(copy, target)).ok).toBe(true);
    const old = await Page.read(target, "/2024/01/05/lighthouse/");
    expect(old.links()).toEqual([
      ["/2024/01/05/keeper-retires/", "Lighthouse keeper retires after forty years"],
    ]);
    const again = await checkContent(copy, { outDir: target });
    expect(again.diagnostics.filter((d) => d.rule === "article/vanished-url")).toEqual([]);
  }, 120_000);

  it("says nothing without a previous build", async () => {
    const copy = await contentWith("redirects");
    const result = await checkContent(copy, { outDir: path.join(path.dirname(copy), "_site") });
    expect(result.diagnostics.filter((d) => d.rule === "article/vanished-url")).toEqual([]);
  });
});

describeWith([findJava()], "redirect pages in the Nu HTML Checker", () => {
  it("are valid HTML without warnings", async () => {
    const report = await checkHtml(requireTool(findJava()), out);
    const ours = [...report.errors, ...report.warnings].filter(
      (m) => m.file === "news/ferries.html" || m.file.startsWith("2024/01/02/ferry-timetable-draft/"),
    );
    expect(report.files).toContain("news/ferries.html");
    expect(formatVnu(ours)).toBe("");
  }, 120_000);
});
