import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/core/diagnostics.ts";
import { formatReport, formatReportJson } from "../../src/core/report.ts";

const problems = [
  diagnostic("error", "article/invalid-date", "b.md", 4, '"date": bad', { field: "date" }),
  diagnostic("warning", "article/missing-summary", "a.md", 1, "no summary"),
  diagnostic("error", "article/missing-title", "b.md", 1, 'missing required field "title"', {
    hint: "add a title",
  }),
];

describe("formatReport", () => {
  it("prints one line per problem, grouped by file and sorted by line, with a count", () => {
    expect(formatReport(problems).split("\n")).toEqual([
      "a.md:1:1  warning  no summary  [article/missing-summary]",
      "",
      'b.md:1:1  error  missing required field "title"  [article/missing-title]',
      "    hint: add a title",
      'b.md:4:1  error  "date": bad  [article/invalid-date]',
      "",
      "2 errors, 1 warning in 2 files",
    ]);
  });

  it("prints nothing when there is nothing to report", () => {
    expect(formatReport([])).toBe("");
  });

  it("has a JSON form with counts", () => {
    const json = JSON.parse(formatReportJson(problems));
    expect(json.errors).toBe(2);
    expect(json.warnings).toBe(1);
    expect(json.diagnostics[0]).toMatchObject({ file: "a.md", line: 1, rule: "article/missing-summary" });
  });
});
