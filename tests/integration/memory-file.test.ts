import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { type BuildOptions, build } from "../../src/eleventy/build.ts";
import { memoryFiles, recall } from "../../src/publish/memory-file.ts";
import { takeStamp } from "../../src/publish/stamp.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME } from "../helpers/build-fixture.ts";
import { contentWith, PAST, setPast } from "../helpers/content-copy.ts";
import { loadPagefind, searchUrls } from "../helpers/pagefind.ts";
import { sysError } from "../helpers/sys-error.ts";
import { hashTree } from "../helpers/tree.ts";

const FERRY = "articles/2024/03/ferry-update-12.md";
const OTHER = "articles/2024/03/ferry-update-03.md";

/** A copy of the newsroom fixture, its files an hour old, with an output and a cache folder beside it. */
async function workspace() {
  const content = await contentWith("newsroom");
  await setPast(content);
  const root = path.dirname(content);
  const out = path.join(root, "_site");
  const cacheDir = path.join(root, "cache");
  const options: BuildOptions = {
    contentDir: content,
    outDir: out,
    cacheDir,
    buildTime: BUILD_TIME,
    search: false,
  };
  /** A build without cache or memory into a fresh folder: what the output must equal. */
  const full = async () => {
    const fresh = path.join(root, `full-${Math.random().toString(36).slice(2)}`);
    const result = await build({ ...options, outDir: fresh, cacheDir: undefined, incremental: false });
    expect(result.ok).toBe(true);
    return hashTree(fresh);
  };
  /** Changes an article file, a second later than the last change (so its time differs), an hour ago. */
  let tick = 0;
  const edit = async (file: string, change: (text: string) => string) => {
    const full = path.join(content, file);
    const text = await readFile(full, "utf8");
    expect(change(text)).not.toBe(text);
    await writeFile(full, change(text));
    tick += 1000;
    const when = new Date(PAST.getTime() + tick);
    await utimes(full, when, when);
  };
  const memory = async () => memoryFiles(cacheDir, await realOut(out));
  return { content, out, cacheDir, options, full, edit, memory };
}

async function realOut(out: string): Promise<string> {
  const { places } = await import("../../src/publish/places.ts");
  return (await places(out)).out;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe("the publishing memory on disk", () => {
  it("lets the next command model an edit of an article's words on the last build's model, as a full build would", async () => {
    const w = await workspace();
    const first = await build(w.options);
    expect(first.ok).toBe(true);
    expect(first.patched).toBeUndefined();
    const files = await w.memory();
    expect(await exists(files.head)).toBe(true);
    expect(await exists(files.body)).toBe(true);

    // A headline: the article, the pages linking to it (previous, next, related), its listings and feeds.
    await w.edit(FERRY, (t) => t.replace("number 12 for Ganja", "number 12, delayed, for Ganja"));
    const edited = await build(w.options);
    expect(edited.ok).toBe(true);
    expect(edited.patched).toBe(true);
    expect(edited.reused).toBeGreaterThan(0);
    expect(await readFile(path.join(w.out, "2024/03/11/ferry-update-11/index.html"), "utf8")).toContain(
      "number 12, delayed, for Ganja",
    );
    expect(await hashTree(w.out)).toEqual(await w.full());

    // The memory stays the first build's model: the headline set back is still an edit to model (the
    // pages linking to it show the edited one), beside a body edit of another article.
    await w.edit(FERRY, (t) => t.replace("number 12, delayed, for Ganja", "number 12 for Ganja"));
    await w.edit(OTHER, (t) => `${t}\nA paragraph added after the first build.\n`);
    const reverted = await build(w.options);
    expect(reverted.patched).toBe(true);
    expect(await hashTree(w.out)).toEqual(await w.full());
    expect((await build(w.options)).upToDate).toBe(true);
  });

  it("is written while the render worker renders its share, and read back the same", async () => {
    const w = await workspace();
    const shared = await build({ ...w.options, parallel: { minArticles: 0, minPages: 0 } });
    expect(shared.workerFiles).toBeGreaterThan(0);
    const files = await w.memory();
    expect(await exists(files.body)).toBe(true);
    expect((await readdir(path.dirname(files.body))).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    await w.edit(FERRY, (t) => t.replace("number 12 for Ganja", "number 12 for Ganja, from two cores"));
    expect((await build(w.options)).patched).toBe(true);
    expect(await hashTree(w.out)).toEqual(await w.full());
  });

  it("renders the front page again when its lead links to the edited article", async () => {
    const w = await workspace();
    await build(w.options);
    const { site } = await buildSite({ contentDir: w.content, buildTime: BUILD_TIME });
    const front = site?.homePages[0];
    const onFront = new Set([
      ...(front?.items ?? []),
      ...(front?.front?.sections ?? []).flatMap((b) => b.articles),
    ]);
    // An article the lead links to (related coverage) that the front page does not show itself.
    const linked = site?.articles.find(
      (a) => front?.front?.lead?.related.some((l) => l.url === a.url) && !onFront.has(a),
    );
    if (!linked) throw new Error("the front page's lead links to no article off the front page");
    const file = path.relative(w.content, path.resolve(linked.file));
    await w.edit(file, (t) => t.replace(/^title: .*$/m, "title: A headline rewritten after the first build"));
    const edited = await build(w.options);
    expect(edited.patched).toBe(true);
    expect(await hashTree(w.out)).toEqual(await w.full());
  });

  it("leaves the URL sitemaps as published unless an article's latest change moved", async () => {
    const w = await workspace();
    const late = "articles/2024/03/ferry-late.md";
    await writeFile(
      path.join(w.content, late),
      "---\ntitle: Late ferry\ndate: 2024-03-20\nupdated: 2024-03-21\n---\nA fictional late ferry.\n",
    );
    await setPast(w.content);
    await build(w.options);
    const sitemap = path.join(w.out, "sitemap.xml");
    const published = await stat(sitemap);
    await w.edit(late, (t) => t.replace("A fictional late ferry.", "A fictional late ferry, delayed."));
    expect((await build(w.options)).patched).toBe(true);
    const kept = await stat(sitemap);
    expect([kept.ino, kept.mtimeMs]).toEqual([published.ino, published.mtimeMs]);
    expect(await hashTree(w.out)).toEqual(await w.full());

    await w.edit(late, (t) => t.replace("updated: 2024-03-21", "updated: 2024-03-22"));
    expect((await build(w.options)).patched).toBe(true);
    expect(await readFile(sitemap, "utf8")).toContain("2024-03-22");
    expect(await hashTree(w.out)).toEqual(await w.full());
  });

  it("with the search index: the edited article's shard indexed again, from the bodies read again", async () => {
    const w = await workspace();
    const options = { ...w.options, search: true };
    await build(options);
    await w.edit(FERRY, (t) => `${t}\nA squall over the Caspian delayed the crossing.\n`);
    const edited = await build(options);
    expect(edited.patched).toBe(true);
    expect(edited.searchable).toBeGreaterThan(0);
    expect(await searchUrls(await loadPagefind(w.out), "squall")).toEqual(["/2024/03/12/ferry-update-12/"]);
    const full = path.join(path.dirname(w.out), "full-search");
    await build({ ...options, outDir: full, cacheDir: undefined, incremental: false });
    expect(await hashTree(w.out)).toEqual(await hashTree(full));
  });

  it("is kept after builds of files saved a moment ago, which count as changed until the next whole model", async () => {
    const w = await workspace();
    // Saved just now: the build models the whole site and writes this file down as changed.
    const story = path.join(w.content, OTHER);
    await writeFile(story, `${await readFile(story, "utf8")}\nSaved a moment before the build.\n`);
    const first = await build(w.options);
    expect(first.patched).toBeUndefined();
    // An edit saved just now too: modelled on the memory (with the file saved before), and again.
    const ferry = path.join(w.content, FERRY);
    await writeFile(ferry, (await readFile(ferry, "utf8")).replace("for Ganja", "for Ganja, at once"));
    const edited = await build(w.options);
    expect(edited.patched).toBe(true);
    expect(await hashTree(w.out)).toEqual(await w.full());
    await writeFile(ferry, (await readFile(ferry, "utf8")).replace("at once", "at once, again"));
    const again = await build(w.options);
    expect(again.patched).toBe(true);
    expect(await hashTree(w.out)).toEqual(await w.full());
  });

  it("sees an edit of the same length whose modification time was set back", async () => {
    const w = await workspace();
    await build(w.options);
    const file = path.join(w.content, FERRY);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("number 12 for Ganja", "number 12 for GANJA"));
    await utimes(file, PAST, PAST);
    const edited = await build(w.options);
    expect(edited.upToDate).toBeUndefined();
    expect(edited.patched).toBe(true);
    expect(await hashTree(w.out)).toEqual(await w.full());
  });

  it("is not used when more than articles' words changed, or the output is another build's; the output equals a full build", async () => {
    const w = await workspace();
    await build(w.options);
    // A new article: modelled whole, and that model is remembered in turn.
    await writeFile(
      path.join(w.content, "articles/2024/03/night-ferry.md"),
      "---\ntitle: Night ferry added to the timetable\ndate: 2024-03-30\n---\nA night ferry joins the timetable.\n",
    );
    await setPast(w.content);
    const added = await build(w.options);
    expect(added.patched).toBeUndefined();
    expect(await hashTree(w.out)).toEqual(await w.full());
    await w.edit(FERRY, (t) => t.replace("number 12 for Ganja", "number 12 for Ganja and Sheki"));
    expect((await build(w.options)).patched).toBe(true);
    expect(await hashTree(w.out)).toEqual(await w.full());

    // A date: where the article appears changes.
    await w.edit(FERRY, (t) => t.replace(/^date: 2024-03-12/m, "date: 2024-03-13"));
    expect((await build(w.options)).patched).toBeUndefined();
    expect(await hashTree(w.out)).toEqual(await w.full());

    // Another build (no cache) published into the output since: the memory is not that output's.
    await w.edit(OTHER, (t) => `${t}\nAnother paragraph.\n`);
    await build({ ...w.options, cacheDir: undefined });
    await w.edit(OTHER, (t) => `${t}\nAnd another.\n`);
    expect((await build(w.options)).patched).toBeUndefined();
    expect(await hashTree(w.out)).toEqual(await w.full());

    // Deleted, it is only a slower build.
    const files = await w.memory();
    await rm(files.head);
    await w.edit(OTHER, (t) => `${t}\nA third paragraph.\n`);
    const without = await build(w.options);
    expect(without.ok).toBe(true);
    expect(without.patched).toBeUndefined();
    expect(await hashTree(w.out)).toEqual(await w.full());
    expect(await exists(files.head)).toBe(true);
  });

  it("refuses an edit of more than the words from the edited file alone, before reading the model", async () => {
    const w = await workspace();
    await build(w.options);
    const files = await w.memory();
    const { places } = await import("../../src/publish/places.ts");
    const where = await places(w.out);
    const recallNow = async () =>
      recall(files, {
        taken: await takeStamp({ contentDir: w.content, search: false }),
        contentDir: w.content,
        out: where.out,
        journal: where.journal,
      });
    // Without the model, only what the files tell can be judged.
    const model = await readFile(files.body);
    await rm(files.body);
    await w.edit(FERRY, (t) => t.replace("number 12 for Ganja", "number 12 for Ganja, words only"));
    expect(await recallNow()).toEqual({ refused: "the memory's model is missing" });
    await w.edit(FERRY, (t) => t.replace(/^date: 2024-03-12/m, "date: 2024-03-14"));
    expect(await recallNow()).toEqual({ refused: `${FERRY} changed more than its own words` });
    await w.edit(FERRY, (t) => t.replace(/^date: 2024-03-14/m, "date: 2024-02-30"));
    expect(await recallNow()).toEqual({ refused: `${FERRY} has diagnostics, or is not shown` });
    await writeFile(files.body, model);
    await w.edit(FERRY, (t) => t.replace(/^date: 2024-02-30/m, "date: 2024-03-14"));
    const redated = await build(w.options);
    expect(redated.patched).toBeUndefined();
    expect(await hashTree(w.out)).toEqual(await w.full());
  });

  it("damaged, is only a slower build: the whole site modelled, and the memory written again", async () => {
    const w = await workspace();
    await build(w.options);
    const files = await w.memory();
    const body = await readFile(files.body);
    const damages: [string, () => Promise<void>][] = [
      ["a head of garbage", () => writeFile(files.head, "not a memory at all")],
      ["a model cut in half", () => writeFile(files.body, body.subarray(0, body.length >> 1))],
      ["a model of another shape", () => writeFile(files.body, serialize({ token: "x", byFile: 5 }))],
    ];
    let paragraph = 0;
    for (const [what, damage] of damages) {
      await damage();
      paragraph++;
      await w.edit(OTHER, (t) => `${t}\nParagraph ${paragraph}, after ${what}.\n`);
      const result = await build(w.options);
      expect(result.ok, what).toBe(true);
      expect(result.patched, what).toBeUndefined();
      expect(await hashTree(w.out)).toEqual(await w.full());
    }
    await w.edit(OTHER, (t) => `${t}\nAnd once more, from a sound memory.\n`);
    expect((await build(w.options)).patched).toBe(true);
    expect(await hashTree(w.out)).toEqual(await w.full());
  });

  it("is forgotten when a build patched on it fails: the next one models the whole site", async () => {
    const w = await workspace();
    await build(w.options);
    const files = await w.memory();
    await w.edit(FERRY, (t) => t.replace("number 12 for Ganja", "number 12 for Ganja, on a full disk"));
    const failed = await build({
      ...w.options,
      seams: {
        fs: {
          // The journal, written before the first rename: the publish fails with the output unchanged.
          writeFile: async (file, data, options) => {
            if (String(file).includes(".journal.json")) throw sysError("ENOSPC", "write", String(file));
            await writeFile(file, data as string, options);
          },
        },
      },
    });
    expect(failed.ok).toBe(false);
    expect(await exists(files.head)).toBe(false);
    const next = await build(w.options);
    expect(next.ok).toBe(true);
    expect(next.patched).toBeUndefined();
    expect(await hashTree(w.out)).toEqual(await w.full());
  });

  it("is the model of the last build that modelled the whole site, and never a failed build's", async () => {
    const w = await workspace();
    await build(w.options);
    const files = await w.memory();
    const before = await readFile(files.body);
    await w.edit(FERRY, (t) => t.replace(/^date: 2024-03-12/m, "date: 2024-02-30"));
    const failed = await build(w.options);
    expect(failed.ok).toBe(false);
    expect(
      failed.diagnostics.some((d) => d.file.endsWith("ferry-update-12.md") && d.severity === "error"),
    ).toBe(true);
    expect(await readFile(files.body)).toEqual(before);
    const names = await readdir(w.cacheDir);
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});
