import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../src/content/markdown.ts";
import type { RegistryEntry } from "../../src/core/types.ts";
import { proposeHeadline } from "../../src/wire/headline.ts";
import { planImport } from "../../src/wire/import.ts";
import { escapeParagraph } from "../../src/wire/markdown-body.ts";
import { cleanName, recognizeNames, splitSentences } from "../../src/wire/ner.ts";
import { parseWire } from "../../src/wire/parse.ts";
import { findPatterns } from "../../src/wire/patterns.ts";
import { storySentences, suggestEntities } from "../../src/wire/suggest.ts";
import { FIXTURES } from "../helpers/build-fixture.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

const WIRE = path.join(FIXTURES, "wire");
const read = (name: string) => readFileSync(path.join(WIRE, name), "utf8");
const SEED = "trend-2022-12-15-bayramov-omuraliev.txt";

const SETTINGS = TEST_SETTINGS;

function registryEntry(kind: RegistryEntry["kind"], name: string, aliases: string[] = []): RegistryEntry {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, "-");
  return {
    kind,
    file: `content/${kind}/${slug}.md`,
    name,
    slug,
    aliases,
    sameAs: [],
    body: "",
    aliasLines: [],
  };
}

function seedStory() {
  const { story } = parseWire(SEED, read(SEED));
  if (!story) throw new Error("the seed does not parse");
  return story;
}

describe("parseWire", () => {
  it("reads the seed: date, dateline, and the body without the lead", () => {
    const { story, diagnostics } = parseWire(SEED, read(SEED));
    expect(diagnostics).toEqual([]);
    expect(story).toMatchObject({ date: "2022-12-15", dateline: "BAKU, Azerbaijan", city: "BAKU" });
    expect(story?.paragraphs).toHaveLength(7);
    expect(story?.paragraphs[0]).toMatch(
      /^Minister of Foreign Affairs of Azerbaijan Jeyhun Bayramov met with/,
    );
    expect(story?.paragraphs[0]).not.toContain("December 15.");
    expect(story?.paragraphs[6]).toBe(
      "The sides also exchanged views on joint events that the city of Shusha will host.",
    );
    expect(story?.paragraphLines.slice(0, 3)).toEqual([1, 3, 5]);
  });

  it("accepts the lead on the line after the date, hard-wrapped paragraphs, CRLF and a byte-order mark", () => {
    const { story } = parseWire("f.txt", read("ferry-route.txt"));
    expect(story).toMatchObject({ date: "2024-03-04", dateline: "LANKARAN, Azerbaijan" });
    expect(story?.paragraphs[0]).toBe(
      "Minister of Transport of Ruritania Anselm Vokk opened a new ferry route to the island of Nargiz-Ada together with the Caspian Ferry Authority (CFA) on Monday, the ministry told Caspian Wire.",
    );
    expect(story?.paragraphLines).toEqual([2, 6, 9]);
    const crlf = parseWire("c.txt", read("crlf-date-mismatch.txt"));
    expect(crlf.story).toMatchObject({ date: "2024-05-20", dateline: "GANJA, Azerbaijan" });
    expect(crlf.story?.paragraphs).toEqual(["Crlf copy from an old wire terminal.", "Second paragraph."]);
  });

  it("reads a lead without a region and with the agency in parentheses", () => {
    const { story } = parseWire("a.txt", read("agency-in-lead.txt"));
    expect(story).toMatchObject({ dateline: "GANJA", agency: "Caspian Wire" });
    expect(story?.paragraphs[0]).toBe("The fictional Ganja Tram Company (GTC) ordered six new trams.");
  });

  it("warns when the lead's day differs from the date line, and keeps the date line's", () => {
    const { story, diagnostics } = parseWire("c.txt", read("crlf-date-mismatch.txt"));
    expect(story?.date).toBe("2024-05-20");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        rule: "wire/date-mismatch",
        line: 2,
        message:
          "the lead says May 19 but the first line says 2024-05-20; expected the same day (the first line's date is used)",
      }),
    ]);
  });

  it("rejects copy in another shape with an error naming what was expected, and the line", () => {
    const cases: [string, string, number, number, RegExp][] = [
      [
        "empty.txt",
        "wire/empty",
        1,
        1,
        /^the file is empty; expected a first line starting "date YYYY-MM-DD"/,
      ],
      [
        "no-date-line.txt",
        "wire/missing-date",
        1,
        1,
        /^the first line starts with "BAKU, Azerbaijan, December 15\. A story w…"; expected a first line starting "date YYYY-MM-DD", then a dateline lead/,
      ],
      [
        "impossible-date.txt",
        "wire/invalid-date",
        1,
        6,
        /^the date is "2023-02-30"; expected a real date as YYYY-MM-DD after "date"$/,
      ],
      [
        "no-dateline-lead.txt",
        "wire/missing-dateline",
        3,
        1,
        /^the story starts with "The story starts without saying where it…"; expected a dateline lead such as "BAKU, Azerbaijan, December 15\."$/,
      ],
      ["only-lead.txt", "wire/empty-body", 1, 1, /^there is no story after the dateline lead/],
    ];
    for (const [name, rule, line, column, message] of cases) {
      const { story, diagnostics } = parseWire(name, read(`bad/${name}`));
      expect(story, name).toBeUndefined();
      expect(diagnostics, name).toHaveLength(1);
      expect(diagnostics[0], name).toMatchObject({ severity: "error", rule, file: name, line, column });
      expect(diagnostics[0]?.message, name).toMatch(message);
    }
  });
});

describe("news patterns", () => {
  it("finds titled people, abbreviated organizations, agencies and cities in the seed's sentences", () => {
    const first = findPatterns(seedStory().paragraphs[0] ?? "");
    expect(first.map((f) => [f.kind, f.name, f.pattern])).toEqual([
      ["person", "Jeyhun Bayramov", "Minister … X Y"],
      ["person", "Kubanychbek Omuraliev", "Secretary General … X Y"],
      ["organization", "Organization of Turkic States", "… of the <Organization> (<ABBR>)"],
      ["organization", "Trend", "told <Agency>"],
    ]);
    expect(first[2]?.abbreviation).toBe("OTS");
    expect(first[3]?.agency).toBe(true);
    expect(findPatterns("At the meeting, the city of Shusha was noted.")).toEqual([
      expect.objectContaining({ kind: "place", name: "Shusha", pattern: "the city of <Place>" }),
    ]);
  });

  it("separates the institution from the name, and ignores titles without one", () => {
    const names = (s: string) => findPatterns(s).map((f) => f.name);
    expect(names("Foreign Minister of Ruritania Anselm Vokk spoke.")).toEqual(["Anselm Vokk"]);
    expect(names("Minister of Foreign Affairs Anselm Vokk spoke.")).toEqual(["Anselm Vokk"]);
    expect(names("Prime Minister Lia Dorn Haskel arrived.")).toEqual(["Lia Dorn Haskel"]);
    expect(names("The minister noted the importance of the talks.")).toEqual([]);
    expect(names("The Secretary General of the OTS highly appreciated it.")).toEqual([]);
    expect(names("Minister of Foreign Affairs of Ruritania said so.")).toEqual([]);
  });
});

describe("named-entity recognition", () => {
  it("cleans compromise's matches into names", () => {
    expect(cleanName("city of Shusha")).toBe("Shusha");
    expect(cleanName("Azerbaijan’s")).toBe("Azerbaijan");
    expect(cleanName("OTS,")).toBe("OTS");
    expect(cleanName("2023 summit")).toBeUndefined();
  });

  it("finds places and organizations, but not quoted titles", () => {
    const found = recognizeNames(
      'At the meeting, the announcement of the city of Shusha as the "Cultural Capital of the Turkic World" was noted.',
    );
    expect(found).toContainEqual({ kind: "place", name: "Shusha" });
    expect(found.map((f) => f.name)).not.toContain("Cultural Capital");
  });

  it("splits sentences without breaking at abbreviations", () => {
    expect(splitSentences("The U.S. envoy arrived on Dec. 15 in Ganja. He left.")).toEqual([
      "The U.S. envoy arrived on Dec. 15 in Ganja.",
      "He left.",
    ]);
  });
});

describe("suggestEntities", () => {
  it("suggests the seed's people, organizations (with the agency) and places, with where each was found", () => {
    const story = seedStory();
    const suggestions = suggestEntities(story, storySentences(story), []);
    const byName = new Map(suggestions.map((s) => [s.name, s]));
    expect(byName.get("Jeyhun Bayramov")).toMatchObject({
      kind: "person",
      findings: [
        { paragraph: 1, sentence: 1, by: 'pattern "Minister … X Y"' },
        { paragraph: 2, sentence: 1, by: 'pattern "Minister … X Y"' },
      ],
    });
    expect(byName.get("Kubanychbek Omuraliev")?.kind).toBe("person");
    expect(byName.get("Organization of Turkic States")?.kind).toBe("organization");
    // `OTS` alone, as compromise finds it, counts as the full name the text defined.
    expect(byName.get("Organization of Turkic States")?.findings).toContainEqual({
      paragraph: 5,
      sentence: 1,
      by: "compromise #Organization",
    });
    expect(byName.has("OTS")).toBe(false);
    expect(byName.get("Trend")).toMatchObject({ kind: "organization", agency: true });
    expect(byName.get("Shusha")?.kind).toBe("place");
    expect(byName.has("Baku")).toBe(false); // the dateline's city is already the article's place
    expect(byName.has("BAKU")).toBe(false);
    const order = suggestions.map((s) => ["person", "organization", "place"].indexOf(s.kind));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("prefers registry names, found by name or alias, and their kind", () => {
    const story = parseWire("f.txt", read("ferry-route.txt")).story;
    if (!story) throw new Error("no story");
    const registry = [
      registryEntry("person", "Leyla Rzayeva", ["L. Rzayeva"]),
      registryEntry("organization", "Caspian Ferry Authority", ["CFA"]),
      registryEntry("place", "Nargiz-Ada"),
    ];
    const suggestions = suggestEntities(story, storySentences(story), registry);
    const cfa = suggestions.find((s) => s.name === "Caspian Ferry Authority");
    expect(cfa?.registryFile).toBe("content/organization/caspian-ferry-authority.md");
    expect(cfa?.findings).toContainEqual({
      paragraph: 2,
      sentence: 1,
      by: 'registry alias "CFA"',
    });
    expect(suggestions.find((s) => s.name === "Nargiz-Ada")?.kind).toBe("place");
    expect(suggestions.find((s) => s.name === "Anselm Vokk")?.kind).toBe("person");
    expect(suggestions.find((s) => s.name === "Caspian Wire")).toMatchObject({ agency: true });
  });
});

describe("proposeHeadline", () => {
  it("drops titles, abbreviations, the date and the attribution from the first sentence", () => {
    expect(proposeHeadline(seedStory().paragraphs[0] ?? "")).toBe(
      "Jeyhun Bayramov met with Kubanychbek Omuraliev",
    );
    expect(proposeHeadline("According to the council, the Silk Road Guild (SRG) will meet on Friday.")).toBe(
      "The Silk Road Guild will meet",
    );
  });

  it("keeps to 110 characters, cut at a word and not on a dangling word", () => {
    const headline = proposeHeadline(
      `The fictional ferry ${"sails and sails ".repeat(10)}to the island of Nargiz-Ada.`,
    );
    expect([...headline].length).toBeLessThanOrEqual(110);
    expect(headline).not.toMatch(/\s(?:and|the|of|to)$/);
  });
});

describe("escapeParagraph", () => {
  it("keeps wire text as text in markdown", () => {
    const md = createMarkdown();
    const html = md.render(escapeParagraph("# 1 <b>item</b> with *stars* and_underscores_"));
    expect(html).toBe("<p># 1 &lt;b&gt;item&lt;/b&gt; with *stars* and_underscores_</p>\n");
    expect(md.render(escapeParagraph("- not a list"))).toBe("<p>- not a list</p>\n");
    expect(md.render(escapeParagraph("1. not a list"))).toBe("<p>1. not a list</p>\n");
  });
});

describe("planImport", () => {
  const options = { contentDir: "content", settings: SETTINGS, registry: [], accept: false };

  it("renders the seed as an article with a proposed headline marked TODO and suggestions as comments", () => {
    const { plan, diagnostics } = planImport(SEED, read(SEED), options);
    expect(diagnostics).toEqual([]);
    expect(plan?.target).toBe(
      path.join("content/articles/2022/12/jeyhun-bayramov-met-with-kubanychbek-omuraliev.md"),
    );
    expect(plan?.proposed).toBe(true);
    const lines = plan?.text.split("\n") ?? [];
    expect(lines[1]).toMatch(/^# TODO: rewrite this headline/);
    expect(lines).toContain("title: Jeyhun Bayramov met with Kubanychbek Omuraliev");
    expect(lines).toContain("date: 2022-12-15");
    expect(lines).toContain("dateline: BAKU, Azerbaijan");
    expect(lines).toContain("#   - Jeyhun Bayramov");
    expect(lines).not.toContain("people:");
    expect(plan?.text).toContain("---\n\nMinister of Foreign Affairs of Azerbaijan Jeyhun Bayramov met with");
    expect(plan?.text).not.toContain("December 15. Minister");
  });

  it("writes the suggestions and the source with --accept, and uses a given title", () => {
    const { plan } = planImport(SEED, read(SEED), {
      ...options,
      accept: true,
      title: "Bayramov meets Omuraliev",
    });
    expect(plan?.proposed).toBe(false);
    expect(plan?.target).toBe(path.join("content/articles/2022/12/bayramov-meets-omuraliev.md"));
    expect(plan?.text).not.toContain("TODO");
    expect(plan?.text).toContain(
      "source: Trend\npeople:\n  - Jeyhun Bayramov\n  - Kubanychbek Omuraliev\norganizations:\n  - Organization of Turkic States\n  - Trend\n",
    );
    expect(plan?.text).toMatch(/places:\n(?: {2}- .+\n)*? {2}- Shusha\n/);
  });

  it("gives no plan for copy in another shape", () => {
    const { plan, diagnostics } = planImport("x.txt", read("bad/no-date-line.txt"), options);
    expect(plan).toBeUndefined();
    expect(diagnostics[0]?.rule).toBe("wire/missing-date");
    const noWords = planImport(SEED, read(SEED), { ...options, title: "!!!" });
    expect(noWords.diagnostics[0]?.rule).toBe("wire/invalid-title");
  });
});
