import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { Site } from "../../src/core/types.ts";
import { atomFeed, jsonFeed } from "../../src/render/feeds.ts";
import { sitemapFiles, sitemapXml } from "../../src/render/sitemaps.ts";
import { invalidXmlCharAt, xmlText } from "../../src/render/xml.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";

const NOT_XML = "\u0000\u0001\u0008\u000B\u000C\u000E\u001F\uFFFE\uFFFF\uDFFF\uD800";

async function siteOf(contentDir: string): Promise<Site> {
  const { site, diagnostics } = await buildSite({ contentDir, buildTime: BUILD_TIME });
  if (!site) throw new Error(`no site: ${JSON.stringify(diagnostics.slice(0, 3))}`);
  return site;
}

/** Every XML document a site writes: an Atom feed per feed, every sitemap file. */
function xmlOutputs(site: Site): { url: string; xml: string }[] {
  return [
    ...site.feeds.map((f) => ({ url: f.feeds.atom, xml: atomFeed(f, site.settings, site.buildTime) })),
    ...sitemapFiles(site).map((f) => ({ url: f.url, xml: sitemapXml(f, site.settings) })),
  ];
}

/** Well-formed XML 1.0: XMLValidator for the structure, plus the character rules it does not check. */
function problemsOf(outputs: { url: string; xml: string }[]): string[] {
  return outputs.flatMap(({ url, xml }) => {
    const valid = XMLValidator.validate(xml);
    const at = invalidXmlCharAt(xml);
    return [
      ...(valid === true ? [] : [`${url}: ${valid.err.msg} at line ${valid.err.line}`]),
      ...(at === -1 ? [] : [`${url}: character U+${xml.codePointAt(at)?.toString(16)} at ${at}`]),
    ];
  });
}

describe("xmlText", () => {
  it("strips C0 controls but tab, LF and CR, U+FFFE, U+FFFF and lone surrogates, and keeps the rest", () => {
    expect(xmlText(`a${NOT_XML}b\t\n\r é 😀 \uFFFD \uE000 \u0085`)).toBe(
      "ab\t\n\r é 😀 \uFFFD \uE000 \u0085",
    );
    const clean = "nothing to strip";
    expect(xmlText(clean)).toBe(clean);
  });

  it("finds a character, or a character reference, that XML 1.0 does not allow", () => {
    expect(invalidXmlCharAt("<a>fine &#x9; &#233; &#x1F600;</a>")).toBe(-1);
    expect(invalidXmlCharAt("<a>x\u0001</a>")).toBe(4);
    expect(invalidXmlCharAt("<a>&#1;</a>")).toBe(3);
    expect(invalidXmlCharAt("<a>&#xFFFE;</a>")).toBe(3);
    expect(invalidXmlCharAt("<a>\uD800</a>")).toBe(3);
  });
});

describe("every feed and sitemap the fixtures produce", () => {
  for (const fixture of ["registry", "newsroom", "check-clean", "check-warnings", "hostile-html"]) {
    it(`is well-formed XML 1.0 (${fixture})`, async () => {
      const outputs = xmlOutputs(await siteOf(fixtureDir(fixture)));
      expect(outputs.length).toBeGreaterThan(2);
      expect(problemsOf(outputs)).toEqual([]);
    });
  }
});

describe("an article whose title and body hold characters XML does not allow", () => {
  // Validation refuses such characters in frontmatter and the renderer leaves them out of bodies; the XML
  // outputs strip them once more, whatever reaches them.
  it("gives a well-formed Atom feed and news sitemap, and a JSON feed that is valid JSON", async () => {
    const content = await contentWith("check-clean", {
      "articles/control.md": [
        "---",
        "title: Ferry timetable changes today",
        "date: 2024-06-01T08:00:00+04:00",
        "dateline: LANKARAN, Azerbaijan",
        "summary: A fictional timetable.",
        "---",
        "",
        "The ferry leaves at nine.",
        "",
      ].join("\n"),
    });
    const built = await siteOf(content);
    const article = built.articles.find((a) => a.slug === "control");
    if (!article) throw new Error("no article");
    const hostile = { ...article, title: "Ferry\u0001 timetable\u000B changes\uFFFE today" };
    Object.defineProperty(hostile, "html", {
      value: `<p>The ferry\u0001 leaves\u0008 at nine\u001F.\uFFFF <b>Bold\u000C</b> \uD800end.</p>`,
    });
    const swap = (a: typeof article) => (a === article ? (hostile as typeof article) : a);
    const site = {
      ...built,
      articles: built.articles.map(swap),
      feeds: built.feeds.map((f) => ({ ...f, articles: f.articles.map(swap) })),
    };

    const outputs = xmlOutputs(site);
    expect(problemsOf(outputs)).toEqual([]);
    const parser = new XMLParser({ ignoreAttributes: false });
    const atom = outputs.find((o) => o.url === "/feed.xml")?.xml ?? "";
    const entry = [parser.parse(atom).feed.entry].flat()[0];
    expect(entry.title["#text"] ?? entry.title).toBe("Ferry timetable changes today");
    expect(atom).toContain("The ferry leaves at nine.");
    const news = outputs.find((o) => o.url === "/news-sitemap.xml")?.xml ?? "";
    expect(parser.parse(news).urlset.url["news:news"]["news:title"]).toBe("Ferry timetable changes today");

    const feed = site.feeds[0];
    if (!feed) throw new Error("no feed");
    const json = JSON.parse(jsonFeed(feed, site.settings));
    expect(json.items[0].title).toBe("Ferry\u0001 timetable\u000B changes\uFFFE today");
  });
});
