import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/content/frontmatter.ts";

const parse = (raw: string) => {
  const { document, diagnostics } = parseDocument("a.md", raw);
  expect(diagnostics).toEqual([]);
  if (!document) throw new Error("no document");
  return document;
};

describe("positionOf", () => {
  it("finds each item of an indented block list on its own line, at its value", () => {
    const doc = parse("---\ntitle: T\npeople:\n  - Aydan Quliyeva\n  - Rauf Mammadli\n---\n");
    expect(doc.positionOf(["people"])).toEqual({ line: 3, column: 1 });
    expect(doc.positionOf(["people", 0])).toEqual({ line: 4, column: 5 });
    expect(doc.positionOf(["people", 1])).toEqual({ line: 5, column: 5 });
  });

  it("finds the items of an unindented block list", () => {
    const doc = parse("---\npeople:\n- A\n- B\ntitle: T\n---\n");
    expect(doc.positionOf(["people", 0])).toEqual({ line: 3, column: 3 });
    expect(doc.positionOf(["people", 1])).toEqual({ line: 4, column: 3 });
    expect(doc.positionOf(["title"])).toEqual({ line: 5, column: 1 });
  });

  it("finds the items of a flow list, on the key's line or across lines", () => {
    const doc = parse("---\npeople: [A, Bea Ctor]\nplaces: [\n  Lakeside,\n  Hilltop ]\n---\n");
    expect(doc.positionOf(["people", 0])).toEqual({ line: 2, column: 10 });
    expect(doc.positionOf(["people", 1])).toEqual({ line: 2, column: 13 });
    expect(doc.positionOf(["places", 1])).toEqual({ line: 5, column: 3 });
  });

  it("finds keys and items inside nested mappings and lists of mappings", () => {
    const doc = parse("---\ndateline:\n  city: Lakeside\nsources:\n  - name: Wire\n    url: x\n---\n");
    expect(doc.positionOf(["dateline", "city"])).toEqual({ line: 3, column: 3 });
    expect(doc.positionOf(["sources", 0])).toEqual({ line: 5, column: 5 });
    expect(doc.positionOf(["sources", 0, "url"])).toEqual({ line: 6, column: 5 });
  });

  it("counts lines as an editor does with a byte-order mark and CRLF line endings", () => {
    const doc = parse("\uFEFF---\r\ntitle: T\r\npeople:\r\n- A\r\n- B\r\n---\r\nBody\r\n");
    expect(doc.positionOf(["people", 1])).toEqual({ line: 5, column: 3 });
    expect(doc.keyLines.get("people")).toBe(3);
  });

  it("finds quoted keys and gives nothing for paths that are not in the source", () => {
    const doc = parse('---\n"title": T\npeople: [A]\nsummary: S\n---\n');
    expect(doc.positionOf(["title"])).toEqual({ line: 2, column: 1 });
    expect(doc.positionOf(["people", 1])).toBeUndefined();
    expect(doc.positionOf(["summary", 0])).toBeUndefined();
    expect(doc.positionOf(["nope"])).toBeUndefined();
    expect(doc.positionOf([])).toBeUndefined();
  });

  it("lists every top-level key in keyLines, with the same lines as positionOf", () => {
    const doc = parse("---\ntitle: T\n\n# a comment\ndate: 2024-05-01\npeople:\n- A\n---\n");
    expect(Object.fromEntries(doc.keyLines)).toEqual({ title: 2, date: 5, people: 6 });
    for (const [key, line] of doc.keyLines) expect(doc.positionOf([key])?.line).toBe(line);
  });

  it("does not follow an alias into the list it names", () => {
    const doc = parse("---\npeople: &p\n  - A\nauthors: *p\n---\n");
    expect(doc.data.authors).toEqual(["A"]);
    expect(doc.positionOf(["people", 0])).toEqual({ line: 3, column: 5 });
    expect(doc.positionOf(["authors"])).toEqual({ line: 4, column: 1 });
    expect(doc.positionOf(["authors", 0])).toBeUndefined();
  });

  it("gives a document without frontmatter no positions", () => {
    const doc = parse("Just text.\n");
    expect(doc.positionOf(["title"])).toBeUndefined();
    expect(doc.keyLines.size).toBe(0);
  });
});
