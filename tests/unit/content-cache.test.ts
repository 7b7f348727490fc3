import type { Stats } from "node:fs";
import {
  appendFile,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import { cacheDirFrom, openContentCache } from "../../src/content/cache.ts";
import { loadContent } from "../../src/content/content.ts";
import type { ParsedDocument } from "../../src/content/frontmatter.ts";
import { listMarkdownFiles } from "../../src/content/load.ts";
import { diagnostic } from "../../src/core/diagnostics.ts";
import { unchangedBesides } from "../../src/eleventy/watch.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

/** An hour ago: older than the cache's "just modified" window, so size and time are trusted. */
const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

interface Workspace {
  content: string;
  cache: string;
  files: string[];
}

/** A copy of a fixture with every markdown file dated an hour ago, and an empty cache folder. */
async function workspace(fixture: string): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "dateline-cache-"));
  const content = path.join(dir, "content");
  await cp(fixtureDir(fixture), content, { recursive: true });
  const files = await listMarkdownFiles(content);
  for (const file of files) await utimes(file, AN_HOUR_AGO, AN_HOUR_AGO);
  return { content, cache: path.join(dir, "cache"), files };
}

const load = (ws: Workspace, cached = true) =>
  loadContent({
    contentDir: ws.content,
    buildTime: BUILD_TIME,
    preview: true,
    ...(cached ? { cacheDir: ws.cache } : {}),
  });

/** A parsed document as plain data, with two of its positions (found again from the cached text). */
function documentView(document: ParsedDocument) {
  const { positionOf, ...data } = document;
  return { ...data, title: positionOf(["title"]), secondPerson: positionOf(["people", 1]) };
}

/** Everything a `Content` holds, as plain data, to compare a cached run with one that read every file. */
async function view(ws: Workspace, cached = true) {
  const { content, diagnostics } = await load(ws, cached);
  if (!content) throw new Error("no content");
  return {
    articles: content.articles.map((a) => ({ ...a, document: documentView(a.document) })),
    invalidDocuments: content.invalidDocuments.map(documentView),
    registry: content.registry,
    registryDocuments: content.registryDocuments.map(documentView),
    entities: content.index.entities,
    refs: content.index.refs,
    diagnostics,
  };
}

/** The main cache file (not its delta). */
async function cacheFile(ws: Workspace): Promise<string> {
  const name = (await readdir(ws.cache)).find((f) => !f.endsWith(".delta.v8"));
  if (!name) throw new Error("no cache file");
  return path.join(ws.cache, name);
}

describe("the content cache", () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await workspace("registry");
  });

  it("reads and parses every file on the first run, and none on the next", async () => {
    expect(ws.files.length).toBe(10);
    expect((await load(ws)).cache).toEqual({ hits: 0, hashHits: 0, misses: 10 });
    expect((await load(ws)).cache).toEqual({ hits: 10, hashHits: 0, misses: 0 });
  });

  it("gives the same Content from the cache as from the files, dates, maps and positions included", async () => {
    const uncached = await view(ws, false);
    await load(ws);
    const cached = await view(ws);
    expect(cached).toEqual(uncached);
    const first = cached.articles[0];
    expect(first?.input.date).toEqual({
      iso: expect.any(String),
      text: expect.any(String),
      epoch: expect.any(Number),
    });
    expect(first?.document.keyLines).toBeInstanceOf(Map);
    expect(first?.document.keyLines.get("title")).toBe(2);
    expect(cached.articles.some((a) => a.document.secondPerson !== undefined)).toBe(true);
  });

  it("keeps an article's body once in the cache file, also when it writes an unchanged entry again", async () => {
    const [edited, other] = ws.files.filter((f) => f.includes(`${path.sep}articles${path.sep}`)) as [
      string,
      string,
    ];
    const sentence = "The fictional harbour master counted ninety-one gulls at dawn.";
    await appendFile(edited, `\n${sentence}\n`);
    await utimes(edited, AN_HOUR_AGO, AN_HOUR_AGO);
    const times = async () =>
      (await readFile(await cacheFile(ws))).toString("latin1").split(sentence).length - 1;
    await load(ws);
    expect(await times()).toBe(1);
    // Another file changes: the cache is written again, the first article's entry as it was read from it.
    await appendFile(other, "\nAnother closing paragraph.\n");
    await utimes(other, AN_HOUR_AGO, AN_HOUR_AGO);
    expect((await load(ws)).cache).toMatchObject({ misses: 1 });
    expect(await times()).toBe(1);
    const { content } = await load(ws);
    const article = content?.articles.find((a) => path.resolve(a.input.file) === edited);
    expect(article?.input.body).toContain(sentence);
    expect(article?.document.body).toContain(sentence);
  });

  it("keeps texts past one write's worth (8 MB, in Cyrillic and Greek) at their byte offsets", async () => {
    // Eight articles of about 1.6 MB each, two bytes a letter: the texts fill two buffers of the file.
    const article = ws.files.find((f) => f.includes(`${path.sep}articles${path.sep}`)) as string;
    const original = await readFile(article, "utf8");
    for (let i = 0; i < 8; i++) {
      const line = `${i} Ферзана Олдерова и Ελένη Καρυστινού открыли новый причал. `.repeat(200);
      const body = Array.from({ length: 70 }, (_, n) => `${n} ${line}`).join("\n\n");
      const file = path.join(path.dirname(article), `long-${i}.md`);
      await writeFile(
        file,
        original
          .replace(/^title: .*$/m, `title: "Long ${i}"`)
          .replace(/\n---\n[\s\S]*$/, `\n---\n\n${body}\n`),
      );
      await utimes(file, AN_HOUR_AGO, AN_HOUR_AGO);
    }
    const uncached = await view(ws, false);
    await load(ws);
    expect((await stat(await cacheFile(ws))).size).toBeGreaterThan(10 * 1024 * 1024);
    const cached = await view(ws);
    expect(cached).toEqual(uncached);
    expect(cached.articles.filter((a) => a.input.title.startsWith("Long ")).length).toBe(8);
  });

  it("reads and parses again a file whose size changed, and only that one", async () => {
    const edited = ws.files.find((f) => f.includes(`${path.sep}articles${path.sep}`)) as string;
    await load(ws);
    await appendFile(edited, "\nA new closing paragraph.\n");
    await utimes(edited, AN_HOUR_AGO, AN_HOUR_AGO);
    const { content, cache } = await load(ws);
    expect(cache).toEqual({ hits: 9, hashHits: 0, misses: 1 });
    const article = content?.articles.find((a) => path.resolve(a.input.file) === edited);
    expect(article?.input.body).toContain("A new closing paragraph.");
    expect(article?.document.body).toContain("A new closing paragraph.");
  });

  it("reads a file whose time changed (same size) and parses it again if its bytes differ", async () => {
    const edited = ws.files.find((f) => f.includes(`${path.sep}articles${path.sep}`)) as string;
    await load(ws);
    const text = await readFile(edited, "utf8");
    const changed = text.replace(/title: "?(.)/, (match, letter: string) =>
      match.replace(letter, letter === "Q" ? "Z" : "Q"),
    );
    expect(changed.length).toBe(text.length);
    await writeFile(edited, changed);
    await utimes(edited, new Date(Date.now() - 600_000), new Date(Date.now() - 600_000));
    const { cache } = await load(ws);
    expect(cache).toEqual({ hits: 9, hashHits: 0, misses: 1 });
  });

  it("does not parse again a touched file whose bytes are the same", async () => {
    await load(ws);
    const touched = new Date(Date.now() - 1_800_000);
    await utimes(ws.files[0] as string, touched, touched);
    expect((await load(ws)).cache).toEqual({ hits: 9, hashHits: 1, misses: 0 });
    expect((await load(ws)).cache).toEqual({ hits: 10, hashHits: 0, misses: 0 });
  });

  it("compares a file modified just before it was read by its bytes on the next run", async () => {
    const now = new Date();
    await utimes(ws.files[0] as string, now, now);
    await load(ws);
    expect((await load(ws)).cache).toEqual({ hits: 9, hashHits: 1, misses: 0 });
  });

  it("forgets a deleted file", async () => {
    const removed = ws.files.find((f) => f.includes(`${path.sep}articles${path.sep}`)) as string;
    const before = (await load(ws)).content?.articles.length ?? 0;
    await rm(removed);
    const { content, cache } = await load(ws);
    expect(cache).toEqual({ hits: 9, hashHits: 0, misses: 0 });
    expect(content?.articles.length).toBe(before - 1);
  });

  it("after a small change writes only a delta file: the main file keeps its bytes and time", async () => {
    const uncachedBefore = await view(ws, false);
    await load(ws);
    const main = await cacheFile(ws);
    const before = { bytes: await readFile(main), time: (await stat(main)).mtimeMs };
    const edited = ws.files.find((f) => f.includes(`${path.sep}articles${path.sep}`)) as string;
    await appendFile(edited, "\nA new closing paragraph.\n");
    await utimes(edited, AN_HOUR_AGO, AN_HOUR_AGO);
    expect((await load(ws)).cache).toEqual({ hits: 9, hashHits: 0, misses: 1 });
    expect((await readdir(ws.cache)).sort()).toEqual([
      path.basename(main).replace(/\.v8$/, ".delta.v8"),
      path.basename(main),
    ]);
    expect((await readFile(main)).equals(before.bytes)).toBe(true);
    expect((await stat(main)).mtimeMs).toBe(before.time);
    // The next run reads the main file and the delta: every file is found, with its new text.
    expect((await load(ws)).cache).toEqual({ hits: 10, hashHits: 0, misses: 0 });
    expect(await view(ws)).toEqual(await view(ws, false));
    expect(await view(ws)).not.toEqual(uncachedBefore);

    // A deleted file is forgotten through the delta too.
    await rm(edited);
    expect((await load(ws)).cache).toEqual({ hits: 9, hashHits: 0, misses: 0 });
    expect((await load(ws)).cache).toEqual({ hits: 9, hashHits: 0, misses: 0 });
    expect(await view(ws)).toEqual(await view(ws, false));
  });

  it("read-only (the render worker's): uses what the cache has, keeps and writes nothing", async () => {
    await load(ws);
    const before = await readdir(ws.cache);
    const main = await cacheFile(ws);
    const bytes = await readFile(main);
    const edited = ws.files.find((f) => f.includes(`${path.sep}articles${path.sep}`)) as string;
    await appendFile(edited, "\nA new closing paragraph.\n");
    await utimes(edited, AN_HOUR_AGO, AN_HOUR_AGO);
    const readOnly = () =>
      loadContent({
        contentDir: ws.content,
        buildTime: BUILD_TIME,
        preview: true,
        cacheDir: ws.cache,
        readOnlyCache: true,
      });
    const { content, cache } = await readOnly();
    expect(cache).toEqual({ hits: 9, hashHits: 0, misses: 1 });
    expect(content?.articles.find((a) => path.resolve(a.input.file) === edited)?.input.body).toContain(
      "A new closing paragraph.",
    );
    expect(await readdir(ws.cache)).toEqual(before);
    expect((await readFile(main)).equals(bytes)).toBe(true);
    // Nothing was kept: the next run (read-only or not) parses the edited file again.
    expect((await readOnly()).cache).toEqual({ hits: 9, hashHits: 0, misses: 1 });
    expect((await load(ws)).cache).toEqual({ hits: 9, hashHits: 0, misses: 1 });
  });

  it("in the publishing mode, looks only at the files the watcher named (and at links, whose target may change)", async () => {
    const [named, unnamed, linked] = ws.files.filter((f) => f.includes(`${path.sep}articles${path.sep}`)) as [
      string,
      string,
      string,
    ];
    // One article becomes a link to a copy of itself outside the articles folder, inside the content.
    const target = path.join(ws.content, "linked-article.txt");
    await cp(linked, target);
    await rm(linked);
    await symlink(target, linked);
    const first = await openContentCache(ws.cache, ws.content);
    const loaded = await loadContent({
      contentDir: ws.content,
      buildTime: BUILD_TIME,
      preview: true,
      cache: first,
    });
    expect(loaded.cache).toMatchObject({ misses: 10 });
    const relative = (file: string) => path.relative(ws.content, file).split(path.sep).join("/");
    for (const file of [named, unnamed, target]) {
      await appendFile(file, "\nA closing paragraph added later.\n");
      await utimes(file, AN_HOUR_AGO, AN_HOUR_AGO);
    }
    // The watcher named one file: the other edits go unseen, but for the link's, which is looked at.
    const next = first.successor(unchangedBesides(ws.content, [relative(named)]));
    const { content, cache } = await loadContent({
      contentDir: ws.content,
      buildTime: BUILD_TIME,
      preview: true,
      cache: next,
    });
    expect(cache).toEqual({ hits: 8, hashHits: 0, misses: 2 });
    const body = (file: string) =>
      content?.articles.find((a) => path.resolve(a.input.file) === path.resolve(file))?.input.body;
    expect(body(named)).toContain("A closing paragraph added later.");
    expect(body(linked)).toContain("A closing paragraph added later.");
    expect(body(unnamed)).not.toContain("A closing paragraph added later.");
    // Without the watcher's word (a lost watcher), every file is looked at again.
    const all = await loadContent({
      contentDir: ws.content,
      buildTime: BUILD_TIME,
      preview: true,
      cache: next.successor(),
    });
    expect(all.cache).toEqual({ hits: 9, hashHits: 0, misses: 1 });
  });

  it("takes what the build's stamp saw of each file instead of looking again", async () => {
    await load(ws);
    const edited = ws.files.find((f) => f.includes(`${path.sep}articles${path.sep}`)) as string;
    const seen = new Map(
      await Promise.all(ws.files.map(async (f) => [path.resolve(f), await stat(f)] as const)),
    );
    await appendFile(edited, "\nA paragraph saved after the stamp was taken.\n");
    await utimes(edited, AN_HOUR_AGO, AN_HOUR_AGO);
    const run = (knownStats?: Map<string, Stats>) =>
      loadContent({
        contentDir: ws.content,
        buildTime: BUILD_TIME,
        preview: true,
        cacheDir: ws.cache,
        ...(knownStats ? { knownStats } : {}),
      });
    // The stamp saw the file as it was: the cached result stands (the next build's stamp sees the change).
    expect((await run(seen)).cache).toEqual({ hits: 10, hashHits: 0, misses: 0 });
    expect((await run()).cache).toEqual({ hits: 9, hashHits: 0, misses: 1 });
  });

  it("counts a file inside a folder the watcher named as changed", () => {
    const unchanged = unchangedBesides("content", ["articles/2024", "site.json"]);
    expect(unchanged(path.join("content", "articles", "2024", "03", "a.md"))).toBe(false);
    expect(unchanged(path.join("content", "articles", "2024-old", "a.md"))).toBe(true);
    expect(unchanged(path.join("content", "articles", "2025", "01", "b.md"))).toBe(true);
    expect(unchanged(path.join("content", "site.json"))).toBe(false);
  });

  it("ignores a delta file written over another main file", async () => {
    await load(ws);
    const main = await cacheFile(ws);
    const delta = main.replace(/\.v8$/, ".delta.v8");
    const gone = ws.files.find((f) => f.includes(`${path.sep}articles${path.sep}`)) as string;
    const text = await readFile(gone);
    await rm(gone);
    await load(ws);
    const stale = await readFile(delta); // says: this file is gone
    await writeFile(gone, text);
    await utimes(gone, AN_HOUR_AGO, AN_HOUR_AGO);
    await rm(main);
    expect((await load(ws)).cache).toEqual({ hits: 0, hashHits: 0, misses: 10 });
    expect(await readdir(ws.cache)).toEqual([path.basename(main)]);
    await writeFile(delta, stale);
    // Applied, the stale delta would drop the restored file from the cache: it would be read again.
    expect((await load(ws)).cache).toEqual({ hits: 10, hashHits: 0, misses: 0 });
  });

  it("writes the main file again, without a delta, when many files changed", async () => {
    const many = await workspace("registry");
    const dir = path.join(many.content, "articles/2024/02");
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < 240; i++)
      await writeFile(
        path.join(dir, `notice-${i}.md`),
        `---\ntitle: Harbour notice ${i}\ndate: 2024-02-${String(1 + (i % 28)).padStart(2, "0")}\n---\nNotice ${i}.\n`,
      );
    const files = await listMarkdownFiles(many.content);
    for (const file of files) await utimes(file, AN_HOUR_AGO, AN_HOUR_AGO);
    await load(many);
    const main = await cacheFile(many);
    const before = (await stat(main)).mtimeMs;
    for (let i = 0; i < 240; i++) {
      await appendFile(path.join(dir, `notice-${i}.md`), "More.\n");
      await utimes(path.join(dir, `notice-${i}.md`), AN_HOUR_AGO, AN_HOUR_AGO);
    }
    expect((await load(many)).cache).toMatchObject({ misses: 240 });
    expect(await readdir(many.cache)).toEqual([path.basename(main)]);
    expect((await stat(main)).mtimeMs).not.toBe(before);
    expect((await load(many)).cache).toEqual({ hits: files.length, hashHits: 0, misses: 0 });
  });

  it("ignores a corrupt or truncated cache file and rebuilds it, without a diagnostic", async () => {
    const uncached = await view(ws, false);
    await load(ws);
    const file = await cacheFile(ws);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await load(ws)).cache).toEqual({ hits: 0, hashHits: 0, misses: 10 });
    await writeFile(file, "not a cache at all");
    expect(await view(ws)).toEqual(uncached);
    expect((await load(ws)).cache).toEqual({ hits: 10, hashHits: 0, misses: 0 });
  });

  it("starts over when site.json changes (settings decide how articles are read)", async () => {
    await load(ws);
    const settings = path.join(ws.content, "site.json");
    await writeFile(settings, `${(await readFile(settings, "utf8")).trimEnd()}\n\n`);
    expect((await load(ws)).cache).toEqual({ hits: 0, hashHits: 0, misses: 10 });
  });

  it("gives the same diagnostics from the cache for files with errors", async () => {
    const broken = await workspace("check-errors");
    const uncached = await view(broken, false);
    expect(uncached.diagnostics.some((d) => d.severity === "error")).toBe(true);
    await load(broken);
    expect(await view(broken)).toEqual(uncached);
    expect((await load(broken)).cache).toEqual({ hits: 2, hashHits: 0, misses: 0 });
  });
});

describe("warning rules' per-file results in the cache", () => {
  it("keeps a result while the file and the key are the same, across runs", async () => {
    const ws = await workspace("check-warnings");
    const first = await loadContent({
      contentDir: ws.content,
      preview: true,
      cacheDir: ws.cache,
      deferCacheSave: true,
    });
    const file = first.content?.articles[0]?.input.file as string;
    const found = [diagnostic("warning", "html/removed", file, 3, "a <script> element")];
    let computed = 0;
    const compute = () => {
      computed++;
      return found;
    };
    expect(first.content?.memo?.(file, "html/removed", "k", compute)).toEqual(found);
    expect(first.content?.memo?.(file, "html/removed", "k", compute)).toEqual(found);
    expect(computed).toBe(1);
    await first.saveCache?.();
    const second = await loadContent({ contentDir: ws.content, preview: true, cacheDir: ws.cache });
    expect(second.content?.memo?.(file, "html/removed", "k", compute)).toEqual(found);
    expect(computed).toBe(1);
    expect(second.content?.memo?.(file, "html/removed", "other key", compute)).toEqual(found);
    expect(computed).toBe(2);
  });

  it("keeps a result over the whole content folder while its key is the same", async () => {
    const ws = await workspace("check-warnings");
    const found = [diagnostic("warning", "entity/probable-variant", "a.md", 1, "a variant")];
    let computed = 0;
    const compute = () => {
      computed++;
      return found;
    };
    const first = await loadContent({
      contentDir: ws.content,
      preview: true,
      cacheDir: ws.cache,
      deferCacheSave: true,
    });
    expect(first.content?.memo?.("", "entity/probable-variant", "k", compute)).toEqual(found);
    await first.saveCache?.();
    const second = await loadContent({ contentDir: ws.content, preview: true, cacheDir: ws.cache });
    expect(second.content?.memo?.("", "entity/probable-variant", "k", compute)).toEqual(found);
    expect(computed).toBe(1);
    second.content?.memo?.("", "entity/probable-variant", "k2", compute);
    expect(computed).toBe(2);
  });

  it("gives entity/probable-variant again after an edit that changes it", async () => {
    const ws = await workspace("check-warnings");
    const before = await checkContent(ws.content, { cacheDir: ws.cache });
    const variants = before.diagnostics.filter((d) => d.rule === "entity/probable-variant");
    expect(variants.length).toBeGreaterThan(0);
    const file = path.resolve(variants[0]?.file as string);
    await rm(file);
    const after = await checkContent(ws.content, { cacheDir: ws.cache });
    expect(after).toEqual(await checkContent(ws.content));
    expect(after.diagnostics.filter((d) => d.file === variants[0]?.file)).toEqual([]);
  });

  it.each([
    ["check-warnings", "article/entity-not-in-body"],
    ["hostile-html", "html/removed"],
  ])(
    "gives npm run check's warnings for %s unchanged on a second run with the cache (%s)",
    async (fixture, rule) => {
      const ws = await workspace(fixture);
      const uncached = await checkContent(ws.content);
      expect(uncached.diagnostics.filter((d) => d.rule === rule).length).toBeGreaterThan(0);
      expect(await checkContent(ws.content, { cacheDir: ws.cache })).toEqual(uncached);
      expect(await checkContent(ws.content, { cacheDir: ws.cache })).toEqual(uncached);
    },
  );
});

describe("cacheDirFrom", () => {
  it("takes --cache, then DATELINE_CACHE_DIR, then .cache/dateline; none with --no-cache", () => {
    const saved = process.env.DATELINE_CACHE_DIR;
    try {
      delete process.env.DATELINE_CACHE_DIR;
      expect(cacheDirFrom(undefined, false)).toBe(path.join(".cache", "dateline"));
      expect(cacheDirFrom("ci-cache", false)).toBe("ci-cache");
      expect(cacheDirFrom("ci-cache", true)).toBeUndefined();
      process.env.DATELINE_CACHE_DIR = "/var/cache/dateline";
      expect(cacheDirFrom(undefined, false)).toBe("/var/cache/dateline");
      process.env.DATELINE_CACHE_DIR = "off";
      expect(cacheDirFrom(undefined, false)).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.DATELINE_CACHE_DIR;
      else process.env.DATELINE_CACHE_DIR = saved;
    }
  });
});
