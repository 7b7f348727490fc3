import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../helpers/cli.ts";
import { contentWith } from "../helpers/content-copy.ts";

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Frontmatter that, if evaluated as JavaScript, writes `marker` (gray-matter's JS engine would run it). */
function jsFrontmatter(marker: string): string {
  return `---js\n{ title: (require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran"), "Owned"), date: "2024-05-11" }\n---\nBody\n`;
}

describe("content never runs as code", () => {
  it("build, check and import refuse a ---js article or registry file and evaluate nothing", async () => {
    const probe = await contentWith("check-clean");
    const marker = path.join(path.dirname(probe), "marker");
    const content = await contentWith("check-clean", {
      "articles/evil.md": jsFrontmatter(marker),
      "people/evil.md": jsFrontmatter(marker),
    });
    const wire = path.join(path.dirname(content), "wire.txt");
    const out = path.join(path.dirname(content), "_site");
    const build = await runCommand("build", ["--content", content, "--out", out, "--no-search"]);
    const check = await runCommand("check", ["--content", content]);
    await writeFile(wire, "date 2024-05-11\nBAKU, Azerbaijan, May 11. The fictional ferry left.\n");
    const imported = await runCommand("import", [wire, "--content", content, "--dry-run"]);
    expect(await exists(marker)).toBe(false);
    expect(build.code).toBe(1);
    expect(check.code).toBe(1);
    for (const output of [build.stderr, check.stdout + check.stderr]) {
      expect(output).toMatch(
        /articles\/evil\.md[\s\S]*1:1\s+error[^\n]*\[frontmatter\/unsupported-language\]/,
      );
      expect(output).toMatch(/people\/evil\.md[\s\S]*1:1\s+error[^\n]*\[frontmatter\/unsupported-language\]/);
    }
    expect(imported.code).toBe(0); // the registry's bad file is skipped; the wire copy is fine
    expect(await exists(out)).toBe(false);
    expect(await readFile(path.join(content, "articles/evil.md"), "utf8")).toContain("---js");
  }, 60_000);
});

describe("--out never replaces what Dateline did not make", () => {
  it("refuses the content folder, its parent and a foreign folder, and leaves them as they were", async () => {
    const content = await contentWith("check-clean");
    const foreign = path.join(path.dirname(content), "notes");
    await mkdir(foreign);
    await writeFile(path.join(foreign, "keep.txt"), "an editor's notes");
    for (const out of [content, path.dirname(content), foreign]) {
      const result = await runCommand("build", ["--content", content, "--out", out, "--no-search"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("[build/unsafe-output]");
      expect(result.stderr).toContain(`--out ${out}:`);
    }
    expect(await readFile(path.join(content, "articles/fine.md"), "utf8")).toContain("Fog lifts by morning");
    expect(await readFile(path.join(foreign, "keep.txt"), "utf8")).toBe("an editor's notes");
    expect(await readdir(path.dirname(content))).toEqual(["content", "notes"]);
  }, 60_000);
});
