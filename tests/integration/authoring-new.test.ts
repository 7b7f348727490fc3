import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import { fixtureDir, ROOT } from "../helpers/build-fixture.ts";
import { type CommandResult, runCommand } from "../helpers/cli.ts";

function newArticle(...args: string[]): Promise<CommandResult> {
  return runCommand("new", args);
}

/** A content folder with only the fixture newsroom's site.json (time zone Asia/Baku). */
async function emptySite(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "dateline-new-")), "content");
  await mkdir(dir);
  await copyFile(path.join(fixtureDir("newsroom"), "site.json"), path.join(dir, "site.json"));
  return dir;
}

describe("npm run new", () => {
  it("creates articles/YYYY/MM/<slug>.md with valid frontmatter and prints its path", async () => {
    const content = await emptySite();
    const r = await newArticle(
      "Harbour reopens: after the storm",
      "--dateline",
      "LANKARAN, Azerbaijan",
      "--person",
      "Aynur Qasımova",
      "--person",
      "Tural Nasirli",
      "--organization",
      "Caspian Ferry Authority",
      "--place",
      "Nowhere Bay",
      "--date",
      "2024-02-29T23:30:00Z",
      "--content",
      content,
    );
    expect(r.code).toBe(0);
    const file = path.join(content, "articles/2024/03/harbour-reopens-after-the-storm.md");
    expect(path.resolve(ROOT, r.stdout.trim())).toBe(file);
    expect(await readFile(file, "utf8")).toBe(
      [
        "---",
        "title: 'Harbour reopens: after the storm'",
        "date: 2024-03-01T03:30:00+04:00",
        "dateline: LANKARAN, Azerbaijan",
        "summary:",
        "people:",
        "  - Aynur Qasımova",
        "  - Tural Nasirli",
        "organizations:",
        "  - Caspian Ferry Authority",
        "places:",
        "  - Nowhere Bay",
        "---",
        "",
        "<!-- Write the story here. Do not repeat the dateline: the page shows it. -->",
        "",
      ].join("\n"),
    );
    const checked = await checkContent(content);
    expect(checked.articles).toBe(1);
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(await readdir(path.dirname(file))).toEqual(["harbour-reopens-after-the-storm.md"]);
  });

  it("dates the article now, in the site's time zone, with its offset", async () => {
    const content = await emptySite();
    const before = DateTime.now();
    const r = await newArticle("Quiet day at the port", "--content", content);
    expect(r.code).toBe(0);
    const text = await readFile(path.resolve(ROOT, r.stdout.trim()), "utf8");
    const date = /^date: (.+)$/m.exec(text)?.[1] ?? "";
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+04:00$/);
    const written = DateTime.fromISO(date);
    expect(written.toMillis()).toBeGreaterThanOrEqual(before.startOf("second").toMillis());
    expect(written.toMillis()).toBeLessThanOrEqual(DateTime.now().toMillis());
    const local = written.setZone("Asia/Baku");
    expect(r.stdout.trim()).toContain(`/articles/${local.toFormat("yyyy/LL")}/quiet-day-at-the-port.md`);
  });

  it("never overwrites an existing article", async () => {
    const content = await emptySite();
    const args = ["Ferry timetable", "--date", "2024-05-01T10:00:00+04:00", "--content", content];
    const first = await newArticle(...args);
    expect(first.code).toBe(0);
    const file = path.resolve(ROOT, first.stdout.trim());
    await writeFile(file, "the editor's work\n");
    const second = await newArticle(...args);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe("");
    expect(second.stderr).toMatch(
      /^error: .*articles\/2024\/05\/ferry-timetable\.md already exists; nothing was written/,
    );
    expect(await readFile(file, "utf8")).toBe("the editor's work\n");
    expect(await readdir(path.dirname(file))).toEqual(["ferry-timetable.md"]);
  });

  it("rejects unknown options and bad arguments with a one-line error and exit code 2, writing nothing", async () => {
    const content = await emptySite();
    const cases = [
      [],
      ["--bogus", "Headline"],
      ["Two", "headlines"],
      ["   "],
      ["!!!"],
      ["Headline", "--date", "2022-02-30"],
      ["Headline", "--date", "yesterday"],
      ["Headline", "--person", ""],
      ["Headline", "--dateline"],
    ];
    for (const args of cases) {
      const r = await newArticle("--content", content, ...args);
      expect(r.code, JSON.stringify(args)).toBe(2);
      expect(r.stderr, JSON.stringify(args)).toMatch(/^error: [^\n]*\(see --help\)\n$/);
    }
    expect(await readdir(content)).toEqual(["site.json"]);
  });

  it("reports a missing site.json as the build does", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dateline-new-"));
    const r = await newArticle("Headline", "--content", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("site.json:1:1  error  site settings file not found  [settings/missing-file]");
    expect(await readdir(dir)).toEqual([]);
  });

  it("has --help", async () => {
    const r = await newArticle("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run new -- "Headline"');
  });
});
