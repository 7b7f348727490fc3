import { mkdir, mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../src/eleventy/build.ts";
import { MANIFEST_FILE, readManifest } from "../../src/publish/manifest.ts";
import { BUILD_TIME, buildInto, fixtureDir } from "../helpers/build-fixture.ts";
import { hashTree } from "../helpers/tree.ts";

async function outDir(): Promise<{ parent: string; out: string }> {
  const parent = await mkdtemp(path.join(tmpdir(), "dateline-inplace-"));
  return { parent, out: path.join(parent, "_site") };
}

async function emptyFolders(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(e.parentPath, e.name);
    if (e.isDirectory() && (await readdir(full)).length === 0) found.push(path.relative(dir, full));
  }
  return found;
}

describe("publishing in place", () => {
  it("removes the previous build's files and the folders they leave empty, never an administrator's", async () => {
    const { parent, out } = await outDir();
    expect((await buildInto(fixtureDir("newsroom"), out)).ok).toBe(true);
    await mkdir(path.join(out, ".well-known"));
    await writeFile(path.join(out, ".well-known/security.txt"), "Contact: mailto:ops@example.invalid\n");
    await writeFile(path.join(out, "2024/03/02/verification.html"), "an admin's file inside a page folder");

    expect((await buildInto(fixtureDir("registry"), out)).ok).toBe(true);
    const clean = await hashTree((await buildInto(fixtureDir("registry"))).outDir);
    const {
      ".well-known/security.txt": kept,
      "2024/03/02/verification.html": alsoKept,
      ...site
    } = await hashTree(out);
    expect(site).toEqual(clean);
    expect(kept).toBeDefined();
    expect(alsoKept).toBeDefined();
    // The newsroom's page folders are gone, except the one that still holds the admin's file.
    expect(await readdir(path.join(out, "2024/03/02"))).toEqual(["verification.html"]);
    expect(await emptyFolders(out)).toEqual([]);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);

  it("lists every file it published in the manifest, the search index included, sorted", async () => {
    const { out } = await outDir();
    expect((await buildInto(fixtureDir("registry"), out)).ok).toBe(true);
    const outputs = [...((await readManifest(out))?.outputs.keys() ?? [])];
    const files = Object.keys(await hashTree(out)).filter((f) => f !== MANIFEST_FILE);
    expect(outputs).toEqual(files.sort());
    expect(outputs).toContain("pagefind/en/2024/pagefind-entry.json");
    expect(outputs).toContain("pagefind/pagefind-ui.js");
  }, 60_000);

  it("with --no-search after a build with search: the index goes, as in a clean build without it", async () => {
    const { out } = await outDir();
    expect((await buildInto(fixtureDir("registry"), out)).ok).toBe(true);
    const options = { contentDir: fixtureDir("registry"), buildTime: BUILD_TIME, search: false };
    expect((await build({ ...options, outDir: out })).ok).toBe(true);
    const clean = await outDir();
    expect((await build({ ...options, outDir: clean.out })).ok).toBe(true);
    expect(await hashTree(out)).toEqual(await hashTree(clean.out));
    expect(await readdir(out)).not.toContain("pagefind");
  }, 60_000);

  it("touches nothing when nothing changed, and --full repairs a published file edited by hand", async () => {
    const { out } = await outDir();
    expect((await buildInto(fixtureDir("registry"), out)).ok).toBe(true);
    const before = await hashTree(out);
    const times = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.keys(before).map(async (f) => [f, (await stat(path.join(out, f))).mtimeMs] as const),
        ),
      );
    const mtimes = await times();
    await new Promise((r) => setTimeout(r, 20));
    const again = await buildInto(fixtureDir("registry"), out);
    expect(again.unchanged).toBe(Object.keys(before).length - 1); // every file but the manifest
    expect(await times()).toEqual(mtimes);

    const css = path.join(out, "assets/site.css");
    await writeFile(css, "body { display: none }");
    const full = await build({
      contentDir: fixtureDir("registry"),
      outDir: out,
      buildTime: BUILD_TIME,
      incremental: false,
    });
    expect(full.ok).toBe(true);
    expect(await hashTree(out)).toEqual(before);
  }, 60_000);
});
