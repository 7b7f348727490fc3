import { cp, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST_FILE } from "../../src/publish/manifest.ts";
import { recoverInterrupted } from "../../src/publish/output.ts";
import { hostName } from "../../src/publish/owner.ts";
import { failureLine } from "../../src/publish/publish.ts";
import { BUILD_TIME, buildInto, fixtureDir } from "../helpers/build-fixture.ts";
import { pausedBuild } from "../helpers/paused-build.ts";
import { hashTree } from "../helpers/tree.ts";

async function copyFixture(name: string): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), "dateline-content-")), name);
  await cp(fixtureDir(name), dir, { recursive: true });
  return dir;
}

describe("unchanged files", () => {
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
});

/** A tree's search index and search pages, which the second phase publishes; and the rest of it, the pages. */
const isSearch = (file: string) => file.startsWith("pagefind/") || /(^|\/)search\/index\.html$/.test(file);
const searchOf = (tree: Record<string, string>) =>
  Object.fromEntries(Object.entries(tree).filter(([file]) => isSearch(file)));
const pagesOf = (tree: Record<string, string>) =>
  Object.fromEntries(Object.entries(tree).filter(([file]) => !isSearch(file) && file !== MANIFEST_FILE));

describe("a build killed at any point of publishing", () => {
  const args = (content: string, out: string) => [
    "--content",
    fixtureDir(content),
    "--out",
    out,
    "--build-time",
    BUILD_TIME,
  ];

  /** A published newsroom site, and the bytes a clean full build of the registry fixture gives. */
  async function setup() {
    const parent = await mkdtemp(path.join(tmpdir(), "dateline-kill-"));
    const out = path.join(parent, "_site");
    expect((await buildInto(fixtureDir("newsroom"), out)).ok).toBe(true);
    const clean = await buildInto(fixtureDir("registry"));
    return { parent, out, before: await hashTree(out), expected: await hashTree(clean.outDir) };
  }

  it("after staging: the site is untouched, and the next build publishes exactly its own output", async () => {
    const { parent, out, before, expected } = await setup();
    const build = await pausedBuild(args("registry", out), "staged");
    const siblings = await readdir(parent);
    expect(siblings).toContain(`_site.staging-${hostName()}-${build.pid}`);
    expect(siblings).toContain("_site.lock");
    expect(siblings).not.toContain("_site.journal.json");
    expect(JSON.parse(await readFile(path.join(parent, "_site.lock"), "utf8")).pid).toBe(build.pid);
    await build.kill();
    expect(await hashTree(out)).toEqual(before);

    expect((await buildInto(fixtureDir("registry"), out)).ok).toBe(true);
    expect(await hashTree(out)).toEqual(expected);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);

  it("between the journal and the first rename: even a next build that fails on its content finishes it", async () => {
    const { parent, out, before, expected } = await setup();
    const build = await pausedBuild(args("registry", out), "journaled");
    const journal = JSON.parse(await readFile(path.join(parent, "_site.journal.json"), "utf8"));
    expect(journal.owner.pid).toBe(build.pid);
    expect(journal.move.length).toBeGreaterThan(10);
    expect(await hashTree(out)).toEqual(before); // nothing renamed yet
    await build.kill();

    const broken = await buildInto(fixtureDir("broken"), out);
    expect(broken.ok).toBe(false);
    // The killed build's pages are published; its search index (the second phase) never was.
    const finished = await hashTree(out);
    expect(pagesOf(finished)).toEqual(pagesOf(expected));
    expect(Object.keys(searchOf(before)).length).toBeGreaterThan(5);
    expect(searchOf(finished)).toEqual(searchOf(before));
    // It says so: the last line does not claim that nothing changed.
    expect(broken.diagnostics).toContainEqual(
      expect.objectContaining({ rule: "publish/finished-interrupted", severity: "warning" }),
    );
    expect(failureLine(broken.diagnostics, "_site")).toContain("holds the interrupted earlier build's site");
    expect(await readdir(parent)).toEqual(["_site"]);
    expect((await buildInto(fixtureDir("registry"), out)).ok).toBe(true);
    expect(await hashTree(out)).toEqual(expected);
  }, 60_000);

  it("midway through the renames: recovery rolls forward, and the next build starts from that", async () => {
    const { parent, out, before, expected } = await setup();
    const build = await pausedBuild(args("registry", out), "publishing");
    const midway = await hashTree(out);
    expect(midway).not.toEqual(before);
    expect(midway).not.toEqual(expected);
    expect(await readdir(parent)).toContain("_site.journal.json");
    await build.kill();

    expect(await recoverInterrupted(out)).toEqual([
      expect.objectContaining({ rule: "publish/finished-interrupted", severity: "warning" }),
    ]);
    const finished = await hashTree(out);
    expect(pagesOf(finished)).toEqual(pagesOf(expected));
    expect(searchOf(finished)).toEqual(searchOf(before));
    // The dead build's lock is taken over; the newsroom comes back byte for byte.
    expect((await buildInto(fixtureDir("newsroom"), out)).ok).toBe(true);
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);
});
