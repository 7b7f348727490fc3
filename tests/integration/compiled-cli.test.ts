import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BUILD_TIME, fixtureDir, ROOT } from "../helpers/build-fixture.ts";

const exec = promisify(execFile);

/** Runs `npm run <command>` the way package.json does: the launcher, then the compiled JavaScript. */
async function dateline(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(ROOT, "bin/dateline.mjs"), ...args], {
      cwd,
      env: { ...process.env, DATELINE_CACHE_DIR: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dateline-compiled-"));
  await cp(fixtureDir(name), path.join(dir, "content"), { recursive: true });
  return dir;
}

/** Every file under `dir` with its bytes, by relative path. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), (await readFile(file)).toString("base64"));
  }
  return files;
}

describe("the compiled CLI (bin/dateline.mjs, what npm run build/check/new/import run)", () => {
  it("runs from dist/, compiled from the current sources", async () => {
    const { code, stdout } = await dateline(["check", "--help"], ROOT);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: npm run check -- [options]");
    expect(stdout).toContain("--no-cache");
    expect((await stat(path.join(ROOT, "dist/cli/check.js"))).isFile()).toBe(true);
    expect(await readFile(path.join(ROOT, "dist/.sources"), "utf8")).toMatch(/^[0-9a-f]{40}$/);
    const wrong = await dateline(["serve"], ROOT);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('expected a command, one of build, check, new, import (found "serve")');
  });

  it("check keeps .cache/dateline/, and sees an edit that kept the size and modification time", async () => {
    const dir = await copyFixture("check-clean");
    const [article] = (await readdir(path.join(dir, "content/articles"), { recursive: true }))
      .filter((f) => f.endsWith(".md"))
      .map((f) => path.join(dir, "content/articles", f));
    const file = article as string;
    // Older than the few seconds in which a file is compared by its bytes anyway.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(file, anHourAgo, anHourAgo);
    const first = await dateline(["check", "--content", "content"], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^No problems in 1 article and 0 registry files/);
    expect((await readdir(path.join(dir, ".cache/dateline"))).filter((f) => f.endsWith(".v8"))).toHaveLength(
      1,
    );
    expect((await dateline(["check", "--content", "content"], dir)).stdout).toBe(first.stdout);

    // Same size, same modification time, different bytes: the change time (which only the kernel sets)
    // tells the cache the file changed, so the run reads it and reports it.
    const before = await stat(file);
    await writeFile(file, "\u0000".repeat(before.size));
    await utimes(file, before.atime, before.mtime);
    const second = await dateline(["check", "--content", "content"], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain("[article/missing-title]");
    const uncached = await dateline(["check", "--content", "content", "--no-cache"], dir);
    expect(uncached.stdout).toBe(second.stdout);
  });

  it("builds byte-identical output with the cache, without it, and from a deleted one", async () => {
    const dir = await copyFixture("registry");
    const build = (out: string, ...flags: string[]) =>
      dateline(
        ["build", "--content", "content", "--out", out, "--build-time", BUILD_TIME, "--no-search", ...flags],
        dir,
      );
    expect((await build("cold", "--cache", "c")).code).toBe(0);
    expect((await build("warm", "--cache", "c", "--full")).code).toBe(0);
    expect((await build("none", "--no-cache")).code).toBe(0);
    await rm(path.join(dir, "c"), { recursive: true });
    expect((await build("deleted", "--cache", "c")).code).toBe(0);
    const cold = await tree(path.join(dir, "cold"));
    expect(cold.size).toBeGreaterThan(20);
    expect(cold.has("index.html")).toBe(true);
    expect(await tree(path.join(dir, "warm"))).toEqual(cold);
    expect(await tree(path.join(dir, "none"))).toEqual(cold);
    expect(await tree(path.join(dir, "deleted"))).toEqual(cold);
  });

  it("says so and stops at once when nothing changed since the last build into the same folder", async () => {
    const dir = await copyFixture("registry");
    const hourAgo = new Date(Date.now() - 3600_000);
    for (const entry of await readdir(path.join(dir, "content"), { recursive: true, withFileTypes: true }))
      if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), hourAgo, hourAgo);
    const build = () =>
      dateline(
        ["build", "--content", "content", "--out", "_site", "--build-time", BUILD_TIME, "--cache", "c"],
        dir,
      );
    const first = await build();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Built \d+ articles, \d+ files in [\d.]+ s/);
    const files = /Built (\d+) articles, (\d+) files/.exec(first.stdout);
    const again = await build();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `Nothing changed since the last build: ${files?.[1]} articles, ${files?.[2]} files in `,
    );
    const article = (await readdir(path.join(dir, "content/articles"), { recursive: true })).find((f) =>
      f.endsWith(".md"),
    );
    await writeFile(path.join(dir, "content/articles", article ?? ""), "---\ntitle: [broken\n---\n");
    const broken = await build();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("Build failed: nothing was written");
  });

  it("check shows its last report again, without reading content, until a file or the output changes", async () => {
    const dir = await copyFixture("check-warnings");
    const hourAgo = new Date(Date.now() - 3600_000);
    const age = async () => {
      for (const entry of await readdir(path.join(dir, "content"), { recursive: true, withFileTypes: true }))
        if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), hourAgo, hourAgo);
    };
    await age();
    const check = () => dateline(["check", "--content", "content", "--cache", "c"], dir);
    const first = await check();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("[article/long-headline]");
    expect(
      (await readdir(path.join(dir, "c"))).filter((f) => /^check-[0-9a-f]{16}\.json$/.test(f)),
    ).toHaveLength(1);
    const again = await check();
    expect(again.stdout).toBe(first.stdout);
    expect(again.code).toBe(0);

    // An edit (here with a time set back by hand, but another size) gives a new report.
    const file = path.join(dir, "content/articles/2024/05/ferry-timetable.md");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace(/^title: .*$/m, "titel: Ferry timetable"));
    await age();
    const edited = await check();
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain("[article/missing-title]");

    // A build into _site, then an article removed: its published URL is now reported as vanished.
    await writeFile(file, original);
    await age();
    expect((await check()).stdout).toBe(first.stdout);
    const built = await dateline(["build", "--content", "content", "--no-search", "--no-cache"], dir);
    expect(built.code).toBe(0);
    await rm(path.join(dir, "content/articles/2024/05/harbour-dredging.md"));
    await age();
    expect((await check()).stdout).toContain("[article/vanished-url]");
  });
});
