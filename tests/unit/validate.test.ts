import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/content/frontmatter.ts";
import { slugFromFile, validateArticle } from "../../src/content/validate.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

const settings = TEST_SETTINGS;

function validate(raw: string, file = "content/articles/story.md") {
  const parsed = parseDocument(file, raw);
  if (!parsed.document) throw new Error(`parse failed: ${JSON.stringify(parsed.diagnostics)}`);
  return validateArticle(parsed.document, settings);
}

describe("validateArticle", () => {
  it("turns valid frontmatter into an article", () => {
    const { article, diagnostics } = validate(
      "---\ntitle: ' Harbour reopens '\ndate: 2024-03-01\ndateline: LANKARAN, Azerbaijan\npeople: Aynur Qasımova\norganizations: [Caspian Ferry Authority, ' Harbour Workers Union ']\nsummary:\n---\nBody.\n",
    );
    expect(diagnostics).toEqual([]);
    expect(article).toMatchObject({
      title: "Harbour reopens",
      slug: "story",
      datePath: "2024/03/01",
      dateline: "LANKARAN, Azerbaijan",
      draft: false,
      names: {
        person: ["Aynur Qasımova"],
        organization: ["Caspian Ferry Authority", "Harbour Workers Union"],
      },
      body: "Body.\n",
    });
    expect(article?.summary).toBeUndefined();
  });

  it("takes the slug from frontmatter over the file name, and slugifies it", () => {
    expect(validate("---\ntitle: T\ndate: 2024-03-01\nslug: Gəncə Harbour\n---\n").article?.slug).toBe(
      "gence-harbour",
    );
  });

  it.each([
    ["---\ndate: 2024-03-01\n---\n", "article/missing-title", 1, "title"],
    ["---\ntitle: T\n---\n", "article/missing-date", 1, "date"],
    ["---\ntitle: T\ndateline: X\ndate: 2022-02-30\n---\n", "article/invalid-date", 4, "date"],
    ["---\ntitle: T\ndate: December 15, 2022\n---\n", "article/invalid-date", 3, "date"],
    ["---\ntitle: T\ndate: 2022\n---\n", "article/invalid-date", 3, "date"],
    ["---\ntitle: T\ndate: 2024-03-01\npeople: 42\n---\n", "article/invalid-people", 4, "people"],
    [
      "---\ntitle: T\ndate: 2024-03-01\npeople:\n  - A\n  - [B, C]\n---\n",
      "article/invalid-people",
      4,
      "people",
    ],
    [
      "---\ntitle: T\ndate: 2024-03-01\norganizations: {name: X}\n---\n",
      "article/invalid-organizations",
      4,
      "organizations",
    ],
    [
      "---\ntitle: T\ndate: 2024-03-01\norganizations: ['  ']\n---\n",
      "article/invalid-organizations",
      4,
      "organizations",
    ],
    ["---\ntitle: [a]\ndate: 2024-03-01\n---\n", "article/invalid-title", 2, "title"],
    ["---\ntitle: T\ndate: 2024-03-01\ndraft: yes\n---\n", "article/invalid-draft", 4, "draft"],
    ["---\ntitle: T\ndate: 2024-03-01\nupdated: yesterday\n---\n", "article/invalid-updated", 4, "updated"],
  ])("reports %j as %s on line %i", (raw, rule, line, field) => {
    const { article, diagnostics } = validate(raw);
    expect(article).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: "content/articles/story.md",
        line,
        column: 1,
        field,
        rule,
        severity: "error",
      }),
    ]);
  });

  it("collects every problem in a file, not just the first", () => {
    const { diagnostics } = validate("---\npeople: 42\ndate: nope\n---\n");
    expect(diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ["article/missing-title", 1],
      ["article/invalid-date", 3],
      ["article/invalid-people", 2],
    ]);
  });

  it("says what was expected and what was found", () => {
    const { diagnostics } = validate("---\ntitle: T\ndate: 2024-03-01\npeople: 42\n---\n");
    expect(diagnostics[0]?.message).toBe('expected "people" to be a list of names, found the number 42');
  });

  it("hints that a file without frontmatter needs one", () => {
    const { diagnostics } = validate("Just a body.\n");
    expect(diagnostics.map((d) => d.rule)).toEqual(["article/missing-title", "article/missing-date"]);
    expect(diagnostics[0]?.hint).toContain("no frontmatter");
  });

  it("reports a slug with no letters", () => {
    const { diagnostics } = validate("---\ntitle: T\ndate: 2024-03-01\nslug: '---'\n---\n");
    expect(diagnostics[0]).toMatchObject({ rule: "article/invalid-slug", line: 4 });
  });
});

describe("slugFromFile", () => {
  it("uses the file name, or the folder name for index.md", () => {
    expect(slugFromFile("content/articles/2024/harbour-reopens.md")).toBe("harbour-reopens");
    expect(slugFromFile("content/articles/2024/harbour-reopens/index.md")).toBe("harbour-reopens");
  });
});
