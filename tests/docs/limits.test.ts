import { describe, expect, it } from "vitest";
import * as limits from "../../src/content/limits.ts";
import { readDocument, tableRows } from "./markdown.ts";

const REFERENCE = "docs/reference.md";

/** The rows of the table under `## Limits` in the reference: limit, value, constant, what going over does. */
function limitRows(): { line: number; cells: string[] }[] {
  const text = readDocument(REFERENCE);
  const start = text.indexOf("\n## Limits\n");
  const end = text.indexOf("\n## ", start + 1);
  const offset = text.slice(0, start).split("\n").length;
  const section = text.slice(start, end === -1 ? text.length : end);
  return tableRows(section)
    .filter((row) => /^`[A-Z_]+`$/.test(row.cells[2] ?? ""))
    .map((row) => ({ ...row, line: row.line + offset - 1 }));
}

describe("the limits table of docs/reference.md", () => {
  const constants = Object.entries(limits).filter(
    (entry): entry is [string, number] => typeof entry[1] === "number",
  );
  const rows = limitRows();

  it("finds the constants and the table (the check itself works)", () => {
    expect(constants.length).toBeGreaterThan(5);
    expect(rows.length).toBeGreaterThan(5);
  });

  it("has a row for every constant of src/content/limits.ts, with its value", () => {
    const wrong = constants.flatMap(([name, value]) => {
      const row = rows.find((r) => r.cells[2] === `\`${name}\``);
      if (!row) return [`${name} (${value}): no row names it`];
      const shown = value.toLocaleString("en");
      return (row.cells[1] ?? "").includes(shown)
        ? []
        : [`${name} (${value}): ${REFERENCE}:${row.line} gives "${row.cells[1]}", expected ${shown}`];
    });
    expect(wrong, "add or correct the row in the Limits table").toEqual([]);
  });

  it("names no constant that src/content/limits.ts does not have", () => {
    const known = new Set(constants.map(([name]) => `\`${name}\``));
    const stale = rows
      .filter((r) => !known.has(r.cells[2] ?? ""))
      .map((r) => `${r.cells[2]} (line ${r.line})`);
    expect(stale).toEqual([]);
  });
});
