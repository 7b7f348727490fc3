import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  stat,
  symlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BuildOptions, build } from "../../src/eleventy/build.ts";
import type { PublishFs } from "../../src/publish/fs.ts";
import { MANIFEST_FILE, readManifest } from "../../src/publish/manifest.ts";
import { hostName } from "../../src/publish/owner.ts";
import { failureLine } from "../../src/publish/publish.ts";
import { buildSearchIndex } from "../../src/render/search.ts";
import { BUILD_TIME, buildInto, fixtureDir } from "../helpers/build-fixture.ts";
import { runCommand } from "../helpers/cli.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { sysError } from "../helpers/sys-error.ts";
import { hashTree } from "../helpers/tree.ts";

/** A published newsroom site, its bytes and its front page's modification time. */
async function published() {
  const parent = await mkdtemp(path.join(tmpdir(), "dateline-fail-"));
  const out = path.join(parent, "_site");
  expect((await buildInto(fixtureDir("newsroom"), out)).ok).toBe(true);
  const snapshot = async () => ({
    files: await hashTree(out),
    mtime: (await stat(path.join(out, "index.html"))).mtimeMs,
    dirs: (await readdir(out, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => path.join(e.parentPath, e.name))
      .sort(),
  });
  return { parent, out, before: await snapshot(), snapshot };
}

function buildWith(out: string, fixture: string, extra: Partial<BuildOptions> = {}) {
  return build({ contentDir: fixtureDir(fixture), outDir: out, buildTime: BUILD_TIME, ...extra });
}

function rules(result: { diagnostics: { rule: string }[] }): string[] {
  return result.diagnostics.map((d) => d.rule);
}

describe("the search index is published after the pages", () => {
  it("an incremental build whose search index fails publishes its pages and keeps the previous index", async () => {
    const content = await contentWith("newsroom");
    const parent = path.dirname(content);
    const out = path.join(parent, "_site");
    expect((await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME })).ok).toBe(true);
    const before = await hashTree(out);
    const manifestBefore = await readManifest(out);
    const article = path.join(content, "articles/2024/03/ferry-update-10.md");
    await writeFile(
      article,
      (await readFile(article, "utf8")).replace("exists only for tests", "was edited"),
    );

    const result = await build({
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      seams: {
        searchIndex: async () => {
          throw new Error("Pagefind could not start: simulated");
        },
      },
    });
    expect(result.ok).toBe(false);
    expect(rules(result)).toEqual(["publish/search-index-failed", "publish/search-behind"]);
    expect(result.diagnostics[0]?.message).toBe(
      "while building the search index: Pagefind could not start: simulated",
    );
    expect(result.publishedSeconds).toBeGreaterThan(0);
    expect(failureLine(result.diagnostics, "_site")).toBe(
      "Build failed after publishing the pages: _site/ has this build's pages and the previous search index; the next build indexes the search again.",
    );
    // The pages are live; the search index, and what the manifest says of it, are the previous build's.
    const after = await hashTree(out);
    expect(await readFile(path.join(out, "2024/03/10/ferry-update-10/index.html"), "utf8")).toContain(
      "was edited",
    );
    const search = (tree: Record<string, string>) =>
      Object.fromEntries(Object.entries(tree).filter(([file]) => file.startsWith("pagefind/")));
    expect(Object.keys(search(before)).length).toBeGreaterThan(5);
    expect(search(after)).toEqual(search(before));
    const manifest = await readManifest(out);
    expect(manifest?.search).toEqual(manifestBefore?.search);
    expect(manifest?.search).toBeDefined();
    expect((await readdir(parent)).sort()).toEqual(["_site", "content"]);

    // The next build indexes the edited article's shard and gives what a full build gives.
    const shards: string[][] = [];
    const next = await build({
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      seams: {
        searchIndex: (articles, dir, options) => {
          shards.push([...(options?.shards ?? ["all"])]);
          return buildSearchIndex(articles, dir, options);
        },
      },
    });
    expect(next.ok).toBe(true);
    expect(shards).toEqual([["en/2024"]]);
    const full = path.join(parent, "full");
    await build({ contentDir: content, outDir: full, buildTime: BUILD_TIME, incremental: false });
    expect(await hashTree(out)).toEqual(await hashTree(full));
  }, 60_000);
  it("after a failed search index, the next build is never taken as up to date: it indexes the shard", async () => {
    const content = await contentWith("newsroom");
    const parent = path.dirname(content);
    const out = path.join(parent, "_site");
    const cacheDir = path.join(await mkdtemp(path.join(tmpdir(), "dateline-stamp-")), "cache");
    const options = { contentDir: content, outDir: out, buildTime: BUILD_TIME, cacheDir };
    expect((await build(options)).ok).toBe(true);
    const article = path.join(content, "articles/2024/03/ferry-update-10.md");
    await writeFile(
      article,
      (await readFile(article, "utf8")).replace("exists only for tests", "was edited"),
    );
    // Files an hour old are trusted by size and time, so a stamp of this content would be believed.
    const past = new Date(Date.now() - 3600_000);
    for (const entry of await readdir(content, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), past, past);
    const failing = await build({
      ...options,
      seams: {
        searchIndex: async () => {
          throw new Error("Pagefind could not start: simulated");
        },
      },
    });
    expect(rules(failing)).toEqual(["publish/search-index-failed", "publish/search-behind"]);
    const shards: string[][] = [];
    const next = await build({
      ...options,
      seams: {
        searchIndex: (articles, dir, o) => {
          shards.push([...(o?.shards ?? ["all"])]);
          return buildSearchIndex(articles, dir, o);
        },
      },
    });
    expect(next.ok).toBe(true);
    expect(next.upToDate).toBeUndefined();
    expect(shards).toEqual([["en/2024"]]);
    // Now it is up to date.
    expect((await build(options)).upToDate).toBe(true);
  }, 60_000);

  it("a full disk while publishing the search index leaves the new pages and the previous index", async () => {
    const content = await contentWith("newsroom");
    const parent = path.dirname(content);
    const out = path.join(parent, "_site");
    expect((await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME })).ok).toBe(true);
    const shard = async () => hashTree(path.join(out, "pagefind/en/2024"));
    const before = await shard();
    const article = path.join(content, "articles/2024/03/ferry-update-10.md");
    await writeFile(
      article,
      (await readFile(article, "utf8")).replace("exists only for tests", "was edited"),
    );
    // The second journal (the search index's) cannot be written.
    let journals = 0;
    const result = await build({
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      seams: {
        fs: {
          writeFile: async (file, data, options) => {
            if (String(file).includes("_site.journal.json") && ++journals === 2)
              throw sysError("ENOSPC", "open", String(file));
            await writeFile(file, data, options);
          },
        },
      },
    });
    expect(journals).toBe(2);
    expect(result.ok).toBe(false);
    expect(rules(result)).toEqual(["publish/disk-full", "publish/search-behind"]);
    expect(await readFile(path.join(out, "2024/03/10/ferry-update-10/index.html"), "utf8")).toContain(
      "was edited",
    );
    expect(await shard()).toEqual(before);
    expect((await readdir(parent)).sort()).toEqual(["_site", "content"]);
    expect((await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME })).ok).toBe(true);
    expect(await shard()).not.toEqual(before);
  }, 60_000);
});

describe("a failing disk or an unwritable location ends in a diagnostic, the site unchanged", () => {
  it("a full disk while rendering (a real ENOSPC: the page is written into /dev/full)", async () => {
    const { parent, out, before, snapshot } = await published();
    const staging = path.join(parent, `_site.staging-${hostName()}-${process.pid}`);
    const fs: Partial<PublishFs> = {
      mkdir: async (dir, options) => {
        const made = await mkdir(dir, options);
        if (dir === staging) await symlink("/dev/full", path.join(staging, "robots.txt"));
        return made;
      },
    };
    const result = await buildWith(out, "registry", { seams: { fs } });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      rule: "publish/disk-full",
      file: out,
      line: 1,
      column: 1,
    });
    // write() reports no file name, so the message names the output the files were for.
    expect(result.diagnostics[0]?.message).toBe(
      `could not write the new files of ${out} while rendering the site: no space is left on the device (ENOSPC)`,
    );
    expect(await snapshot()).toEqual(before);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);

  it("a full disk while staging, while writing the journal, or while creating folders", async () => {
    const { parent, out, before, snapshot } = await published();
    const failOn =
      (test: (file: string) => boolean, syscall: string): PublishFs["writeFile"] =>
      async (file, data, options) => {
        if (test(file)) throw sysError("ENOSPC", syscall, file);
        await writeFile(file, data, options);
      };
    const manifest = await buildWith(out, "registry", {
      seams: { fs: { writeFile: failOn((f) => f.endsWith(MANIFEST_FILE), "open") } },
    });
    expect(rules(manifest)).toEqual(["publish/disk-full"]);
    expect(manifest.diagnostics[0]?.file).toBe(path.join(out, MANIFEST_FILE));

    const journal = await buildWith(out, "registry", {
      seams: { fs: { writeFile: failOn((f) => f.includes("_site.journal.json"), "open") } },
    });
    expect(rules(journal)).toEqual(["publish/disk-full"]);
    expect(journal.diagnostics[0]?.message).toContain("_site.journal.json.tmp-");

    // The second new folder fails (folders are made several at a time, so others may have been made too,
    // here slowly, after the failure): every folder made is removed again, and so is the journal.
    let made = 0;
    const folders = await buildWith(out, "registry", {
      seams: {
        fs: {
          mkdir: async (dir, options) => {
            if (!dir.startsWith(`${out}${path.sep}`)) return mkdir(dir, options);
            if (++made === 2) throw sysError("ENOSPC", "mkdir", dir);
            await new Promise((resolve) => setTimeout(resolve, 50));
            return mkdir(dir, options);
          },
        },
      },
    });
    expect(made).toBeGreaterThanOrEqual(2);
    expect(rules(folders)).toEqual(["publish/disk-full"]);
    expect(folders.diagnostics[0]?.message).toMatch(
      /^could not create the folder .+ while publishing: no space/,
    );

    expect(await snapshot()).toEqual(before);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);

  it("a read-only file system or a folder without permission (simulated: tests run as root)", async () => {
    const { parent, out, before, snapshot } = await published();
    const staging = path.join(parent, `_site.staging-${hostName()}-${process.pid}`);
    const readOnly = await buildWith(out, "registry", {
      seams: {
        fs: {
          mkdir: async (dir, options) => {
            if (dir === staging) throw sysError("EROFS", "mkdir", dir);
            return mkdir(dir, options);
          },
        },
      },
    });
    expect(rules(readOnly)).toEqual(["publish/read-only"]);
    expect(readOnly.diagnostics[0]?.message).toBe(
      `could not create the folder ${staging} while preparing the new site beside the output: the file system there is mounted read-only (EROFS)`,
    );

    const denied = await buildWith(out, "registry", {
      seams: {
        fs: {
          access: async (dir) => {
            if (dir === out) throw sysError("EACCES", "access", dir);
          },
        },
      },
    });
    expect(rules(denied)).toEqual(["publish/permission-denied"]);
    expect(denied.diagnostics[0]?.message).toBe(
      `cannot write to ${out} while publishing: permission denied (EACCES)`,
    );
    expect(await snapshot()).toEqual(before);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);

  it("an output under a file, which even root cannot write (a real error: EEXIST), from the command line", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "dateline-fail-"));
    const file = path.join(parent, "a-file");
    await writeFile(file, "not a folder");
    const out = path.join(file, "_site");
    const r = await runCommand("build", ["--content", fixtureDir("registry"), "--out", out, "--no-search"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${file}:1:1  error  could not create the folder ${file} while locking the output folder: a part of the path is a file, not a folder (EEXIST)  [publish/not-a-folder]`,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await readdir(parent)).toEqual(["a-file"]);
  }, 60_000);

  it("a path longer than the file system allows (a real ENAMETOOLONG while rendering)", async () => {
    let deep = await mkdtemp(path.join(tmpdir(), "dateline-fail-"));
    while (deep.length < 4040) deep = path.join(deep, "d".repeat(Math.min(200, 4040 - deep.length)));
    await mkdir(deep, { recursive: true });
    const out = path.join(deep, "_site");
    const result = await buildWith(out, "newsroom", { search: false });
    expect(result.ok).toBe(false);
    expect(rules(result)).toEqual(["publish/name-too-long"]);
    expect(result.diagnostics[0]?.message).toContain("while rendering the site: the path is longer");
    expect(result.diagnostics[0]?.file.startsWith(out)).toBe(true);
    expect(await readdir(deep)).toEqual([]);
  }, 60_000);
});

describe("a failure midway through the renames", () => {
  it("says the output is partly updated, keeps the journal, and the next build finishes the publish", async () => {
    const { parent, out } = await published();
    const clean = await hashTree((await buildInto(fixtureDir("registry"))).outDir);
    let renames = 0;
    const result = await buildWith(out, "registry", {
      seams: {
        fs: {
          rename: async (from, to) => {
            if (to.startsWith(`${out}${path.sep}`) && ++renames === 5) throw sysError("EIO", "rename", to);
            await rename(from, to);
          },
        },
      },
    });
    expect(rules(result)).toEqual(["publish/io-error", "publish/interrupted"]);
    expect(result.diagnostics[1]?.message).toContain("stopped midway");
    expect(await readdir(parent)).toContain("_site.journal.json");

    const next = await buildWith(out, "registry");
    expect(next.ok).toBe(true);
    expect(await hashTree(out)).toEqual(clean);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);
});
