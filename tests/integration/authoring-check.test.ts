import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import { loadContent } from "../../src/content/content.ts";
import { fixtureDir, ROOT } from "../helpers/build-fixture.ts";
import { type CommandResult, runCommand } from "../helpers/cli.ts";

function check(...args: string[]): Promise<CommandResult> {
  return runCommand("check", args);
}

const W = "tests/fixtures/check-warnings";

describe("npm run check", () => {
  it("prints every warning in the build's format, grouped by file with a count, and exits 0", async () => {
    const r = await check("--content", W);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const expected = [
      `${W}/articles/2024/05/unknown-key.md:6:1  warning  unknown frontmatter key "organisations" is ignored; expected "organizations"  [article/unknown-key]`,
      `${W}/organizations/caspian-ferry-authority.md:3:1  warning  unknown registry key "alias" is ignored; expected "aliases"  [registry/unknown-key]`,
      `${W}/articles/2024/05/variant-spelling.md:7:5  warning  "Farida Mammadzada" in "people" is probably a variant of "Farida Mammadzade" (one letter apart; in 3 articles); expected one spelling per person  [entity/probable-variant]`,
      `${W}/articles/2024/05/case-variant.md:6:10  warning  "farida mammadzade" differs from "Farida Mammadzade" only in letter case; expected "Farida Mammadzade" (the spelling in 2 other articles)  [entity/probable-variant]`,
      `${W}/articles/2024/05/not-in-body.md:8:5  warning  "Nurlan Aghayev" is listed in "people" but the body never names it; expected the name in the text  [article/entity-not-in-body]`,
      `${W}/articles/2024/05/no-dateline-or-summary.md:1:1  warning  no "dateline"; expected where the story was filed, e.g. "BAKU, Azerbaijan"  [article/missing-dateline]`,
      `${W}/articles/2024/05/no-dateline-or-summary.md:1:1  warning  no "summary"; expected one or two sentences for listings, feeds and search results  [article/missing-summary]`,
      `${W}/articles/2024/05/long-headline.md:2:1  warning  the headline is 122 characters long; expected at most 110  [article/long-headline]`,
      `${W}/people/elnur-tapdiqov.md:2:1  warning  no article lists "Elnur Tapdiqov" in "people"; expected at least one article about this person  [registry/unused-entity]`,
    ];
    for (const line of expected) expect(lines).toContain(line);
    expect(lines.filter((l) => l.includes("  warning  "))).toHaveLength(expected.length);
    expect(lines).toContain("0 errors, 9 warnings in 8 files");
    // Grouped by file: a blank line between files.
    const i = lines.indexOf(expected[5] ?? "");
    expect(lines[i + 1]).toBe(expected[6]);
  });

  it("exits 1 on any error, and explains a missing field with the misspelled key", async () => {
    const r = await check("--content", "tests/fixtures/check-errors");
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")).toEqual([
      'tests/fixtures/check-errors/articles/misspelled-title.md:1:1  error  missing required field "title"  [article/missing-title]',
      'tests/fixtures/check-errors/articles/misspelled-title.md:2:1  warning  unknown frontmatter key "titel" is ignored; expected "title"  [article/unknown-key]',
      '    hint: rename "titel" to "title"',
      "",
      "1 error, 1 warning in 1 file",
      "",
    ]);
  });

  it("prints the same report as JSON with --format json", async () => {
    const r = await check("--content", W, "--format", "json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { errors: number; warnings: number; diagnostics: unknown[] };
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(9);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        file: `${W}/articles/2024/05/unknown-key.md`,
        line: 6,
        column: 1,
        severity: "warning",
        rule: "article/unknown-key",
        field: "organisations",
      }),
    );
    const errors = JSON.parse(
      (await check("--content", "tests/fixtures/check-errors", "--format", "json")).stdout,
    );
    expect(errors.errors).toBe(1);
  });

  it("says so when there is nothing to report", async () => {
    const r = await check("--content", "tests/fixtures/check-clean");
    expect(r).toMatchObject({ code: 0, stdout: "No problems in 1 article and 0 registry files.\n" });
  });

  it("rejects unknown options, bad values and arguments with a one-line error and exit code 2", async () => {
    for (const args of [["--bogus"], ["--format", "xml"], ["stray"], ["--content"]]) {
      const r = await check(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).toMatch(/^error: .*\(see --help\)\n$/);
    }
  });

  it("has --help", async () => {
    const r = await check("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: npm run check");
    expect(r.stdout).toContain("--format");
  });
});

describe("checkContent", () => {
  it("reports exactly the errors the build reports, drafts included", async () => {
    const errors = (list: { severity: string }[]) => list.filter((d) => d.severity === "error");
    for (const name of ["broken", "registry-broken", "newsroom", "registry"]) {
      const dir = fixtureDir(name);
      const checked = await checkContent(dir);
      // The build fails on exactly the errors of the content stage it shares with check.
      const staged = await loadContent({ contentDir: dir, preview: true });
      expect(errors(checked.diagnostics), name).toEqual(errors(staged.diagnostics));
    }
    expect(errors((await checkContent(fixtureDir("newsroom"))).diagnostics)).toEqual([]);
    const broken = await checkContent(fixtureDir("broken"));
    expect(broken.diagnostics.map((d) => d.rule)).toEqual(
      expect.arrayContaining(["article/duplicate-url", "entity/slug-collision", "frontmatter/yaml-syntax"]),
    );
  });

  it("reports a missing site.json as the build does", async () => {
    const r = await checkContent(path.join(ROOT, "tests/fixtures/does-not-exist"));
    expect(r.diagnostics.map((d) => d.rule)).toEqual(["settings/missing-file"]);
  });
});
