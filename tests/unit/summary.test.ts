import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/content/frontmatter.ts";
import { createMarkdown } from "../../src/content/markdown.ts";
import { validateArticle } from "../../src/content/validate.ts";
import { pageHashes } from "../../src/publish/incremental.ts";
import { jsonFeed } from "../../src/render/feeds.ts";
import { searchRecord } from "../../src/render/search.ts";
import { articleJsonLd } from "../../src/render/structured-data.ts";
import { buildSite } from "../../src/site/site.ts";
import { renderSummary } from "../../src/site/summary.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

const md = createMarkdown();

describe("summaries with inline markdown", () => {
  it("renders emphasis, strong, code and links for pages and keeps their text for data", () => {
    expect(
      renderSummary(
        md,
        "The *fictional* ferry **leaves** at `08:00` from [the pier](https://example.test/pier).",
      ),
    ).toEqual({
      html: 'The <em>fictional</em> ferry <strong>leaves</strong> at <code>08:00</code> from <a href="https://example.test/pier">the pier</a>.',
      text: "The fictional ferry leaves at 08:00 from the pier.",
    });
  });

  it("leaves block syntax and lone markers as text, escaped for the page", () => {
    expect(renderSummary(md, "# Not a heading\n- nor a list: 5 * 3 < 4 & snake_case")).toEqual({
      html: "# Not a heading\n- nor a list: 5 * 3 &lt; 4 &amp; snake_case",
      text: "# Not a heading - nor a list: 5 * 3 < 4 & snake_case",
    });
  });

  it("sanitizes HTML and links as in article bodies", () => {
    const { html, text } = renderSummary(
      md,
      'Ferry <script>alert(1)</script>[late](javascript:alert(1)) <b onclick="x()">today</b>',
    );
    expect(html).toBe("Ferry [late](javascript:alert(1)) <b>today</b>");
    expect(html).toContain("<b>today</b>");
    expect(text).toBe("Ferry [late](javascript:alert(1)) today");
    expect(text).toContain("today");
  });

  it("is rendered when the article is validated, with the site's embed hosts, so the content cache keeps it", () => {
    const summary = 'The *fictional* ferry <iframe src="https://video.example.test/v/1"></iframe> leaves.';
    const validated = (embedHosts: string[]) => {
      const parsed = parseDocument(
        "content/articles/ferry.md",
        `---\ntitle: Ferry\ndate: 2024-03-01\nsummary: '${summary}'\n---\nBody.\n`,
      );
      if (!parsed.document) throw new Error("no document");
      return validateArticle(parsed.document, { ...TEST_SETTINGS, embedHosts }).article?.renderedSummary;
    };
    const embeds = validated(["video.example.test"]);
    expect(embeds).toEqual(renderSummary(createMarkdown({ embedHosts: ["video.example.test"] }), summary));
    expect(embeds?.html).toContain('<iframe src="https://video.example.test/v/1"');
    expect(validated([])?.html).not.toContain("<iframe");
    expect(validated([])?.text).toBe("The fictional ferry leaves.");
  });

  it("shows the summary rendered at validation, also when the article comes from the content cache", async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "dateline-summary-cache-"));
    const options = { contentDir: fixtureDir("reader-details"), buildTime: BUILD_TIME, cacheDir };
    const first = await buildSite(options);
    const second = await buildSite(options);
    const html = (site: typeof first.site) =>
      site?.articles.find((a) => a.slug === "harbour-reopens")?.summaryHtml;
    expect(html(second.site)).toBe(html(first.site));
    expect(html(second.site)).toContain("<em>fictional</em>");
  });

  it("gives articles a plain summary for feeds, JSON-LD and search and the HTML for pages", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("reader-details"), buildTime: BUILD_TIME });
    const article = site?.articles.find((a) => a.slug === "harbour-reopens");
    const plain = "The fictional harbour reopens after three weeks of dredging and new lights.";
    expect(article?.summary).toBe(plain);
    expect(article?.summaryHtml).toBe(
      'The <em>fictional</em> harbour reopens after <strong>three</strong> weeks of <code>dredging</code> and <a href="https://ledger.example.test/lights/">new lights</a>.',
    );
    if (!site || !article) throw new Error("no site");
    expect(JSON.parse(articleJsonLd(article, site.settings))[0].description).toBe(plain);
    expect(searchRecord(article).meta.summary).toBe(plain);
    const feed = site.feeds.find((f) => f.pageUrl === "/");
    if (!feed) throw new Error("no feed");
    const items = (JSON.parse(jsonFeed(feed, site.settings)) as { items: { summary?: string }[] }).items;
    expect(items.map((i) => i.summary)).toContain(plain);
    expect(JSON.stringify(items)).not.toMatch(/\*fictional\*|\*\*three\*\*|`dredging`/);
  });

  it("re-renders the listings of an incremental build when only the summary's markup changes", async () => {
    const article = (summary: string) =>
      [
        "---",
        "title: Fictional tide tables",
        "date: 2024-05-21T09:00:00+04:00",
        `summary: ${summary}`,
        "---",
        "Tides.",
        "",
      ].join("\n");
    const hashes = async (summary: string) => {
      const contentDir = await contentWith("reader-details", { "articles/tides.md": article(summary) });
      const { site } = await buildSite({ contentDir, buildTime: BUILD_TIME });
      if (!site) throw new Error("no site");
      return pageHashes(site);
    };
    const emphasis = await hashes("The tides *turn* early.");
    const strong = await hashes("The tides **turn** early.");
    expect(emphasis.get("index.html")).not.toBe(strong.get("index.html"));
  });
});
