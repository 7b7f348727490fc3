import { spawn } from "node:child_process";
import { mkdtemp, readFile, rename, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { BuildResult } from "../../src/eleventy/build.ts";
import { build } from "../../src/eleventy/build.ts";
import { type Trigger, type Watching, watchBuild } from "../../src/eleventy/watch.ts";
import { BUILD_TIME, ROOT } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { hashTree } from "../helpers/tree.ts";

const ARTICLE = "articles/2024/03/ferry-update-02.md";

/** Saves as editors do: a temporary file renamed over the article. */
async function save(file: string, text: string): Promise<void> {
  await writeFile(`${file}.swp`, text);
  await rename(`${file}.swp`, file);
}
const PAGE = "2024/03/02/ferry-update-02/index.html";

/** Each build's result, and a way to wait for the next one. */
function recorder() {
  const results: { result: BuildResult; trigger: Trigger }[] = [];
  let waiting: ((count: number) => void) | undefined;
  return {
    results,
    onBuilt(result: BuildResult, trigger: Trigger) {
      results.push({ result, trigger });
      waiting?.(results.length);
    },
    /** Resolves when there have been `count` builds. */
    until(count: number): Promise<void> {
      if (results.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${results.length} builds`)), 60_000);
        waiting = (n) => {
          if (n >= count) {
            clearTimeout(timer);
            resolve();
          }
        };
      });
    },
  };
}

let watching: Watching | undefined;
afterEach(async () => {
  await watching?.close();
  watching = undefined;
});

describe("npm run build -- --watch (publishing mode)", () => {
  it("republishes an edited article, refuses a broken one without touching the site, and keeps the cache", async () => {
    const content = await contentWith("newsroom");
    const root = path.dirname(content);
    const out = path.join(root, "_site");
    const cacheDir = path.join(root, "cache");
    const seen = recorder();
    watching = await watchBuild(
      { contentDir: content, outDir: out, buildTime: BUILD_TIME, search: false, cacheDir },
      seen.onBuilt,
    );
    expect(seen.results[0]?.trigger).toEqual({ first: true });
    expect(seen.results[0]?.result.ok).toBe(true);

    const file = path.join(content, ARTICLE);
    const original = await readFile(file, "utf8");
    await writeFile(
      file,
      original.replace("Ferry timetable update number 2", "Night ferry added to Ganja route"),
    );
    await seen.until(2);
    const edited = seen.results[1];
    expect(edited?.trigger.first).toBe(false);
    expect(edited?.trigger.first === false && edited.trigger.changed).toContain(ARTICLE);
    expect(edited?.result.ok).toBe(true);
    expect(edited?.result.reused).toBeGreaterThan(0);
    // Only the headline changed: modelled on the site published, not read and modelled whole.
    expect(edited?.result.patched).toBe(true);
    expect(await readFile(path.join(out, PAGE), "utf8")).toContain("Night ferry added to Ganja route");
    // What the publishing mode published is what a full build of the same content gives.
    const expectSameAsFullBuild = async () => {
      const full = path.join(await mkdtemp(path.join(tmpdir(), "dateline-full-")), "_site");
      await build({
        contentDir: content,
        outDir: full,
        buildTime: BUILD_TIME,
        search: false,
        incremental: false,
      });
      expect(await hashTree(out)).toEqual(await hashTree(full));
    };
    await expectSameAsFullBuild();

    const published = await hashTree(out);
    await save(file, original.replace("date: 2024-03-02", "date: 2024-02-30"));
    await seen.until(3);
    const broken = seen.results[2]?.result;
    expect(broken?.ok).toBe(false);
    expect(broken?.diagnostics).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/ferry-update-02\.md$/),
        line: 3,
        field: "date",
        severity: "error",
      }),
    );
    expect(await hashTree(out)).toEqual(published);

    await save(file, original);
    await seen.until(4);
    expect(seen.results[3]?.result.ok).toBe(true);
    // After a failed build nothing is remembered: the whole site is modelled again.
    expect(seen.results[3]?.result.patched).toBeUndefined();
    expect(await readFile(path.join(out, PAGE), "utf8")).toContain("Ferry timetable update number 2");

    // A new person is more than the article's own words; the next edit of a summary is patched again.
    await save(file, original.replace("  - Aynur Qasımova", "  - Aynur Qasımova\n  - Rauf Ələkbərli"));
    await seen.until(5);
    expect(seen.results[4]?.result).toMatchObject({ ok: true });
    expect(seen.results[4]?.result.patched).toBeUndefined();
    const withPerson = await readFile(file, "utf8");
    await save(file, withPerson.replace("published timetable update 2.", "published a revised timetable."));
    await seen.until(6);
    expect(seen.results[5]?.result).toMatchObject({ ok: true, patched: true });
    await expectSameAsFullBuild();

    await watching.close();
    watching = undefined;
    const cacheFiles = await stat(cacheDir).then(() => true);
    expect(cacheFiles).toBe(true);
  });

  it("runs from the command line until Ctrl-C, then exits cleanly", async () => {
    const content = await contentWith("newsroom");
    const out = path.join(path.dirname(content), "_site");
    const child = spawn(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["src/cli/build.ts", "--watch", "--no-search", "--content", content, "--out", out],
      { cwd: ROOT, env: { ...process.env, DATELINE_BUILD_TIME: BUILD_TIME } },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Watching" line: ${stdout}`)), 60_000);
      child.stdout.on("data", () => {
        if (stdout.includes("Watching")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(stdout).toMatch(/^Built \d+ articles, \d+ files in [\d.]+ s → /m);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exit).toBe(0);
  });
});
