import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../src/content/encoding.ts";
import { type ParsedDocument, parseDocument } from "../../src/content/frontmatter.ts";
import type { Diagnostic } from "../../src/core/types.ts";
import { prng } from "../helpers/fuzz.ts";

/**
 * Pathological content for the scanners: each input must give a document or diagnostics (never throw)
 * within the test's budget. The work is linear, so each of these takes well under a second; a quadratic
 * scanner takes minutes on the same input (the first payload took about 45 s with the old key-line regex).
 */
const BUDGET = { timeout: 10_000 };
const SIZE = 256 * 1024;

const times = (unit: string, length = SIZE) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

function expectWellFormed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.file).toBe("fuzz.md");
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.rule).toMatch(/^(file|frontmatter)\/[a-z0-9-]+$/);
    expect(d.message.length).toBeLessThan(400);
  }
}

/** Asks the position finder about every top-level key and the first and last item of each list. */
function probePositions(document: ParsedDocument): void {
  for (const [key, line] of document.keyLines) {
    expect(document.positionOf([key])?.line).toBe(line);
    const value = document.data[key];
    if (Array.isArray(value) && value.length > 0) {
      expect(document.positionOf([key, 0])?.line).toBeGreaterThanOrEqual(line);
      expect(document.positionOf([key, value.length - 1])?.line).toBeGreaterThanOrEqual(line);
    }
  }
}

function check(raw: string): ReturnType<typeof parseDocument> {
  const result = parseDocument("fuzz.md", raw);
  expect(result.document === undefined).toBe(result.diagnostics.length > 0);
  expectWellFormed(result.diagnostics);
  if (result.document) probePositions(result.document);
  return result;
}

const frontmatter = (yaml: string) => `---\ntitle: Fuzz\n${yaml}\n---\nBody\n`;

describe("content scanners on pathological input", () => {
  it("reads a long run of spaces inside a quoted value (hung the key-line regex)", BUDGET, () => {
    // The payload that hung before: a quoted value continued on a line of text and spaces. YAML wants the
    // continuation indented, so this one is an error, reported where the quote should have closed.
    const hung = check(`---\ntitle: "x\ny${" ".repeat(SIZE)}z"\ndate: 2024-05-01\n---\nBody\n`);
    expect(hung.diagnostics[0]).toMatchObject({ line: 2, rule: "frontmatter/yaml-syntax" });
    // Indented, it is a valid two-line title.
    const { document } = check(`---\ntitle: "x\n  y${" ".repeat(SIZE)}z"\ndate: 2024-05-01\n---\nBody\n`);
    expect(document?.data.title).toBe(`x y${" ".repeat(SIZE)}z`);
    expect(document?.keyLines.get("date")).toBe(4);
  });

  it.each<[string, string]>([
    ["spaces inside double quotes", `summary: "${times(" ")}"`],
    ["spaces inside single quotes", `summary: '${times(" ")}'`],
    ["spaces then text, unquoted", `summary: a${times(" ")}b`],
    ["thousands of block items", `people:\n${times("- Aydan Quliyeva\n", SIZE / 2)}`],
    ["thousands of unindented items", `people:\n${times("- A\n", SIZE / 2)}`],
    ["thousands of flow items", `people: [${times("A, ", SIZE / 2)}B]`],
    ["deep flow lists", times("[")],
    ["deep flow mappings", times("{")],
    ["deep compact lists", times("- ")],
    ["balanced deep nesting", `${"[".repeat(SIZE / 2)}${"]".repeat(SIZE / 2)}`],
    ["a run of #", times("#")],
    ["a run of :", times(":")],
    ["a run of ': '", times(": ")],
    ["a run of '", times("'")],
    ['a run of "', times('"')],
    ["alternating quotes", times(`'"`)],
    ["a run of newlines", times("\n")],
    ["a run of whitespace-only lines", times(" \t \n")],
    ["a run of comment lines", times("# note\n")],
    ["a run of backslashes in quotes", `summary: "${times("\\")}"`],
    ["a run of ? keys", times("? ")],
    ["a run of tabs", times("\t")],
    ["a run of dashes", times("-")],
    ["fence-like lines", times("--- \n")],
    ["many keys", Array.from({ length: SIZE / 16 }, (_, i) => `key${i}: value`).join("\n")],
    ["many repeated keys", times("k: v\n")],
    ["many anchors", Array.from({ length: SIZE / 16 }, (_, i) => `k${i}: &a${i} v`).join("\n")],
    ["many aliases", `v: &a x\nlist: [${times("*a, ", SIZE / 2)}*a]`],
    [
      "an alias to each anchor",
      Array.from({ length: SIZE / 24 }, (_, i) => `k${i}: &a${i} v\nr${i}: *a${i}`).join("\n"),
    ],
    ["a long key", `${times("k")}: v`],
    ["a long plain scalar over many lines", `summary: ${times("word\n  ")}`],
    ["a long block scalar", `summary: |\n${times("  line of text\n")}`],
    ["staircase indentation", Array.from({ length: 700 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")],
    ["unclosed flow collections", times("[a, {b: ")],
    ["directives and document markers", times("%YAML 1.2\n...\n")],
    ["tags", times("!t ")],
  ])("reads %s", BUDGET, (_, yaml) => {
    check(frontmatter(yaml));
  });

  it("reads a body of pathological text after the frontmatter", BUDGET, () => {
    for (const unit of [" ", "\n", "#", "---\n", "- ", "\r", "\r\n"])
      check(`---\ntitle: T\n---\n${times(unit)}`);
  });

  it("reads a whole file of one character, without a fence", BUDGET, () => {
    for (const unit of [" ", "\n", "-", "#", "'", '"', "[", "{"]) check(times(unit));
  });

  it("reads random bytes (seeded), however they decode", BUDGET, () => {
    const random = prng(9);
    for (let round = 0; round < 8; round++) {
      const bytes = Uint8Array.from({ length: SIZE / 4 }, () => Math.floor(random() * 256));
      const decoded = decodeUtf8("fuzz.md", bytes);
      expectWellFormed(decoded.diagnostics);
      check(new TextDecoder("latin1").decode(bytes));
      check(`---\n${new TextDecoder("utf-8").decode(bytes)}\n---\n`);
    }
  });

  it("reads random YAML-ish text (seeded): the characters YAML gives meaning to", BUDGET, () => {
    const random = prng(10);
    const alphabet = [..."-?:,[]{}#&*!|>'\"%@` \t\n\r\\", "---", "...", "a", "b: ", "- ", "  ", "<<: "];
    for (let round = 0; round < 20; round++) {
      const pieces = Array.from({ length: 4000 }, () => alphabet[Math.floor(random() * alphabet.length)]);
      check(frontmatter(pieces.join("")));
    }
  });

  it("reads 1,000 seeded mutations of a valid article", BUDGET, () => {
    const valid = frontmatter(
      'date: 2024-05-01\npeople:\n  - Aydan Quliyeva\n  - "Rauf: Mammadli"\nplaces: [Lakeside, Hilltop]\nsummary: >\n  Two lines\n  of text.',
    );
    const random = prng(11);
    const inserts = [
      "\n",
      " ",
      "-",
      ":",
      "'",
      '"',
      "[",
      "]",
      "{",
      "}",
      "#",
      "&a",
      "*a",
      "!",
      "|",
      "\t",
      "---",
      "\uFEFF",
    ];
    let documents = 0;
    for (let round = 0; round < 1000; round++) {
      let text = valid;
      for (let edit = 0; edit < 3; edit++) {
        const at = Math.floor(random() * text.length);
        const piece = inserts[Math.floor(random() * inserts.length)] as string;
        text =
          random() < 0.5
            ? text.slice(0, at) + piece + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1);
      }
      if (check(text).document) documents++;
    }
    // Most small edits leave a readable document; the rest are reported.
    expect(documents).toBeGreaterThan(100);
  });
});
