import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/content.ts";
import { parseDocument } from "../../src/content/frontmatter.ts";
import { validateArticle } from "../../src/content/validate.ts";
import type { Site } from "../../src/core/types.ts";
import { outputPath, redirectUrl } from "../../src/core/urls.ts";
import { vanishedUrls } from "../../src/lint/vanished-urls.ts";
import { redirectsFile } from "../../src/render/redirects.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

function validate(frontmatter: string, file = "content/articles/story.md") {
  const raw = `---\ntitle: Harbour reopens\ndate: 2024-01-02\n${frontmatter}\n---\nText.\n`;
  const parsed = parseDocument(file, raw);
  if (!parsed.document) throw new Error(`parse failed: ${JSON.stringify(parsed.diagnostics)}`);
  return validateArticle(parsed.document, TEST_SETTINGS);
}

async function siteOf(contentDir: string): Promise<{ site?: Site; rules: string[]; lines: string[] }> {
  const { site, diagnostics } = await buildSite({ contentDir, buildTime: BUILD_TIME });
  return {
    ...(site ? { site } : {}),
    rules: diagnostics.map((d) => d.rule),
    lines: diagnostics.map((d) => `${d.file.split("/").at(-1)}:${d.line} ${d.rule}`).sort(),
  };
}

describe("redirectUrl", () => {
  it("makes every old path a folder with a trailing slash, except a .html file", () => {
    expect(redirectUrl("/old/path")).toBe("/old/path/");
    expect(redirectUrl("/old/path/")).toBe("/old/path/");
    expect(redirectUrl("/old//path///")).toBe("/old/path/");
    expect(redirectUrl("/news/ferries.html")).toBe("/news/ferries.html");
    expect(outputPath(redirectUrl("/old/path"))).toBe("old/path/index.html");
    expect(outputPath(redirectUrl("/news/ferries.html"))).toBe("news/ferries.html");
  });
});

describe("redirect_from in the frontmatter", () => {
  it("reads a list of old URLs, normalized, each with its item's line", () => {
    const { article, diagnostics } = validate("redirect_from:\n  - /2019/05/12/old-slug\n  - /news/x.html");
    expect(diagnostics).toEqual([]);
    expect(article?.redirectFrom).toEqual([
      { url: "/2019/05/12/old-slug/", line: 5 },
      { url: "/news/x.html", line: 6 },
    ]);
  });

  it("takes a single old URL as a list of one, and leaves the field out when absent", () => {
    expect(validate("redirect_from: /old/").article?.redirectFrom).toEqual([{ url: "/old/", line: 4 }]);
    expect(validate("summary: Fine.").article?.redirectFrom).toBeUndefined();
  });

  it("refuses every item that is not a root-relative path, at the item's line, all at once", () => {
    const { article, diagnostics } = validate(
      [
        "redirect_from:",
        "  - old/path/",
        "  - https://elsewhere.test/x/",
        "  - //elsewhere.test/x/",
        "  - /a/../../etc/",
        "  - /search/?q=ferry",
        "  - /page/#top",
        "  - /",
        "  - /fine/",
      ].join("\n"),
    );
    expect(article).toBeUndefined();
    expect(diagnostics.map((d) => [d.rule, d.line, d.field])).toEqual([
      ["article/invalid-redirect", 5, "redirect_from"],
      ["article/invalid-redirect", 6, "redirect_from"],
      ["article/invalid-redirect", 7, "redirect_from"],
      ["article/invalid-redirect", 8, "redirect_from"],
      ["article/invalid-redirect", 9, "redirect_from"],
      ["article/invalid-redirect", 10, "redirect_from"],
      ["article/invalid-redirect", 11, "redirect_from"],
    ]);
    expect(diagnostics[0]?.message).toContain('"old/path/"');
    expect(diagnostics[0]?.message).toContain("does not start with /");
    expect(diagnostics[3]?.message).toContain("..");
    expect(diagnostics[4]?.message).toContain("query");
  });

  it("refuses a value that is not text or a list of texts (article/invalid-redirect_from)", () => {
    const { diagnostics } = validate("redirect_from: {old: /x/}");
    expect(diagnostics.map((d) => [d.rule, d.line])).toEqual([["article/invalid-redirect_from", 4]]);
  });
});

describe("redirect_from across articles", () => {
  it("refuses an old URL that two articles claim, naming the other file, at each item's line", async () => {
    const content = await contentWith("redirects", {
      "articles/other.md":
        "---\ntitle: Another story\ndate: 2024-01-03\nredirect_from:\n  - /2024/01/02/ferry-timetable-draft\n---\nText.\n",
    });
    const { site, lines } = await siteOf(content);
    expect(site).toBeUndefined();
    expect(lines).toEqual([
      "ferry-timetable.md:11 article/duplicate-redirect",
      "other.md:5 article/duplicate-redirect",
    ]);
  });

  it("refuses an old URL that is an article's own URL", async () => {
    const content = await contentWith("redirects", {
      "articles/other.md":
        "---\ntitle: Another story\ndate: 2024-01-03\nredirect_from: [/2024/01/05/lighthouse/]\n---\nText.\n",
    });
    const { site, lines } = await siteOf(content);
    expect(site).toBeUndefined();
    expect(lines).toEqual(["other.md:4 article/redirect-is-article"]);
  });

  it("refuses an old URL that is a page the site publishes (an entity page, an archive, the assets)", async () => {
    const content = await contentWith("redirects", {
      "articles/other.md":
        "---\ntitle: Another story\ndate: 2024-01-03\nredirect_from:\n  - /people/nuray-qasimli\n  - /2024/01/\n  - /assets/x/\n  - /gone/\n---\nText.\n",
    });
    const { site, lines } = await siteOf(content);
    expect(site).toBeUndefined();
    expect(lines).toEqual([
      "other.md:5 article/redirect-is-page",
      "other.md:6 article/redirect-is-page",
      "other.md:7 article/redirect-is-page",
    ]);
  });

  it("gives the Site one redirect per old URL, sorted, pointing at the article", async () => {
    const { site } = await siteOf(fixtureDir("redirects"));
    expect(site?.redirects.map((r) => [r.from, r.to, r.title, r.lang.tag])).toEqual([
      [
        "/2024/01/02/ferry-timetable-draft/",
        "/2024/01/02/ferry-timetable/",
        "Ferry timetable changes for the winter season",
        "en",
      ],
      [
        "/news/ferries.html",
        "/2024/01/02/ferry-timetable/",
        "Ferry timetable changes for the winter season",
        "en",
      ],
    ]);
  });
});

describe("_redirects", () => {
  it("has one 301 line per old URL, sorted by old URL, after a comment", () => {
    const lang = { tag: "en" } as Site["languages"][number];
    const text = redirectsFile([
      { from: "/z/", to: "/2024/01/02/b/", title: "B", lang },
      { from: "/a/old.html", to: "/2024/01/02/a/", title: "A", lang },
    ]);
    expect(text.split("\n")).toEqual([
      "# Old URLs of moved articles (redirect_from), for Netlify and Cloudflare Pages",
      "/a/old.html /2024/01/02/a/ 301",
      "/z/ /2024/01/02/b/ 301",
      "",
    ]);
  });
});

describe("article/vanished-url", () => {
  type Pages = { url: string; file?: string }[];
  async function lint(files: Record<string, string>, pagesOf: Pages | ((contentDir: string) => Pages)) {
    const contentDir = await contentWith("redirects", files);
    const pages = typeof pagesOf === "function" ? pagesOf(contentDir) : pagesOf;
    const { content } = await loadContent({ contentDir, preview: true, buildTime: BUILD_TIME });
    if (!content) throw new Error("no content");
    const published = { manifestFile: "_site/.dateline-manifest.json", pages };
    return { contentDir, warnings: vanishedUrls({ ...content, published }) };
  }

  it("stays quiet when every published URL is still an article's or a redirect's", async () => {
    const { warnings } = await lint({}, [
      { url: "/2024/01/02/ferry-timetable/" },
      { url: "/2024/01/02/ferry-timetable-draft/" },
      { url: "/news/ferries.html" },
      { url: "/2024/01/05/lighthouse/" },
    ]);
    expect(warnings).toEqual([]);
  });

  it("names the article built from the same file when its URL moved without a redirect", async () => {
    const { contentDir, warnings } = await lint(
      {
        "articles/lighthouse.md":
          "---\ntitle: Lighthouse keeper retires\ndate: 2024-01-05\nslug: keeper-retires\n---\nText.\n",
      },
      (dir) => [{ url: "/2024/01/05/lighthouse/", file: `${dir}/articles/lighthouse.md` }],
    );
    expect(warnings.map((w) => [w.rule, w.severity, w.file.split("/").at(-1), w.line])).toEqual([
      ["article/vanished-url", "warning", "lighthouse.md", 4],
    ]);
    expect(warnings[0]?.message).toContain("/2024/01/05/lighthouse/");
    expect(warnings[0]?.message).toContain("/2024/01/05/keeper-retires/");
    expect(warnings[0]?.file.startsWith(contentDir)).toBe(true);
  });

  it("finds the moved article by its slug when an old manifest did not record files", async () => {
    const { warnings } = await lint({}, [{ url: "/2023/12/30/lighthouse/" }]);
    expect(warnings.map((w) => [w.file.split("/").at(-1), w.line])).toEqual([["lighthouse.md", 1]]);
  });

  it("names the old file when no article took the URL's place", async () => {
    const { warnings } = await lint({}, [{ url: "/2023/05/01/gone/", file: "content/articles/gone.md" }]);
    expect(warnings.map((w) => [w.file, w.line])).toEqual([["content/articles/gone.md", 1]]);
    expect(warnings[0]?.message).toContain("/2023/05/01/gone/");
  });
});
