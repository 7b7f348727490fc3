import { describe, expect, it } from "vitest";
import { normalizeText, parseDocument } from "../../src/content/frontmatter.ts";

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
