import { mkdir, mkdtemp, readdir, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keepUnchangedTimes, recoverInterrupted } from "../../src/publish/output.ts";

async function pair(published: string, fresh: string) {
  const root = await mkdtemp(path.join(tmpdir(), "dateline-keep-"));
  const [out, staging] = [path.join(root, "out"), path.join(root, "staging")];
  await mkdir(out);
  await mkdir(staging);
  await writeFile(path.join(out, "a.html"), published);
  await utimes(path.join(out, "a.html"), 1_000_000, 1_000_000);
  await writeFile(path.join(staging, "a.html"), fresh);
  return { out, staging, mtime: async () => (await stat(path.join(staging, "a.html"))).mtimeMs };
}

describe("keepUnchangedTimes", () => {
  it("gives an unchanged file the published file's modification time, comparing bytes", async () => {
    const { out, staging, mtime } = await pair("<p>same</p>", "<p>same</p>");
    expect(await keepUnchangedTimes(staging, out)).toBe(1);
    expect(await mtime()).toBe(1_000_000_000);
  });

  it("leaves a changed file's time alone", async () => {
    const { out, staging, mtime } = await pair("<p>old</p>", "<p>new</p>");
    expect(await keepUnchangedTimes(staging, out)).toBe(0);
    expect(await mtime()).not.toBe(1_000_000_000);
  });

  it("trusts the hashes recorded when the files were written, without reading them back", async () => {
    // Same size, different bytes: only the recorded hashes can make these count as unchanged.
    const equal = await pair("<p>aaa</p>", "<p>bbb</p>");
    const hashes = { previous: { "a.html": "h1" }, current: new Map([["a.html", "h1"]]) };
    expect(await keepUnchangedTimes(equal.staging, equal.out, hashes)).toBe(1);
    const differ = await pair("<p>same</p>", "<p>same</p>");
    const changed = { previous: { "a.html": "h1" }, current: new Map([["a.html", "h2"]]) };
    expect(await keepUnchangedTimes(differ.staging, differ.out, changed)).toBe(0);
  });
});

describe("recoverInterrupted", () => {
  it("puts back a search index whose swap was cut off, and clears leftovers of killed builds", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "dateline-recover-"));
    await mkdir(path.join(parent, "_site"));
    await writeFile(path.join(parent, "_site/index.html"), "<p>live</p>");
    await mkdir(path.join(parent, "_site.search-42-old"));
    await writeFile(path.join(parent, "_site.search-42-old/pagefind-entry.json"), "{}");
    await mkdir(path.join(parent, "_site.staging-41"));
    await recoverInterrupted(path.join(parent, "_site"));
    expect((await readdir(parent)).sort()).toEqual(["_site"]);
    expect((await readdir(path.join(parent, "_site"))).sort()).toEqual(["index.html", "pagefind"]);
  });

  it("puts back the previous site when a build was killed between its two renames", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "dateline-recover-"));
    await mkdir(path.join(parent, "_site.old-7"));
    await writeFile(path.join(parent, "_site.old-7/index.html"), "<p>previous</p>");
    await recoverInterrupted(path.join(parent, "_site"));
    expect(await readdir(parent)).toEqual(["_site"]);
    expect(await readdir(path.join(parent, "_site"))).toEqual(["index.html"]);
  });
});
