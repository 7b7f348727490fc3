import { link, mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ChangesInput, planChanges } from "../../src/publish/changes.ts";
import { nodeFs } from "../../src/publish/fs.ts";
import { type Journal, writeJournal } from "../../src/publish/journal.ts";
import { LEGACY_MANIFEST_FILE, MANIFEST_FILE, readManifest } from "../../src/publish/manifest.ts";
import { recoverInterrupted } from "../../src/publish/output.ts";
import { hostName } from "../../src/publish/owner.ts";
import { places } from "../../src/publish/places.ts";

/** A pid no process has (above Linux's largest). */
const DEAD = 99_999_999;

async function tree(files: Record<string, string>, root?: string): Promise<string> {
  const dir = root ?? (await mkdtemp(path.join(tmpdir(), "dateline-tree-")));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

async function pair(published: Record<string, string>, staged: Record<string, string>) {
  const root = await mkdtemp(path.join(tmpdir(), "dateline-plan-"));
  const out = await tree(published, path.join(root, "_site"));
  await mkdir(out, { recursive: true });
  const staging = await tree(staged, path.join(root, "_site.staging-test-1"));
  await mkdir(staging, { recursive: true });
  const input = (extra: Partial<ChangesInput> = {}): ChangesInput => ({
    staging,
    out,
    shownOut: "_site",
    trusted: new Map(),
    owned: new Set(Object.keys(published)),
    current: new Map(),
    ...extra,
  });
  return { root, out, staging, input };
}

describe("planChanges", () => {
  it("moves new and changed files, leaves files with the same bytes untouched", async () => {
    const { input } = await pair(
      { "a/index.html": "<p>same</p>", "b/index.html": "<p>old</p>" },
      { "a/index.html": "<p>same</p>", "b/index.html": "<p>new</p>", "c/index.html": "<p>added</p>" },
    );
    const changes = await planChanges(input());
    expect(changes.move).toEqual(["b/index.html", "c/index.html"]);
    expect(changes.unchanged).toBe(1);
    expect(changes.remove).toEqual([]);
    expect(changes.dirs).toEqual(["c"]);
  });

  it("trusts the hashes recorded when the files were written, without reading the published file", async () => {
    // Same size, different bytes: only the recorded hashes can make this count as unchanged.
    const { input } = await pair({ "a.html": "<p>aaa</p>" }, { "a.html": "<p>bbb</p>" });
    const same = await planChanges(
      input({ trusted: new Map([["a.html", "h1"]]), current: new Map([["a.html", "h1"]]) }),
    );
    expect(same.move).toEqual([]);
    const differ = await planChanges(
      input({ trusted: new Map([["a.html", "h1"]]), current: new Map([["a.html", "h2"]]) }),
    );
    expect(differ.move).toEqual(["a.html"]);
    // An unknown hash ("") is no verdict: the bytes decide.
    const unknown = await planChanges(
      input({ trusted: new Map([["a.html", ""]]), current: new Map([["a.html", "h1"]]) }),
    );
    expect(unknown.move).toEqual(["a.html"]);
  });

  it("counts a file hard-linked from the published one as unchanged", async () => {
    const { out, staging, input } = await pair({ "a.html": "<p>a</p>" }, {});
    await link(path.join(out, "a.html"), path.join(staging, "a.html"));
    const changes = await planChanges(input({ trusted: new Map([["a.html", "other"]]) }));
    expect(changes.move).toEqual([]);
    expect(changes.unchanged).toBe(1);
  });

  it("keeps reused files where they are: unchanged, in the manifest, never removed", async () => {
    const { input } = await pair({ "a/index.html": "<p>a</p>", "b/index.html": "<p>b</p>" }, {});
    const changes = await planChanges(input({ kept: new Map([["a/index.html", "ha"]]) }));
    expect(changes.move).toEqual([]);
    expect(changes.remove).toEqual(["b/index.html"]);
    expect(changes.unchanged).toBe(1);
    expect([...changes.hashes]).toEqual([["a/index.html", "ha"]]);
  });

  it("removes only files the previous manifest lists; an administrator's file stays", async () => {
    const { out, input } = await pair(
      { "gone/index.html": "<p>old</p>", "kept.html": "k" },
      { "kept.html": "k" },
    );
    await tree({ ".well-known/security.txt": "Contact: ops@example.invalid" }, out);
    const changes = await planChanges(input());
    expect(changes.remove).toEqual(["gone/index.html"]);
  });

  it("moves each search index shard's entry file after the rest of the index", async () => {
    const { input } = await pair(
      {},
      {
        "pagefind/en/2023/pagefind-entry.json": "{}",
        "pagefind/en/2023/zz.pf_meta": "m",
        "pagefind/en/2024/pagefind-entry.json": "{}",
        "pagefind/en/2024/fragment/a.pf_fragment": "f",
        "pagefind/pagefind-ui.js": "ui",
      },
    );
    const changes = await planChanges(input());
    expect(changes.move.slice(-2)).toEqual([
      "pagefind/en/2023/pagefind-entry.json",
      "pagefind/en/2024/pagefind-entry.json",
    ]);
    expect(changes.move.slice(0, 3)).toEqual([
      "pagefind/en/2023/zz.pf_meta",
      "pagefind/en/2024/fragment/a.pf_fragment",
      "pagefind/pagefind-ui.js",
    ]);
    expect(changes.dirs).toEqual([
      "pagefind",
      "pagefind/en",
      "pagefind/en/2023",
      "pagefind/en/2024",
      "pagefind/en/2024/fragment",
    ]);
  });

  it("removes first a previous file standing where a folder must go, and refuses anyone else's", async () => {
    const ours = await pair({ "feed.xml": "old feed" }, { "feed.xml/index.html": "<p>page</p>" });
    const changes = await planChanges(ours.input());
    expect(changes.removeFirst).toEqual(["feed.xml"]);
    expect(changes.remove).toEqual([]);
    expect(changes.conflicts).toEqual([]);

    const theirs = await pair({}, { "notes/index.html": "<p>page</p>" });
    await writeFile(path.join(theirs.out, "notes"), "an admin's file");
    const refused = await planChanges(theirs.input());
    expect(refused.conflicts).toMatchObject([
      { rule: "publish/path-conflict", file: path.join("_site", "notes"), line: 1 },
    ]);
    expect(refused.conflicts[0]?.message).toContain("to be a folder, but a file is there");
  });

  it("empties a previous folder where a file must go, unless it holds anything else", async () => {
    const ours = await pair({ "x/index.html": "<p>old</p>" }, { x: "now a file" });
    expect((await planChanges(ours.input())).removeFirst).toEqual(["x/index.html"]);

    const theirs = await pair({ "x/index.html": "<p>old</p>" }, { x: "now a file" });
    await writeFile(path.join(theirs.out, "x/admin.txt"), "keep");
    const refused = await planChanges(theirs.input());
    expect(refused.conflicts.map((d) => d.rule)).toEqual(["publish/path-conflict"]);
  });
});

describe("recoverInterrupted", () => {
  async function site() {
    const parent = await mkdtemp(path.join(tmpdir(), "dateline-recover-"));
    const out = path.join(parent, "_site");
    await tree(
      {
        "index.html": "<p>live</p>",
        // A site built before the compact manifest: its manifest is JSON.
        [LEGACY_MANIFEST_FILE]: '{"version":1,"fingerprint":"f","pages":{},"outputs":{"index.html":"h"}}',
      },
      out,
    );
    return { parent, out, where: await places(out) };
  }

  it("removes staging folders of dead builds and of other machines, never a live build's", async () => {
    const { parent, out } = await site();
    const host = hostName();
    const dead = `_site.staging-${host}-${DEAD}`;
    const live = `_site.staging-${host}-${process.ppid}`;
    const elsewhere = "_site.staging-another-machine-41";
    for (const name of [dead, live, elsewhere]) await tree({ "index.html": "x" }, path.join(parent, name));
    expect(await recoverInterrupted(out)).toEqual([]);
    expect((await readdir(parent)).sort()).toEqual(["_site", live]);
  });

  it("finishes a publish from its journal: moves, removals, the manifest last, then cleans up", async () => {
    const { parent, out, where } = await site();
    await tree({ "old/index.html": "<p>old</p>" }, out);
    const stagingName = `_site.staging-${hostName()}-${DEAD}`;
    await tree(
      { "index.html": "<p>new</p>", "new/index.html": "<p>added</p>", [MANIFEST_FILE]: '{"new":true}' },
      path.join(parent, stagingName),
    );
    const journal: Journal = {
      version: 1,
      staging: stagingName,
      owner: { pid: DEAD, host: hostName(), started: "2024-06-01T00:00:00Z" },
      dirs: ["new"],
      removeFirst: [],
      move: ["index.html", "new/index.html"],
      remove: ["old/index.html"],
      manifest: true,
    };
    await writeJournal(where, journal, nodeFs);
    expect((await recoverInterrupted(out)).map((d) => [d.rule, d.severity])).toEqual([
      ["publish/finished-interrupted", "warning"],
    ]);
    expect(await readdir(parent)).toEqual(["_site"]);
    // The new manifest replaces the JSON one.
    expect((await readdir(out)).sort()).toEqual([MANIFEST_FILE, "index.html", "new"]);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("<p>new</p>");
    expect(await readFile(path.join(out, MANIFEST_FILE), "utf8")).toBe('{"new":true}');
  });

  it("takes away a previous file where a folder must go, and a previous folder where a file must go", async () => {
    const { parent, out, where } = await site();
    await tree({ "feed.xml": "old feed", "x/index.html": "<p>old x</p>" }, out);
    const stagingName = `_site.staging-${hostName()}-${DEAD}`;
    await tree({ "feed.xml/index.html": "<p>a page</p>", x: "now a file" }, path.join(parent, stagingName));
    const journal: Journal = {
      version: 1,
      staging: stagingName,
      owner: { pid: DEAD, host: hostName(), started: "2024-06-01T00:00:00Z" },
      dirs: ["feed.xml"],
      removeFirst: ["feed.xml", "x/index.html"],
      move: ["feed.xml/index.html", "x"],
      remove: [],
      manifest: false,
    };
    await writeJournal(where, journal, nodeFs);
    expect((await recoverInterrupted(out)).map((d) => [d.rule, d.severity])).toEqual([
      ["publish/finished-interrupted", "warning"],
    ]);
    expect(await readFile(path.join(out, "feed.xml/index.html"), "utf8")).toBe("<p>a page</p>");
    expect(await readFile(path.join(out, "x"), "utf8")).toBe("now a file");
    expect(await readdir(parent)).toEqual(["_site"]);
  });

  it("without the journal's staging folder, replaces the manifest by one that forces a full build", async () => {
    const { parent, out, where } = await site();
    const journal: Journal = {
      version: 1,
      staging: `_site.staging-${hostName()}-${DEAD}`,
      owner: { pid: DEAD, host: hostName(), started: "2024-06-01T00:00:00Z" },
      dirs: [],
      removeFirst: [],
      move: ["new/index.html"],
      remove: [],
      manifest: true,
    };
    await writeJournal(where, journal, nodeFs);
    expect(await recoverInterrupted(out)).toEqual([]);
    expect(await readdir(parent)).toEqual(["_site"]);
    expect((await readdir(out)).sort()).toEqual([MANIFEST_FILE, "index.html"]);
    const manifest = await readManifest(out);
    expect(manifest?.fingerprint).toBe("");
    expect(manifest?.pages.size).toBe(0);
    expect(new Map(manifest?.outputs)).toEqual(
      new Map([
        ["index.html", ""],
        ["new/index.html", ""],
      ]),
    );
  });

  it("puts back a site that a build before the journal renamed aside, and clears its leftovers", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "dateline-recover-"));
    await tree({ "index.html": "<p>previous</p>" }, path.join(parent, `_site.old-${DEAD}`));
    await tree({ "pagefind-entry.json": "{}" }, path.join(parent, `_site.search-${DEAD}-old`));
    expect(await recoverInterrupted(path.join(parent, "_site"))).toEqual([]);
    expect(await readdir(parent)).toEqual(["_site"]);
    expect(await readdir(path.join(parent, "_site"))).toEqual(["index.html"]);
  });

  it("keeps the unchanged files' modification times when it finishes a publish", async () => {
    const { parent, out, where } = await site();
    await tree({ "kept.html": "k" }, out);
    await utimes(path.join(out, "kept.html"), 1_000_000, 1_000_000);
    const stagingName = `_site.staging-${hostName()}-${DEAD}`;
    await tree({ "index.html": "<p>new</p>" }, path.join(parent, stagingName));
    await writeJournal(
      where,
      {
        version: 1,
        staging: stagingName,
        owner: { pid: DEAD, host: hostName(), started: "2024-06-01T00:00:00Z" },
        dirs: [],
        removeFirst: [],
        move: ["index.html"],
        remove: [],
        manifest: false,
      },
      nodeFs,
    );
    await recoverInterrupted(out);
    expect((await stat(path.join(out, "kept.html"))).mtimeMs).toBe(1_000_000_000);
  });
});
