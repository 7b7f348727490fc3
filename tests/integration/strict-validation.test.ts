import { access, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../helpers/cli.ts";
import { contentWith } from "../helpers/content-copy.ts";

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Each of these used to pass `npm run check` and then crash the build with a stack trace. */
const HOSTILE = {
  "articles/long-slug.md": `---\ntitle: Fictional harbour story\ndate: 2024-05-11\nslug: ${"harbour-".repeat(40)}x\n---\nBody\n`,
  "articles/long-name.md": `---\ntitle: Fictional ferry story\ndate: 2024-05-12\npeople:\n  - ${"Щ".repeat(60)}\n---\nBody\n`,
  "articles/year-zero.md": "---\ntitle: Fictional old story\ndate: 0000-05-11\n---\nBody\n",
  "people/ada-fictional.md": "---\nname: Ada Fictional\nimage: 'http://[bad'\n---\n",
  "articles/names-ada.md":
    "---\ntitle: Fictional Ada story\ndate: 2024-05-13\npeople: [Ada Fictional]\n---\nBody\n",
};

describe("hostile values become diagnostics, not stack traces", () => {
  it("check and build report each with file, line and rule, and write nothing", async () => {
    const content = await contentWith("check-clean", HOSTILE);
    const out = path.join(path.dirname(content), "_site");
    const check = await runCommand("check", ["--content", content]);
    const build = await runCommand("build", ["--content", content, "--out", out, "--no-search"]);
    for (const result of [check, build]) {
      const output = result.stdout + result.stderr;
      expect(result.code).toBe(1);
      expect(output).not.toMatch(/\n\s+at /);
      expect(output).toMatch(/long-slug\.md:4:1\s+error[^\n]*\[article\/slug-too-long\]/);
      expect(output).toMatch(/long-name\.md:4:1\s+error[^\n]*\[article\/name-too-long\]/);
      expect(output).toMatch(/year-zero\.md:3:1\s+error[^\n]*\[article\/date-out-of-range\]/);
      expect(output).toMatch(/ada-fictional\.md:3:1\s+error[^\n]*\[registry\/invalid-url\]/);
    }
    expect(await exists(out)).toBe(false);
  }, 60_000);

  it("a language tag Intl rejects is settings/invalid-language at its line", async () => {
    const content = await contentWith("check-clean");
    const file = path.join(content, "site.json");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace('"language": "en"', '"language": "en-US-US"'),
    );
    const out = path.join(path.dirname(content), "_site");
    const build = await runCommand("build", ["--content", content, "--out", out, "--no-search"]);
    expect(build.code).toBe(1);
    expect(build.stderr).not.toMatch(/\n\s+at /);
    expect(build.stderr).toMatch(/site\.json:5:3\s+error[^\n]*\[settings\/invalid-language\]/);
    expect(await exists(out)).toBe(false);
  }, 60_000);
});
