import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BuildOptions, build } from "../../src/eleventy/build.ts";
import { stampFile } from "../../src/publish/stamp.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { PAST, setPast } from "../helpers/content-copy.ts";
import { hashTree } from "../helpers/tree.ts";

/** A copy of a fixture, its files an hour old, with an output folder and a cache folder beside it. */
async function workspace(name = "newsroom") {
  const root = await mkdtemp(path.join(tmpdir(), "dateline-uptodate-"));
  const content = path.join(root, "content");
  await cp(fixtureDir(name), content, { recursive: true });
  await setPast(content);
  const out = path.join(root, "_site");
  const cacheDir = path.join(root, "cache");
  const options = (more: Partial<BuildOptions> = {}): BuildOptions => ({
    contentDir: content,
    outDir: out,
    cacheDir,
    buildTime: BUILD_TIME,
    search: false,
    ...more,
  });
  return { root, content, out, cacheDir, options };
}

/** Each output file's modification time, by path. */
async function times(dir: string): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      result[path.relative(dir, file)] = (await stat(file)).mtimeMs;
    }
  return result;
}

/** A full build of the same content into a fresh folder, without the cache, to compare with. */
async function fullBuild(w: Awaited<ReturnType<typeof workspace>>, more: Partial<BuildOptions> = {}) {
  const out = path.join(w.root, `full-${Math.random().toString(36).slice(2)}`);
  const result = await build({ ...w.options(more), outDir: out, incremental: false, cacheDir: undefined });
  expect(result.ok).toBe(true);
  return hashTree(out);
}

describe("a build with nothing changed since the last one", () => {
  it("stops before reading any content, and leaves every published file as it was", async () => {
    const w = await workspace();
    const first = await build(w.options());
    expect(first.ok).toBe(true);
    expect(first.upToDate).toBeUndefined();
    const stamp = JSON.parse(await readFile(stampFile(w.cacheDir, w.out), "utf8"));
    expect(stamp.inputs).toMatch(/^[0-9a-f]{40}$/);
    expect(stamp.present).toContain("assets/site.css");
    expect(stamp.present).not.toContain("index.html");
    const before = await times(w.out);
    const hashes = await hashTree(w.out);

    const again = await build(w.options());
    expect(again.upToDate).toBe(true);
    expect(again.ok).toBe(true);
    expect(again.articles).toBe(first.articles);
    expect(again.files).toBe(first.files);
    expect(again.reused).toBe(first.files);
    // The warnings of the build that wrote the output are reported again.
    expect(again.diagnostics).toEqual(first.diagnostics);
    expect(await times(w.out)).toEqual(before);
    expect(await hashTree(w.out)).toEqual(hashes);
  });

  it("builds again after an edit, an added or a removed file, and the output equals a full build", async () => {
    const w = await workspace();
    await build(w.options());
    const file = path.join(w.content, "articles/2024/03/ferry-update-12.md");
    const text = await readFile(file, "utf8");
    // The same size and an older time than the last build's files: only the time tells them apart.
    await writeFile(file, text.replace("number 12 for Ganja", "number 12 for GANJA"));
    await utimes(file, new Date(PAST.getTime() - 60_000), new Date(PAST.getTime() - 60_000));
    const edited = await build(w.options());
    expect(edited.upToDate).toBeUndefined();
    expect(await readFile(path.join(w.out, "2024/03/12/ferry-update-12/index.html"), "utf8")).toContain(
      "number 12 for GANJA",
    );
    expect(await hashTree(w.out)).toEqual(await fullBuild(w));
    expect((await build(w.options())).upToDate).toBe(true);

    await writeFile(
      path.join(w.content, "articles/2024/03/night-ferry.md"),
      "---\ntitle: Night ferry added to the timetable\ndate: 2024-03-30\n---\nA night ferry joins the timetable.\n",
    );
    await setPast(w.content);
    const added = await build(w.options());
    expect(added.upToDate).toBeUndefined();
    expect(added.articles).toBe(edited.articles + 1);
    expect((await build(w.options())).upToDate).toBe(true);

    await rm(path.join(w.content, "articles/2024/03/night-ferry.md"));
    const removed = await build(w.options());
    expect(removed.upToDate).toBeUndefined();
    expect(removed.articles).toBe(edited.articles);
    expect(await hashTree(w.out)).toEqual(await fullBuild(w));
  });

  it("writes again a published file that went missing (not a page), and a change of options builds", async () => {
    const w = await workspace();
    await build(w.options());
    await rm(path.join(w.out, "assets/site.css"));
    const repaired = await build(w.options());
    expect(repaired.upToDate).toBeUndefined();
    expect((await stat(path.join(w.out, "assets/site.css"))).isFile()).toBe(true);
    expect((await build(w.options())).upToDate).toBe(true);

    expect((await build(w.options({ preview: true }))).upToDate).toBeUndefined();
    expect((await build(w.options({ preview: true }))).upToDate).toBe(true);
    // --full renders everything; without a cache folder there is no stamp to compare with.
    expect((await build(w.options({ preview: true, incremental: false }))).upToDate).toBeUndefined();
    expect((await build(w.options({ preview: true, cacheDir: undefined }))).upToDate).toBeUndefined();
  });

  it("builds again when a scheduled article becomes due, and never for an earlier moment", async () => {
    const w = await workspace();
    await mkdir(path.join(w.content, "articles/2024/06"), { recursive: true });
    await writeFile(
      path.join(w.content, "articles/2024/06/harbour-festival.md"),
      "---\ntitle: Harbour festival opens\ndate: 2024-06-03T10:00:00+04:00\n---\nThe harbour festival opens.\n",
    );
    await setPast(w.content);
    const first = await build(w.options());
    const page = path.join(w.out, "2024/06/03/harbour-festival/index.html");
    await expect(stat(page)).rejects.toThrow();
    expect((await build(w.options({ buildTime: "2024-06-02T12:00:00+04:00" }))).upToDate).toBe(true);
    // Earlier than the build that wrote the output: another set of articles may be scheduled then.
    expect((await build(w.options({ buildTime: "2024-05-01T12:00:00+04:00" }))).upToDate).toBeUndefined();

    const due = "2024-06-03T10:00:00+04:00";
    await build(w.options());
    const after = await build(w.options({ buildTime: due }));
    expect(after.upToDate).toBeUndefined();
    expect(after.articles).toBe(first.articles + 1);
    expect((await stat(page)).isFile()).toBe(true);
    expect(await hashTree(w.out)).toEqual(await fullBuild(w, { buildTime: due }));
  });

  it("builds again when an article leaves the news sitemap's 48 hours", async () => {
    const w = await workspace();
    // The newest article is dated 2024-04-01T12:00+04:00: in the news sitemap until 2024-04-03T12:00.
    await build(w.options({ buildTime: "2024-04-02T00:00:00+04:00" }));
    const news = () => readFile(path.join(w.out, "news-sitemap.xml"), "utf8");
    expect(await news()).toContain("windows-editor");
    expect((await build(w.options({ buildTime: "2024-04-03T11:00:00+04:00" }))).upToDate).toBe(true);
    const later = await build(w.options({ buildTime: "2024-04-03T13:00:00+04:00" }));
    expect(later.upToDate).toBeUndefined();
    expect(await news()).not.toContain("windows-editor");
    expect(await hashTree(w.out)).toEqual(await fullBuild(w, { buildTime: "2024-04-03T13:00:00+04:00" }));
  });

  it("does not trust a file saved in the last seconds: it builds again next time", async () => {
    const w = await workspace();
    const file = path.join(w.content, "articles/2024/03/ferry-update-12.md");
    await writeFile(file, `${await readFile(file, "utf8")}\nA late line.\n`);
    await build(w.options());
    await expect(stat(stampFile(w.cacheDir, w.out))).rejects.toThrow();
    expect((await build(w.options())).upToDate).toBeUndefined();
  });
});
