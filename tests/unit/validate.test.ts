import { describe, expect, it } from "vitest";
import { indexEntities } from "../../src/content/entities.ts";
import { parseDocument } from "../../src/content/frontmatter.ts";
import { MAX_NAME_LENGTH, MAX_NAMES_PER_LIST, MAX_SLUG_LENGTH } from "../../src/content/limits.ts";
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

describe("validateArticle: limits and hostile values", () => {
  const berlin = { ...settings, timeZone: "Europe/Berlin" };
  const validateIn = (raw: string, s = settings, file = "content/articles/story.md") => {
    const parsed = parseDocument(file, raw);
    if (!parsed.document) throw new Error(`parse failed: ${JSON.stringify(parsed.diagnostics)}`);
    return validateArticle(parsed.document, s);
  };
  const ruleLines = (r: ReturnType<typeof validateIn>) => r.diagnostics.map((d) => [d.rule, d.line, d.field]);

  it("reports a slug longer than MAX_SLUG_LENGTH, from the slug key or from the file name", () => {
    const long = "a".repeat(MAX_SLUG_LENGTH + 1);
    expect(ruleLines(validateIn(`---\ntitle: T\ndate: 2024-03-01\nslug: ${long}\n---\n`))).toEqual([
      ["article/slug-too-long", 4, "slug"],
    ]);
    const fromFile = validateIn(
      "---\ntitle: T\ndate: 2024-03-01\n---\n",
      settings,
      `content/articles/${long}.md`,
    );
    expect(ruleLines(fromFile)).toEqual([["article/slug-too-long", 1, "slug"]]);
    expect(fromFile.diagnostics[0]?.message).toContain(`expected at most ${MAX_SLUG_LENGTH}`);
    const exact = "b".repeat(MAX_SLUG_LENGTH);
    expect(validateIn(`---\ntitle: T\ndate: 2024-03-01\nslug: ${exact}\n---\n`).article?.slug).toBe(exact);
  });

  it("reports the slug even when other fields are wrong", () => {
    const r = validateIn(`---\ntitle: T\ndate: nope\nslug: ${"c".repeat(200)}\n---\n`);
    expect(ruleLines(r)).toEqual([
      ["article/invalid-date", 3, "date"],
      ["article/slug-too-long", 4, "slug"],
    ]);
  });

  it("reports a name longer than MAX_NAME_LENGTH in a list, and a dateline city as long", () => {
    const long = "N".repeat(MAX_NAME_LENGTH + 1);
    expect(
      ruleLines(
        validateIn(`---\ntitle: T\ndate: 2024-03-01\npeople:\n  - Aynur Qasımova\n  - ${long}\n---\n`),
      ),
    ).toEqual([["article/name-too-long", 4, "people"]]);
    expect(
      ruleLines(validateIn(`---\ntitle: T\ndateline: ${long}, Nowhere\ndate: 2024-03-01\n---\n`)),
    ).toEqual([["article/name-too-long", 3, "dateline"]]);
    const fine = "M".repeat(MAX_NAME_LENGTH);
    expect(validateIn(`---\ntitle: T\ndate: 2024-03-01\nplaces: [${fine}]\n---\n`).diagnostics).toEqual([]);
  });

  it("reports more than MAX_NAMES_PER_LIST names in one list", () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Fictional Person ${i}`).join(", ");
    const r = validateIn(
      `---\ntitle: T\ndate: 2024-03-01\norganizations: [${names(MAX_NAMES_PER_LIST + 1)}]\n---\n`,
    );
    expect(ruleLines(r)).toEqual([["article/too-many-names", 4, "organizations"]]);
    expect(r.diagnostics[0]?.message).toBe(
      `"organizations" lists ${MAX_NAMES_PER_LIST + 1} names; expected at most ${MAX_NAMES_PER_LIST}`,
    );
    expect(
      validateIn(`---\ntitle: T\ndate: 2024-03-01\npeople: [${names(MAX_NAMES_PER_LIST)}]\n---\n`)
        .diagnostics,
    ).toEqual([]);
  });

  it.each([
    ["date: 0000-05-11", 3, "date"],
    ["date: 0999-12-31", 3, "date"],
    ["date: 9999-12-31T23:00:00-05:00", 3, "date"],
    ["date: 2024-03-01\nupdated: 0001-01-01", 4, "updated"],
  ])("reports %j outside the years 1000–9999", (line, at, field) => {
    expect(ruleLines(validateIn(`---\ntitle: T\n${line}\n---\n`))).toEqual([
      ["article/date-out-of-range", at, field],
    ]);
  });

  it("reports a local time that a daylight-saving change skipped, in date and updated", () => {
    const r = validateIn("---\ntitle: T\ndate: 2024-03-31T02:30\n---\n", berlin);
    expect(ruleLines(r)).toEqual([["article/nonexistent-local-time", 3, "date"]]);
    expect(r.diagnostics[0]?.message).toContain("does not exist in Europe/Berlin: clocks jumped forward");
    expect(r.diagnostics[0]?.hint).toContain("2024-03-31T02:30+01:00");
    const updated = validateIn(
      "---\ntitle: T\ndate: 2024-03-30\nupdated: 2024-03-31T02:15:00\n---\n",
      berlin,
    );
    expect(ruleLines(updated)).toEqual([["article/nonexistent-local-time", 4, "updated"]]);
  });

  it("accepts the same moment with an offset, a time after the jump, and the day alone", () => {
    for (const date of ["2024-03-31T02:30+01:00", "2024-03-31T03:30", "2024-03-31", "2024-10-27T02:30"]) {
      expect(validateIn(`---\ntitle: T\ndate: ${date}\n---\n`, berlin).diagnostics).toEqual([]);
    }
  });

  it("reports an entity name whose slug is too long for a folder, at the list's line", () => {
    const long = "Щ".repeat(60); // 60 characters, a slug of 180
    const { article } = validateIn(`---\ntitle: T\ndate: 2024-03-01\npeople: [${long}]\n---\n`);
    if (!article) throw new Error("expected an article");
    const index = indexEntities([article], [], new Intl.Collator("en"));
    expect(index.diagnostics.map((d) => [d.rule, d.file, d.line, d.field])).toEqual([
      ["article/name-too-long", "content/articles/story.md", 4, "people"],
    ]);
    expect(index.entities.person).toEqual([]);
  });
});

describe("validateArticle: characters no page may carry", () => {
  it.each([
    ["title", 'title: "Ferry\\u0001 news"', 2],
    ["summary", 'summary: "One\\u007f line"', 4],
    ["people", 'people: ["Aynur\\u0008 Qasımova"]', 4],
    ["dateline", 'dateline: "QUBA\\u0085, Azerbaijan"', 4],
  ])("refuses a control character in %s, at its line, naming the character", (field, line, at) => {
    const lines = ["---", "title: Ferry news", "date: 2024-05-11"];
    if (field === "title") lines[1] = line;
    else lines.push(line);
    const { article, diagnostics } = validate([...lines, "---", "Body.", ""].join("\n"));
    expect(article).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: "article/control-character", line: at, field, severity: "error" }),
    ]);
    expect(diagnostics[0]?.message).toMatch(/control character U\+00(01|7F|08|85)/);
  });

  it("keeps tabs and line breaks, and letters of any script", () => {
    const { article, diagnostics } = validate(
      '---\ntitle: "Ferry\\tnews — Паром, ბორანი"\ndate: 2024-05-11\nsummary: "One\\nline"\n---\nBody.\n',
    );
    expect(diagnostics).toEqual([]);
    expect(article?.title).toBe("Ferry\tnews — Паром, ბორანი");
  });
});
