import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import { buildInto, fixtureDir } from "../helpers/build-fixture.ts";
import { type CommandResult, runCommand } from "../helpers/cli.ts";

const SEED = "tests/fixtures/wire/trend-2022-12-15-bayramov-omuraliev.txt";

function importWire(...args: string[]): Promise<CommandResult> {
  return runCommand("import", args);
}

/** A fresh copy of the wire fixture's content folder (site.json and a small registry). */
async function contentCopy(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "dateline-import-")), "content");
  await cp(fixtureDir("wire/content"), dir, { recursive: true });
  return dir;
}

async function listArticles(content: string): Promise<string[]> {
  try {
    return (await readdir(path.join(content, "articles"), { recursive: true })).filter((f) =>
      f.endsWith(".md"),
    );
  } catch {
    return [];
  }
}

describe("npm run import", () => {
  it("turns the seed into an article: date, dateline, body without the lead, a proposed headline marked TODO", async () => {
    const content = await contentCopy();
    const r = await importWire(SEED, "--content", content);
    expect(r.code).toBe(0);
    const file = path.join(content, "articles/2022/12/jeyhun-bayramov-met-with-kubanychbek-omuraliev.md");
    const text = await readFile(file, "utf8");
    expect(text.split("\n").slice(0, 7)).toEqual([
      "---",
      "# TODO: rewrite this headline, proposed from the first sentence by npm run import",
      "# (the file name, which gives the URL, was made from it: rename the file to match)",
      "title: Jeyhun Bayramov met with Kubanychbek Omuraliev",
      "date: 2022-12-15",
      "dateline: BAKU, Azerbaijan",
      "summary:",
    ]);
    expect(text).toContain(
      "\n---\n\nMinister of Foreign Affairs of Azerbaijan Jeyhun Bayramov met with Secretary",
    );
    expect(text).toContain(
      "\n\nThe sides also exchanged views on joint events that the city of Shusha will host.\n",
    );
    expect(text).not.toMatch(/BAKU, Azerbaijan, December 15/);

    // The output names the file, flags the headline, and lists each suggestion with where it was found.
    const out = r.stdout.split("\n");
    expect(out[0]).toMatch(
      /trend-2022-12-15-bayramov-omuraliev\.txt → .*jeyhun-bayramov-met-with-kubanychbek-omuraliev\.md$/,
    );
    expect(r.stdout).toContain("PROPOSED from the first sentence: rewrite it");
    const line = (name: string) => out.find((l) => l.includes(`  ${name}  `)) ?? "";
    expect(line("Jeyhun Bayramov")).toMatch(
      /^ {4}person {8}Jeyhun Bayramov +pattern "Minister … X Y" \(¶1 s1, ¶2 s1\)$/,
    );
    expect(line("Kubanychbek Omuraliev")).toMatch(/person .*pattern "Secretary General … X Y" \(¶1 s1\)/);
    expect(line("Organization of Turkic States")).toMatch(
      /organization .*pattern "… of the <Organization> \(<ABBR>\)" \(¶1 s1\); compromise #Organization \(¶2 s1, /,
    );
    expect(line("Trend")).toMatch(/organization .*pattern "told <Agency>" \(¶1 s1\)/);
    expect(line("Shusha")).toMatch(/place .*pattern "the city of <Place>" \(¶6 s1, ¶7 s1\)/);
    expect(out).toContainEqual(
      expect.stringMatching(/^ {4}source {8}Trend +the agency the story came from$/),
    );

    // Without --accept the suggestions are comments, and the article passes check with no errors.
    expect(text).toContain("\n#   - Kubanychbek Omuraliev\n");
    expect(text).not.toMatch(/^people:/m);
    const checked = await checkContent(content);
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("writes the suggestions into the frontmatter with --accept, uses --title, and the article builds", async () => {
    const content = await contentCopy();
    const r = await importWire(SEED, "--accept", "--title", "Bayramov meets Omuraliev", "--content", content);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("PROPOSED");
    const text = await readFile(path.join(content, "articles/2022/12/bayramov-meets-omuraliev.md"), "utf8");
    expect(text).not.toContain("TODO");
    expect(text).toContain(
      [
        "title: Bayramov meets Omuraliev",
        "date: 2022-12-15",
        "dateline: BAKU, Azerbaijan",
        "summary:",
        "source: Trend",
        "people:",
        "  - Jeyhun Bayramov",
        "  - Kubanychbek Omuraliev",
        "organizations:",
        "  - Organization of Turkic States",
        "  - Trend",
      ].join("\n"),
    );
    expect(text).toMatch(/^places:\n(?: {2}- .+\n)*? {2}- Shusha\n/m);
    const checked = await checkContent(content);
    const onArticle = checked.diagnostics.filter((d) => d.file.endsWith("bayramov-meets-omuraliev.md"));
    expect(onArticle.map((d) => d.rule)).toEqual(["article/missing-summary"]);
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const built = await buildInto(content);
    expect(built.ok).toBe(true);
    const page = await readFile(
      path.join(built.outDir, "2022/12/15/bayramov-meets-omuraliev/index.html"),
      "utf8",
    );
    expect(page).toContain("Kubanychbek Omuraliev");
  });

  it("suggests registry names found by alias, on fictional copy", async () => {
    const content = await contentCopy();
    const r = await importWire("tests/fixtures/wire/ferry-route.txt", "--accept", "--content", content);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /organization {2}Caspian Ferry Authority +registry \(¶1 s1\); registry alias "CFA" \(¶1 s1, ¶2 s1\)/,
    );
    expect(r.stdout).toMatch(/person {8}Anselm Vokk +pattern "Minister … X Y" \(¶1 s1\)/);
    const [file] = await listArticles(content);
    const text = await readFile(path.join(content, "articles", file ?? ""), "utf8");
    expect(text).toContain("people:\n  - Anselm Vokk\n  - Leyla Rzayeva\n");
    expect(text).toContain("source: Caspian Wire\n");
  });

  it("rejects copy in another shape with the file, line and what was expected, and writes nothing", async () => {
    const content = await contentCopy();
    const r = await importWire("tests/fixtures/wire/bad/no-dateline-lead.txt", "--content", content);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toContain(
      'tests/fixtures/wire/bad/no-dateline-lead.txt:3:1  error  the story starts with "The story starts without saying where it…"; expected a dateline lead such as "BAKU, Azerbaijan, December 15."  [wire/missing-dateline]',
    );
    expect(r.stderr).toContain("Nothing was written.");
    expect(await listArticles(content)).toEqual([]);
  });

  it("writes nothing at all if any one file of several is bad", async () => {
    const content = await contentCopy();
    const r = await importWire(SEED, "tests/fixtures/wire/bad/impossible-date.txt", "--content", content);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'tests/fixtures/wire/bad/impossible-date.txt:1:6  error  the date is "2023-02-30"; expected a real date as YYYY-MM-DD after "date"  [wire/invalid-date]',
    );
    expect(await listArticles(content)).toEqual([]);
    const missing = await importWire("tests/fixtures/wire/nope.txt", "--content", content);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.txt:1:1 {2}error {2}cannot read the file \(ENOENT\)/);
  });

  it("never overwrites an existing article, nor writes two stories to one file", async () => {
    const content = await contentCopy();
    expect((await importWire(SEED, "--content", content)).code).toBe(0);
    const [file] = await listArticles(content);
    const full = path.join(content, "articles", file ?? "");
    await writeFile(full, "the editor's work\n");
    const again = await importWire(SEED, "--accept", "--content", content);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /already exists; expected a new file \(it is never overwritten\) {2}\[wire\/article-exists\]/,
    );
    expect(await readFile(full, "utf8")).toBe("the editor's work\n");

    const other = await contentCopy();
    const twice = await importWire(SEED, SEED, "--content", other);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("[wire/same-article]");
    expect(await listArticles(other)).toEqual([]);
  });

  it("prints what it would write and writes nothing with --dry-run", async () => {
    const content = await contentCopy();
    const r = await importWire(
      SEED,
      "tests/fixtures/wire/agency-in-lead.txt",
      "--dry-run",
      "--content",
      content,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(not written: --dry-run)");
    expect(r.stdout).toMatch(/organization {2}Caspian Wire +dateline lead "\(Caspian Wire\)" \(¶1 lead\)/);
    expect(await listArticles(content)).toEqual([]);
  });

  it("rejects unknown options and bad arguments with a one-line error and exit code 2", async () => {
    for (const args of [
      [],
      ["--bogus", SEED],
      [SEED, SEED, "--title", "One headline"],
      [SEED, "--title", " "],
    ]) {
      const r = await importWire(...args);
      expect(r.code, JSON.stringify(args)).toBe(2);
      expect(r.stderr, JSON.stringify(args)).toMatch(/^error: [^\n]*\(see --help\)\n$/);
    }
  });

  it("has --help", async () => {
    const r = await importWire("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: npm run import -- FILE…");
  });
});
