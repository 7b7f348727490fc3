import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildInto, fixtureDir, ROOT } from "../helpers/build-fixture.ts";
import { hashTree } from "../helpers/tree.ts";

async function copyFixture(name: string): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "dateline-content-")), name);
  await cp(fixtureDir(name), dir, { recursive: true });
  return dir;
}

describe("safe output", () => {
  it("keeps the bytes and modification time of unchanged files, and rewrites changed ones", async () => {
    const content = await copyFixture("newsroom");
    const first = await buildInto(content);
    const out = first.outDir;
    const mtime = async (file: string) => (await stat(path.join(out, file))).mtimeMs;
    const untouched = [
      "assets/site.css",
      "2024/03/02/ferry-update-02/index.html",
      "people/aybek-toktogulov/index.html",
    ];
    const before = Object.fromEntries(await Promise.all(untouched.map(async (f) => [f, await mtime(f)])));
    const editedPage = "2024/03/10/ferry-update-10/index.html";
    const editedBefore = await mtime(editedPage);

    await new Promise((r) => setTimeout(r, 30));
    const article = path.join(content, "articles/2024/03/ferry-update-10.md");
    await writeFile(
      article,
      (await readFile(article, "utf8")).replace("exists only for tests", "was edited by a test"),
    );
    const second = await buildInto(content, out);
    expect(second.ok).toBe(true);
    expect(second.unchanged).toBeGreaterThan(0);
    for (const f of untouched) expect(Math.abs((await mtime(f)) - (before[f] ?? 0)), f).toBeLessThan(1);
    expect(await mtime(editedPage)).toBeGreaterThan(editedBefore);
    expect(await readFile(path.join(out, editedPage), "utf8")).toContain("was edited by a test");
  });

  it("leaves the previous site intact when a build is killed midway, and the next build recovers", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "dateline-kill-"));
    const out = path.join(parent, "_site");
    expect((await buildInto(fixtureDir("newsroom"), out)).ok).toBe(true);
    const before = await hashTree(out);

    // One process (node --import tsx), so that SIGKILL stops the build itself, not only a wrapper.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/build.ts", "--content", fixtureDir("registry"), "--out", out],
      { cwd: ROOT, stdio: "ignore" },
    );
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Kill it as soon as it has started writing its staging folder.
    for (let i = 0; i < 1000; i++) {
      if ((await readdir(parent)).some((name) => name.startsWith("_site.staging-"))) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    await exited;
    expect(await hashTree(out)).toEqual(before);

    expect((await buildInto(fixtureDir("registry"), out)).ok).toBe(true);
    expect(await readdir(parent)).toEqual(["_site"]);
  });
});
