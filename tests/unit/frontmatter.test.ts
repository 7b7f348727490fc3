import { describe, expect, it } from "vitest";
import { normalizeText, parseDocument } from "../../src/content/frontmatter.ts";
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_PROBLEMS } from "../../src/content/limits.ts";

describe("parseDocument", () => {
  it("keeps dates as the strings the editor wrote", () => {
    const { document } = parseDocument("a.md", "---\ntitle: T\ndate: 2022-12-15\n---\nBody\n");
    expect(document?.data).toEqual({ title: "T", date: "2022-12-15" });
    expect(document?.body).toBe("Body\n");
  });

  it("records the 1-based line of each top-level key", () => {
    const { document } = parseDocument("a.md", "---\ntitle: T\n\ndate: 2022-12-15\npeople:\n  - A\n---\n");
    expect(Object.fromEntries(document?.keyLines ?? [])).toEqual({ title: 2, date: 4, people: 5 });
  });

  it("accepts a UTF-8 byte-order mark and CRLF line endings", () => {
    const { document, diagnostics } = parseDocument(
      "a.md",
      "\uFEFF---\r\ntitle: T\r\ndate: 2022-12-15\r\n---\r\nBody\r\n",
    );
    expect(diagnostics).toEqual([]);
    expect(document?.data).toEqual({ title: "T", date: "2022-12-15" });
    expect(document?.keyLines.get("date")).toBe(3);
    expect(document?.body).toBe("Body\n");
  });

  it("reports a YAML syntax error at its line and column in the file", () => {
    const raw = "---\ntitle: T\ndate: 2022-12-15\npeople: [A, B\nsummary: x\n---\n";
    const { document, diagnostics } = parseDocument("bad.md", raw);
    expect(document).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      file: "bad.md",
      line: 5,
      column: 1,
      rule: "frontmatter/yaml-syntax",
      severity: "error",
    });
  });

  it("counts the byte-order mark and CRLF correctly for YAML error lines", () => {
    const raw = "\uFEFF---\r\ntitle: T\r\ntitle: again\r\n---\r\n";
    const { diagnostics } = parseDocument("dup.md", raw);
    expect(diagnostics[0]).toMatchObject({ line: 3, rule: "frontmatter/yaml-syntax" });
  });

  it("reports an empty file", () => {
    expect(parseDocument("e.md", "").diagnostics[0]).toMatchObject({
      file: "e.md",
      line: 1,
      rule: "file/empty",
    });
    expect(parseDocument("e.md", "\uFEFF \n\r\n").diagnostics[0]?.rule).toBe("file/empty");
  });

  it("reports frontmatter that is not a mapping", () => {
    expect(parseDocument("l.md", "---\n- a\n- b\n---\n").diagnostics[0]?.rule).toBe(
      "frontmatter/not-a-mapping",
    );
  });

  it("treats a file without frontmatter as a body with no fields", () => {
    const { document } = parseDocument("n.md", "Just text.\n");
    expect(document?.hasFrontmatter).toBe(false);
    expect(document?.data).toEqual({});
  });
});

describe("parseDocument on hostile YAML", () => {
  it("reports every duplicate key, nested ones too, at the repeated key", () => {
    const { document, diagnostics } = parseDocument(
      "d.md",
      "---\ntitle: T\ndateline:\n  city: A\n  city: B\ntitle: U\n---\n",
    );
    expect(document).toBeUndefined();
    expect(diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([
      ["frontmatter/yaml-syntax", 5, 3],
      ["frontmatter/yaml-syntax", 6, 1],
    ]);
    expect(diagnostics[1]?.message).toContain('"title" appears again (first at line 2)');
  });

  it("refuses a YAML bomb before expanding it", () => {
    // Few aliases, but each expands the one before: 2 × 3 × 7 values.
    const small = "---\na: &a [x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b]\n---\n";
    expect(parseDocument("small.md", small).diagnostics).toEqual([
      expect.objectContaining({ line: 3, column: 8, rule: "frontmatter/too-many-aliases" }),
    ]);
    const bomb = [
      "---",
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "---",
    ].join("\n");
    const { document, diagnostics } = parseDocument("bomb.md", bomb);
    expect(document).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: "bomb.md", line: 5, column: 16, rule: "frontmatter/too-many-aliases" }),
    ]);
  });

  it("refuses more aliases than the limit, at the first one past it", () => {
    const lines = Array.from({ length: MAX_YAML_ALIASES + 1 }, (_, i) => `k${i}: *a`);
    const { diagnostics } = parseDocument("many.md", `---\nv: &a x\n${lines.join("\n")}\n---\n`);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: MAX_YAML_ALIASES + 3,
        column: 6,
        rule: "frontmatter/too-many-aliases",
      }),
    ]);
    // A few aliases are fine.
    expect(parseDocument("few.md", "---\nv: &a x\nw: *a\n---\n").document?.data).toEqual({ v: "x", w: "x" });
  });

  it.each([
    ["a list", "a: &a [x, *a]", 2, 11],
    ["a mapping", "a: &a\n  b: *a", 3, 6],
  ])(
    "refuses an alias inside the value it names (%s), which would make endless data",
    (_, yaml, line, column) => {
      const { document, diagnostics } = parseDocument("loop.md", `---\n${yaml}\n---\n`);
      expect(document).toBeUndefined();
      expect(diagnostics).toEqual([
        expect.objectContaining({ line, column, rule: "frontmatter/recursive-alias" }),
      ]);
    },
  );

  it.each([
    ["flow lists", `a: ${"[".repeat(100_000)}`, 2],
    ["flow mappings", `a: ${"{".repeat(100_000)}`, 2],
    ["compact lists", "- ".repeat(100_000), 2],
    [
      "indented mappings",
      Array.from({ length: 60 }, (_, i) => `${" ".repeat(i)}a:`).join("\n"),
      MAX_YAML_DEPTH + 1,
    ],
  ])("refuses %s nested deeper than the limit, where it gets too deep", (_, yaml, line) => {
    const { document, diagnostics } = parseDocument("deep.md", `---\n${yaml}\n---\n`);
    expect(document).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ line, rule: "frontmatter/too-deep" })]);
  });

  it("accepts nesting within the limit", () => {
    const yaml = Array.from({ length: 10 }, (_, i) => `${" ".repeat(i)}a:`).join("\n");
    expect(parseDocument("ok.md", `---\n${yaml} x\n---\n`).diagnostics).toEqual([]);
  });

  it("never lets __proto__ or constructor keys change a prototype", () => {
    const { document, diagnostics } = parseDocument(
      "proto.md",
      "---\n__proto__: {x: 1}\nconstructor: {prototype: {y: 2}}\nnested:\n  __proto__: {z: 3}\n---\n",
    );
    expect(diagnostics).toEqual([]);
    const probe: Record<string, unknown> = {};
    expect(probe.x).toBeUndefined();
    expect(probe.y).toBeUndefined();
    expect(probe.z).toBeUndefined();
    expect(Object.getPrototypeOf(document?.data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(document?.data)).toEqual(["__proto__", "constructor", "nested"]);
    expect(Object.getPrototypeOf(document?.data.nested)).toBe(Object.prototype);
  });

  it("refuses tags instead of resolving them (dates stay strings)", () => {
    const { diagnostics } = parseDocument("tag.md", "---\ndate: !!timestamp 2022-02-30\n---\n");
    expect(diagnostics).toEqual([expect.objectContaining({ line: 2, rule: "frontmatter/yaml-syntax" })]);
  });

  it("refuses a second YAML document in the block", () => {
    const { diagnostics } = parseDocument("two.md", "---\ntitle: T\n...\ndate: x\n---\n");
    expect(diagnostics).toEqual([expect.objectContaining({ line: 4, rule: "frontmatter/yaml-syntax" })]);
  });

  it("reports an unclosed quote where the block ends, and caps a flood of errors", () => {
    // A quoted value may span lines, so the quote is found missing at the end of the block.
    const { diagnostics } = parseDocument("q.md", '---\ntitle: "Unclosed\ndate: 2024-05-01\n---\n');
    expect(diagnostics[0]).toMatchObject({ line: 3, column: 17, rule: "frontmatter/yaml-syntax" });
    const flood = parseDocument("f.md", `---\n${'"'.repeat(10_000)}\n---\n`).diagnostics;
    expect(flood).toHaveLength(MAX_YAML_PROBLEMS);
    expect(flood[0]).toMatchObject({ line: 2, rule: "frontmatter/yaml-syntax" });
  });

  it("reads a fence line with nothing after it", () => {
    expect(parseDocument("f.md", "---yaml").document?.data).toEqual({});
    expect(parseDocument("f.md", "---").document?.data).toEqual({});
    expect(parseDocument("f.md", "---\ntitle: T").document?.data).toEqual({ title: "T" });
  });

  it("reads a comment-only or empty block as no fields", () => {
    expect(parseDocument("c.md", "---\n# only a note\n  # another\n---\nBody\n").document).toMatchObject({
      data: {},
      body: "Body\n",
      hasFrontmatter: true,
    });
    expect(parseDocument("c.md", "---\n---\nBody\n").document?.body).toBe("Body\n");
  });

  it("reports frontmatter that is not a mapping at its first value", () => {
    expect(parseDocument("l.md", "---\n\n\n- a\n---\n").diagnostics[0]).toMatchObject({
      line: 4,
      rule: "frontmatter/not-a-mapping",
    });
  });
});

describe("parseDocument stays linear", () => {
  // gray-matter strips comments with /^\s*#[^\n]+/gm, quadratic on blank lines: 200,000 took about 20 s.
  it("reads a block with 200,000 blank lines before a key", { timeout: 10_000 }, () => {
    const raw = `---\n${"\n".repeat(200_000)}title: T\n---\nBody\n`;
    const { document } = parseDocument("blank.md", raw);
    expect(document?.keyLines.get("title")).toBe(200_002);
    expect(document?.body).toBe("Body\n");
  });

  it("reads a block with 100,000 whitespace-only lines", { timeout: 10_000 }, () => {
    const { document } = parseDocument("ws.md", `---\n${" \n".repeat(100_000)}---\nBody\n`);
    expect(document?.data).toEqual({});
    expect(document?.body).toBe("Body\n");
  });
});

describe("normalizeText", () => {
  it("removes a BOM and normalizes line endings", () => {
    expect(normalizeText("\uFEFFa\r\nb\rc\n")).toBe("a\nb\nc\n");
  });
});

describe("frontmatter languages", () => {
  // gray-matter's default engines include one that evals a `---js` block; none of them may ever run.
  const payload = (fence: string) =>
    `---${fence}\n{ title: (globalThis.__datelineRan = true, "T"), date: "2022-12-15" }\n---\nBody\n`;

  it.each(["js", "javascript", "JS", " js ", "json", "coffee", "cson", "toml", "constructor", "__proto__"])(
    "refuses the fence language %j with a diagnostic at line 1 and runs nothing",
    (fence) => {
      const g = globalThis as { __datelineRan?: boolean };
      delete g.__datelineRan;
      const { document, diagnostics } = parseDocument("evil.md", payload(fence));
      expect(g.__datelineRan).toBeUndefined();
      expect(document).toBeUndefined();
      expect(diagnostics).toEqual([
        expect.objectContaining({
          file: "evil.md",
          line: 1,
          rule: "frontmatter/unsupported-language",
          severity: "error",
        }),
      ]);
    },
  );

  it.each(["yaml", "yml", "YAML"])("reads a fence that names YAML (%s)", (fence) => {
    const { document, diagnostics } = parseDocument("a.md", `---${fence}\ntitle: T\n---\nBody\n`);
    expect(diagnostics).toEqual([]);
    expect(document?.data).toEqual({ title: "T" });
  });
});
