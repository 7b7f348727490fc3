import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSearchIndex, plainText, SEARCH_DIR } from "../../src/render/search.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

describe("plainText", () => {
  it("keeps the readable text of article HTML for the search index", () => {
    expect(
      plainText(
        '<p>Shusha &amp; <a href="/x/">Baku</a>&#39;s “culture”</p>\n<ul><li>one</li><li>two&#x21;</li></ul>',
      ),
    ).toBe("Shusha & Baku's “culture” one two!");
  });

  it("separates words at block tags and joins them across inline tags", () => {
    expect(
      plainText("<h2>Title</h2><p>one</p><p>two<br>three</p><table><tr><td>4</td><td>5</td></tr></table>"),
    ).toBe("Title one two three 4 5");
    expect(plainText("<p>in<b>line</b> <em>words</em>, <abbr title='x'>OK</abbr></p>")).toBe(
      "inline words, OK",
    );
  });

  it("decodes every character reference; one out of range or a surrogate becomes U+FFFD instead of throwing", () => {
    expect(plainText("<p>&#99999999; &#x110000; &#xD800; &#0; &nbsp;x &eacute; &#x1F600;</p>")).toBe(
      "\uFFFD \uFFFD \uFFFD \uFFFD x é 😀",
    );
  });

  it("leaves out comments, scripts and styles", () => {
    expect(plainText("<p>a<!-- note --> b</p><script>var x = 1;</script><style>p{}</style><p>c</p>")).toBe(
      "a b c",
    );
  });

  it("reads a few hundred KB of '<' after '<!--' in linear time (the regexes took minutes)", () => {
    expect(plainText(`<p>before</p><!--${"<".repeat(300_000)}`)).toBe("before");
    expect(plainText(`<p>before</p>${"<".repeat(300_000)}`)).toBe(`before ${"<".repeat(300_000)}`);
  }, 10_000);
});

describe("buildSearchIndex", () => {
  const site = async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("newsroom"), buildTime: BUILD_TIME });
    if (!site) throw new Error("no site");
    return site;
  };

  it("writes one shard per language and year, entry file included, and Pagefind's interface files once", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "dateline-search-"));
    const s = await site();
    const count = await buildSearchIndex(s.articles, out);
    expect(count).toBe(s.articles.filter((a) => a.status === "published").length);
    expect(
      JSON.parse(await readFile(path.join(out, SEARCH_DIR, "en/2024/pagefind-entry.json"), "utf8")),
    ).toHaveProperty("languages");
    expect((await readdir(path.join(out, SEARCH_DIR))).sort()).toEqual([
      "en",
      "pagefind-component-ui.css",
      "pagefind-component-ui.js",
      "pagefind-highlight.js",
      "pagefind-modular-ui.css",
      "pagefind-modular-ui.js",
      "pagefind-ui.css",
      "pagefind-ui.js",
    ]);
    expect(await readdir(path.join(out, SEARCH_DIR, "en/2024"))).not.toContain("pagefind-ui.js");
  });

  it("indexes only the shards it is asked for", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "dateline-search-"));
    const s = await site();
    expect(await buildSearchIndex(s.articles, out, { shards: new Set(["en/1999"]) })).toBe(0);
    expect((await readdir(path.join(out, SEARCH_DIR))).sort()).not.toContain("en");
    expect(await readdir(path.join(out, SEARCH_DIR))).toContain("pagefind-ui.js");
  });

  it("rejects, instead of hanging, when the index cannot be written, and the next index still works", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "dateline-search-"));
    await writeFile(path.join(out, SEARCH_DIR), "a file where the index's folder goes");
    const s = await site();
    await expect(buildSearchIndex(s.articles, out)).rejects.toThrow();
    const again = await mkdtemp(path.join(tmpdir(), "dateline-search-"));
    await expect(buildSearchIndex(s.articles, again)).resolves.toBeGreaterThan(0);
  }, 60_000);
});
