import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/content/frontmatter.ts";
import { validateArticle } from "../../src/content/validate.ts";
import {
  articlePath,
  MAX_SLUG_LENGTH,
  renderArticleFile,
  slugForHeadline,
  writeNewFile,
} from "../../src/wire/article-file.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

const SETTINGS = TEST_SETTINGS;

describe("renderArticleFile", () => {
  it("writes frontmatter the build reads back exactly, quoting only what YAML would misread", () => {
    const text = renderArticleFile({
      title: 'Ferry "Nərgiz": back # at sea',
      titleComment: "TODO: a proposed headline\nrewrite it",
      date: "2024-03-01T09:15:00+04:00",
      dateline: "LANKARAN, Azerbaijan",
      source: "true",
      people: ["Aynur Qasımova", "- Dash"],
      organizations: ["Caspian Ferry Authority"],
      places: ["Nowhere Bay"],
      body: "\nFirst paragraph.\n\nSecond.\n\n",
    });
    expect(text.split("\n").slice(0, 5)).toEqual([
      "---",
      "# TODO: a proposed headline",
      "# rewrite it",
      `title: 'Ferry "Nərgiz": back # at sea'`,
      "date: 2024-03-01T09:15:00+04:00",
    ]);
    expect(text).toContain("\n  - Aynur Qasımova\n");
    expect(text.endsWith("---\n\nFirst paragraph.\n\nSecond.\n")).toBe(true);
    const doc = parseDocument("a.md", text).document;
    if (!doc) throw new Error("does not parse");
    expect(doc.keyLines.get("title")).toBe(4);
    const { article, diagnostics } = validateArticle(doc, SETTINGS);
    expect(diagnostics).toEqual([]);
    expect(article).toMatchObject({
      title: 'Ferry "Nərgiz": back # at sea',
      dateline: "LANKARAN, Azerbaijan",
      source: "true",
      names: { person: ["Aynur Qasımova", "- Dash"], organization: ["Caspian Ferry Authority"] },
    });
    expect(article?.summary).toBeUndefined();
  });

  it("writes empty dateline and summary keys as prompts, which the build reads as not given", () => {
    const text = renderArticleFile({ title: "T", date: "2024-03-01", body: "B" });
    expect(text).toBe("---\ntitle: T\ndate: 2024-03-01\ndateline:\nsummary:\n---\n\nB\n");
    const doc = parseDocument("a.md", text).document;
    if (!doc) throw new Error("does not parse");
    expect(validateArticle(doc, SETTINGS).diagnostics).toEqual([]);
  });
});

describe("slugForHeadline and articlePath", () => {
  it("makes a slug of whole words, at most 60 characters", () => {
    expect(slugForHeadline("Harbour reopens: after the storm")).toBe("harbour-reopens-after-the-storm");
    const long = slugForHeadline(
      "Minister of Foreign Affairs of Azerbaijan Jeyhun Bayramov met with Secretary General Kubanychbek Omuraliev",
    );
    expect(long.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(long).toBe("minister-of-foreign-affairs-of-azerbaijan-jeyhun-bayramov");
    expect(slugForHeadline("Şuşa")).toBe("susa");
    expect(slugForHeadline("!!!")).toBe("");
  });

  it("puts the file under articles/YYYY/MM/", () => {
    expect(articlePath("content", "2022/12/15", "x")).toBe(
      path.join("content", "articles", "2022", "12", "x.md"),
    );
  });
});

describe("writeNewFile", () => {
  it("creates folders, writes the file, and leaves no temporary file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dateline-write-"));
    const file = path.join(dir, "a", "b", "story.md");
    expect(await writeNewFile(file, "hello\n")).toBe(true);
    expect(await readFile(file, "utf8")).toBe("hello\n");
    expect(await readdir(path.dirname(file))).toEqual(["story.md"]);
  });

  it("never overwrites an existing file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dateline-write-"));
    const file = path.join(dir, "story.md");
    await writeFile(file, "the editor's work\n");
    expect(await writeNewFile(file, "new text\n")).toBe(false);
    expect(await readFile(file, "utf8")).toBe("the editor's work\n");
    expect(await readdir(dir)).toEqual(["story.md"]);
  });

  it("lets exactly one of many simultaneous writers win", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dateline-write-"));
    const file = path.join(dir, "story.md");
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => writeNewFile(file, `writer ${i}\n`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await readFile(file, "utf8")).toBe(`writer ${results.indexOf(true)}\n`);
    expect(await readdir(dir)).toEqual(["story.md"]);
  });
});
