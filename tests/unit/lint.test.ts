import { describe, expect, it } from "vitest";
import { indexEntities } from "../../src/content/entities.ts";
import { parseDocument } from "../../src/content/frontmatter.ts";
import { REGISTRY_FIELDS } from "../../src/content/registry.ts";
import { ARTICLE_FIELDS, validateArticle } from "../../src/content/validate.ts";
import { containsWords, fold, variantKey } from "../../src/core/names.ts";
import type { EntityKind, RegistryEntry } from "../../src/core/types.ts";
import { longHeadline, missingDateline, missingSummary } from "../../src/lint/article-fields.ts";
import { entitiesNotInBody } from "../../src/lint/entity-in-body.ts";
import { itemPosition } from "../../src/lint/entity-names.ts";
import { allowedEdits, bucketKeys, findNearPairs, probableVariants } from "../../src/lint/entity-variants.ts";
import { LINT_RULES, lintContent } from "../../src/lint/index.ts";
import type { LintInput } from "../../src/lint/types.ts";
import { suggestKey, unknownArticleKeys, unknownRegistryKeys } from "../../src/lint/unknown-keys.ts";
import { unusedRegistryEntities } from "../../src/lint/unused-entities.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

const SETTINGS = TEST_SETTINGS;

interface Fake {
  file: string;
  text: string;
}

/** An article file: frontmatter lines and a body. */
function md(file: string, frontmatter: string[], body = "Body text."): Fake {
  return { file, text: ["---", ...frontmatter, "---", "", body, ""].join("\n") };
}

function entry(kind: EntityKind, name: string, aliases: string[] = []): { entry: RegistryEntry; fake: Fake } {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, "-");
  const folder = kind === "person" ? "people" : kind === "organization" ? "organizations" : "places";
  const file = `${folder}/${slug}.md`;
  const text = [
    "---",
    `name: ${name}`,
    ...(aliases.length ? ["aliases:", ...aliases.map((a) => `  - ${a}`)] : []),
    "---",
    "",
  ].join("\n");
  return {
    entry: {
      kind,
      file,
      name,
      slug,
      aliases,
      sameAs: [],
      body: "",
      aliasLines: aliases.map((_, i) => 4 + i),
    },
    fake: { file, text },
  };
}

/** The LintInput `npm run check` would give for these files. */
function lintInput(articles: Fake[], registry: { entry: RegistryEntry; fake: Fake }[] = []): LintInput {
  const checked = articles.map((a) => {
    const document = parseDocument(a.file, a.text).document;
    if (!document) throw new Error(`test article ${a.file} does not parse`);
    const input = validateArticle(document, SETTINGS).article;
    if (!input) throw new Error(`test article ${a.file} is not valid`);
    return { input, document, status: "published" as const };
  });
  const entries = registry.map((r) => r.entry);
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  return {
    articles: checked,
    registry: entries,
    registryDocuments: registry.flatMap((r) => parseDocument(r.fake.file, r.fake.text).document ?? []),
    invalidDocuments: [],
    index: indexEntities(
      checked.map((a) => a.input),
      entries,
      collator,
    ),
  };
}

const base = (title = "A fictional story") => [
  `title: ${title}`,
  "date: 2024-05-01",
  "dateline: LANKARAN, Azerbaijan",
  "summary: One sentence.",
];

describe("fold and containsWords", () => {
  it("ignores letter case, diacritics and runs of spaces", () => {
    expect(fold("Gülşən  Əliyeva")).toBe("gulsen eliyeva");
    expect(fold("SADIQOVA Łukasz Ø")).toBe("sadiqova lukasz o");
    expect(fold("Azerbaijan’s")).toBe("azerbaijan's");
  });

  it("matches whole words only", () => {
    expect(containsWords("the trend is clear", "trend")).toBe(true);
    expect(containsWords("a trending topic", "trend")).toBe(false);
    expect(containsWords("told trend.", "trend")).toBe(true);
    expect(containsWords("anything", "")).toBe(false);
  });
});

describe("itemPosition", () => {
  it("finds each item of an unindented block list at its own line, as the parser's source ranges give it", () => {
    const input = lintInput([md("a.md", [...base(), "people:", "- Aynur Qasımova", "- Nurlan Aghayev"])]);
    const doc = input.articles[0]?.document;
    if (!doc) throw new Error("no document");
    expect(itemPosition(doc, "people", 1)).toEqual({ line: 8, column: 3 });
  });

  it("gives a flow list's item its column on the key's line, and the key's line for a missing item", () => {
    const input = lintInput([md("a.md", [...base(), "people: [Aynur Qasımova, Nurlan Aghayev]"])]);
    const doc = input.articles[0]?.document;
    if (!doc) throw new Error("no document");
    expect(itemPosition(doc, "people", 1)).toEqual({ line: 6, column: 26 });
    expect(itemPosition(doc, "people", 5)).toEqual({ line: 6, column: 1 });
    expect(itemPosition(doc, "organizations", 0)).toEqual({ line: 1, column: 1 });
  });
});

describe("article/unknown-key and registry/unknown-key", () => {
  it("suggests the known key a typo was meant to be", () => {
    expect(suggestKey("organisations", ARTICLE_FIELDS)).toBe("organizations");
    expect(suggestKey("titel", ARTICLE_FIELDS)).toBe("title");
    expect(suggestKey("Summary", ARTICLE_FIELDS)).toBe("summary");
    expect(suggestKey("alias", REGISTRY_FIELDS)).toBe("aliases");
    expect(suggestKey("tags", ARTICLE_FIELDS)).toBeUndefined();
  });

  it("warns at the key's line with what was found and what was expected", () => {
    const input = lintInput([
      md("a.md", [...base(), "organisations:", "  - Caspian Ferry Authority", "tags: [x]"]),
    ]);
    expect(unknownArticleKeys(input)).toEqual([
      expect.objectContaining({
        rule: "article/unknown-key",
        severity: "warning",
        file: "a.md",
        line: 6,
        message: 'unknown frontmatter key "organisations" is ignored; expected "organizations"',
      }),
      expect.objectContaining({
        line: 8,
        message: expect.stringMatching(
          /^unknown frontmatter key "tags" is ignored; expected one of "title", /,
        ),
      }),
    ]);
  });

  it("looks at articles that failed validation too", () => {
    const input = lintInput([]);
    const doc = parseDocument("bad.md", "---\ntitel: Oops\ndate: 2024-05-01\n---\n").document;
    if (!doc) throw new Error("no document");
    const warnings = unknownArticleKeys({ ...input, invalidDocuments: [doc] });
    expect(warnings).toEqual([expect.objectContaining({ file: "bad.md", line: 2, field: "titel" })]);
    expect(warnings[0]?.message).toContain('expected "title"');
  });

  it("checks registry files against the registry's keys", () => {
    const cfa = entry("organization", "Caspian Ferry Authority");
    cfa.fake.text = "---\nname: Caspian Ferry Authority\nalias: [CFA]\n---\n";
    const warnings = unknownRegistryKeys(lintInput([], [cfa]));
    expect(warnings).toEqual([
      expect.objectContaining({
        rule: "registry/unknown-key",
        file: cfa.entry.file,
        line: 3,
        message: 'unknown registry key "alias" is ignored; expected "aliases"',
      }),
    ]);
    expect(unknownArticleKeys(lintInput([], [cfa]))).toEqual([]);
  });
});

describe("article/missing-dateline, article/missing-summary, article/long-headline", () => {
  it("warns about a missing dateline and summary at line 1, or the empty key's line", () => {
    const input = lintInput([
      md("a.md", ["title: T", "date: 2024-05-01"]),
      md("b.md", ["title: T", "date: 2024-05-01", "dateline:", "summary:"]),
      md("c.md", base()),
    ]);
    expect(missingDateline(input).map((d) => [d.file, d.line, d.rule])).toEqual([
      ["a.md", 1, "article/missing-dateline"],
      ["b.md", 4, "article/missing-dateline"],
    ]);
    expect(missingSummary(input).map((d) => [d.file, d.line, d.rule])).toEqual([
      ["a.md", 1, "article/missing-summary"],
      ["b.md", 5, "article/missing-summary"],
    ]);
  });

  it("warns about a headline over 110 characters, counting letters not bytes", () => {
    const ok = "Ə".repeat(110);
    const long = "x".repeat(111);
    const input = lintInput([md("ok.md", base(ok)), md("long.md", ["date: 2024-05-01", `title: ${long}`])]);
    expect(longHeadline(input)).toEqual([
      expect.objectContaining({
        file: "long.md",
        line: 3,
        rule: "article/long-headline",
        message: "the headline is 111 characters long; expected at most 110",
      }),
    ]);
  });
});

describe("article/entity-not-in-body", () => {
  it("accepts a name written with other letter case, diacritics or line breaks, or a registry alias", () => {
    const karimova = entry("person", "Sevinj Karimova", ["S. Karimova"]);
    const input = lintInput(
      [
        md(
          "a.md",
          [
            ...base(),
            "people:",
            "  - Gülnar Sadıqova",
            "  - Sevinj Karimova",
            "organizations: [Lankaran Port]",
          ],
          "GULNAR SADIQOVA met S. Karimova at the Lankaran\nPort.",
        ),
      ],
      [karimova],
    );
    expect(entitiesNotInBody(input)).toEqual([]);
  });

  it("warns at the item's own line when neither the name nor an alias is in the body", () => {
    const input = lintInput([
      md(
        "a.md",
        [...base(), "people:", "  - Aynur Qasımova", "  - Nurlan Aghayev", "organizations:", "  - Trend"],
        "Aynur Qasımova spoke about trends.",
      ),
    ]);
    const warnings = entitiesNotInBody(input);
    expect(warnings.map((d) => [d.line, d.column, d.field])).toEqual([
      [8, 5, "people"],
      [10, 5, "organizations"],
    ]);
    expect(warnings[0]).toMatchObject({
      rule: "article/entity-not-in-body",
      severity: "warning",
      message:
        '"Nurlan Aghayev" is listed in "people" but the body never names it; expected the name in the text',
    });
  });

  it("does not check places", () => {
    const input = lintInput([md("a.md", [...base(), "places: [Nowhere Bay]"], "Nothing.")]);
    expect(entitiesNotInBody(input)).toEqual([]);
  });
});

describe("entity/probable-variant", () => {
  const story = (file: string, people: string[], body?: string) =>
    md(file, [...base(), "people:", ...people.map((p) => `  - ${p}`)], body ?? people.join(", "));

  it("warns about a name one or two letters from a more used one, at each use of the variant", () => {
    const input = lintInput([
      story("a.md", ["Jeyhun Bayramov"]),
      story("b.md", ["Jeyhun Bayramov"]),
      story("c.md", ["Aynur Qasımova", "Jeyhun Bayramow"]),
      story("d.md", ["Jeyhun Bayramow"]),
    ]);
    const warnings = probableVariants(input);
    expect(warnings.map((d) => [d.file, d.line, d.column])).toEqual([
      ["c.md", 8, 5],
      ["d.md", 7, 5],
    ]);
    expect(warnings[0]?.message).toBe(
      '"Jeyhun Bayramow" in "people" is probably a variant of "Jeyhun Bayramov" (one letter apart; in 2 articles); expected one spelling per person',
    );
  });

  it("prefers the registry's spelling and points at its file", () => {
    const registered = entry("person", "Farida Mammadzade");
    const input = lintInput(
      [story("a.md", ["Farida Mammadzada"]), story("b.md", ["Farida Mammadzada"])],
      [registered],
    );
    const warnings = probableVariants(input);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]?.message).toContain(`(one letter apart; in the registry, ${registered.entry.file})`);
    expect(warnings[0]?.hint).toContain(`add this spelling to "aliases" in ${registered.entry.file}`);
  });

  it("warns about a registry file that is a variant of another", () => {
    const a = entry("organization", "Caspian Ferry Authority");
    const b = entry("organization", "Caspian Fery Authority");
    const warnings = probableVariants(lintInput([], [a, b]));
    expect(warnings).toEqual([expect.objectContaining({ file: b.entry.file, line: 2, field: "name" })]);
  });

  it("warns about a spelling that differs only in letter case", () => {
    const input = lintInput([
      story("a.md", ["Jeyhun Bayramov"]),
      story("b.md", ["Jeyhun Bayramov"]),
      md("c.md", [...base(), "people: [jeyhun BAYRAMOV]"], "Jeyhun Bayramov."),
    ]);
    expect(probableVariants(input)).toEqual([
      expect.objectContaining({
        file: "c.md",
        line: 6,
        message:
          '"jeyhun BAYRAMOV" differs from "Jeyhun Bayramov" only in letter case; expected "Jeyhun Bayramov" (the spelling in 2 other articles)',
      }),
    ]);
  });

  it("leaves alone registry aliases, diacritic-only variants (a build error already) and distinct names", () => {
    const input = lintInput(
      [
        story("a.md", ["Leyla Rzayeva"]),
        story("b.md", ["Leyla Rzaeva"]),
        story("c.md", ["Tural Həsənov", "Tural Hasanli"]),
        story("d.md", ["Jeyhun Bayramov"]),
        story("e.md", ["Jeyhun Bayramöv"]),
      ],
      [entry("person", "Leyla Rzayeva", ["Leyla Rzaeva"])],
    );
    expect(probableVariants(input)).toEqual([]);
  });

  it("does not compare different kinds, or short names that differ at all", () => {
    const input = lintInput([
      md("a.md", [...base(), "organizations: [OTS, Trend]", "people: [Trent]"], "OTS Trend Trent"),
      md("b.md", [...base(), "organizations: [OTC]"], "OTC"),
    ]);
    expect(probableVariants(input)).toEqual([]);
  });

  it("allows one edit for names under ten letters and two from ten on", () => {
    expect(allowedEdits(4)).toBe(0);
    expect(allowedEdits(9)).toBe(1);
    expect(allowedEdits(10)).toBe(2);
    expect(variantKey("Gülşən Əliyeva")).toBe("gulsen eliyeva");
    expect(variantKey("Кубанычбек Омуралиев")).toBe("kubanychbek omuraliev");
  });

  it("files names one or two edits apart in a shared bucket", () => {
    const shared = (a: string, b: string) => {
      const keys = new Set(bucketKeys(variantKey(a)));
      return bucketKeys(variantKey(b)).some((k) => keys.has(k));
    };
    expect(shared("Jeyhun Bayramov", "Jeyhun Bayramow")).toBe(true); // one substitution
    expect(shared("Jeyhun Bayramov", "Ceyhun Bayramow")).toBe(true); // one in each word
    expect(shared("Jeyhun Bayramov", "Jeyhun Bayrmaov")).toBe(true); // a transposition
    expect(shared("Abu Bakr Salimov", "Abubakr Salimov")).toBe(true); // a space
    expect(shared("Mammadzadeh", "Mamadzade")).toBe(true); // one long word, two deletions
  });

  it("scales: 20,000 names need a tiny fraction of all pairs, and the planted variant is found", () => {
    const syllables = ["ka", "ri", "mo", "na", "tu", "ly", "se", "vo", "da", "qe", "zu", "ph", "ol", "ar"];
    const word = (n: number, length: number) =>
      Array.from({ length }, (_, i) => syllables[Math.floor(n / 14 ** i) % 14]).join("");
    // 20,000 distinct invented names, deterministic: the i-th spells i in base 14 across two words.
    const names = Array.from(
      { length: 20_000 },
      (_, i) => `${word(i % 2744, 3)} ${word(Math.floor(i / 2744) * 53 + 11, 4)}`,
    );
    const items = names.map((key, owner) => ({ key, owner }));
    const planted = items[123]?.key ?? "";
    items.push({ key: `${planted}x`, owner: -1 });
    const stats = { comparisons: 0 };
    const started = performance.now();
    const pairs = findNearPairs(items, (a, b) => a.owner === b.owner, stats);
    const seconds = (performance.now() - started) / 1000;
    const allPairs = (items.length * (items.length - 1)) / 2;
    expect(stats.comparisons).toBeLessThan(allPairs / 100);
    expect(
      pairs.some((p) => [p.a.key, p.b.key].sort().join("|") === [planted, `${planted}x`].sort().join("|")),
    ).toBe(true);
    expect(seconds).toBeLessThan(10); // generous: the point is that it is not quadratic
  });
});

describe("registry/unused-entity", () => {
  it("warns about a registry entity no article lists by name or alias, at its name line", () => {
    const used = entry("person", "Leyla Rzayeva", ["L. Rzayeva"]);
    const unused = entry("person", "Elnur Tapdiqov");
    const baku = entry("place", "Lankaran");
    const input = lintInput(
      [story(), md("b.md", [...base(), "organizations: [Leyla Rzayeva]"], "x")],
      [used, unused, baku],
    );
    const warnings = unusedRegistryEntities(input);
    expect(warnings).toEqual([
      expect.objectContaining({
        rule: "registry/unused-entity",
        file: unused.entry.file,
        line: 2,
        message:
          'no article lists "Elnur Tapdiqov" in "people"; expected at least one article about this person',
      }),
    ]);

    function story() {
      return md("a.md", [...base(), "people: [L. Rzayeva]"], "L. Rzayeva");
    }
  });
});

describe("lintContent", () => {
  /** For every rule, content that triggers it: a rule without one here fails the test below. */
  const triggers: Record<string, () => LintInput> = {
    "article/unknown-key": () => lintInput([md("a.md", [...base(), "summry: x"])]),
    "registry/unknown-key": () => {
      const cfa = entry("organization", "Caspian Ferry Authority");
      cfa.fake.text = "---\nname: Caspian Ferry Authority\nalias: [CFA]\n---\n";
      return lintInput([], [cfa]);
    },
    "article/missing-dateline": () => lintInput([md("a.md", ["title: T", "date: 2024-05-01", "summary: S"])]),
    "article/missing-summary": () =>
      lintInput([md("a.md", ["title: T", "date: 2024-05-01", "dateline: QUBA, Azerbaijan"])]),
    "article/long-headline": () => lintInput([md("a.md", base("A fictional ferry ".repeat(8).trim()))]),
    "article/entity-not-in-body": () =>
      lintInput([md("a.md", [...base(), "people: [Nurlan Aghayev]"], "Nobody is named.")]),
    "entity/probable-variant": () =>
      lintInput([
        md("a.md", [...base(), "people: [Jeyhun Bayramov]"], "Jeyhun Bayramov."),
        md("b.md", [...base(), "people: [Jeyhun Bayramov]"], "Jeyhun Bayramov."),
        md("c.md", [...base(), "people: [Jeyhun Bayramow]"], "Jeyhun Bayramow."),
      ]),
    "registry/unused-entity": () => lintInput([], [entry("person", "Farida Mammadzade")]),
    "html/removed": () => lintInput([md("a.md", base(), 'Text <img src="/a.png" onerror="alert(1)">')]),
    "article/vanished-url": () => ({
      ...lintInput([md("a.md", base())]),
      published: { manifestFile: "_site/.dateline-manifest.json", pages: [{ url: "/2023/01/01/old/" }] },
    }),
    "author/unknown-key": () => {
      const document = parseDocument(
        "authors/ada-fictional.md",
        "---\nname: Ada Fictional\nbios: x\n---\n",
      ).document;
      if (!document) throw new Error("the test author file does not parse");
      return { ...lintInput([]), authorDocuments: [document] };
    },
  };

  it.each(LINT_RULES.map((r) => [r.id, r] as const))(
    "runs %s, whose warnings carry its id from the table",
    (id, rule) => {
      const trigger = triggers[id];
      expect(trigger, `no trigger for ${id}`).toBeDefined();
      const warnings = rule.run((trigger as () => LintInput)());
      expect(warnings.length).toBeGreaterThan(0);
      expect(new Set(warnings.map((w) => w.rule))).toEqual(new Set([id]));
      expect(warnings.every((w) => w.severity === "warning")).toBe(true);
    },
  );

  it("has a rule for every trigger", () => {
    expect(LINT_RULES.map((r) => r.id).sort()).toEqual(Object.keys(triggers).sort());
  });

  it("runs every rule over the content", () => {
    const input = lintInput([md("a.md", ["title: T", "date: 2024-05-01", "summry: x"])]);
    expect(
      lintContent(input)
        .map((d) => d.rule)
        .sort(),
    ).toEqual(["article/missing-dateline", "article/missing-summary", "article/unknown-key"]);
    expect(lintContent(input).every((d) => d.severity === "warning")).toBe(true);
  });
});
