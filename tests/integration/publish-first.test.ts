import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BuildOptions, build } from "../../src/eleventy/build.ts";
import { MANIFEST_FILE, readManifest } from "../../src/publish/manifest.ts";
import { recoverInterrupted } from "../../src/publish/output.ts";
import { hostName } from "../../src/publish/owner.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { pausedBuild } from "../helpers/paused-build.ts";
import { sysError } from "../helpers/sys-error.ts";
import { hashTree } from "../helpers/tree.ts";

/**
 * The first publish into an output folder that does not exist or is empty moves the staging folder into
 * place whole, with one rename (src/publish/publish.ts `publishWhole`); these tests hold it to what
 * publishing file by file gives, byte for byte and mode for mode.
 */

/** A fresh parent folder (links resolved, as the build resolves them) and its `_site` path. */
async function place(): Promise<{ parent: string; out: string }> {
  const parent = await realpath(await mkdtemp(path.join(tmpdir(), "dateline-first-")));
  return { parent, out: path.join(parent, "_site") };
}

const isStagingOf = (base: string, from: string) => path.basename(from).startsWith(`${base}.staging-`);
const isStaging = (from: string) => isStagingOf("_site", from);

/**
 * Builds `fixture` into `out`, recording whether the staging folder was renamed onto the output. With
 * `fileByFile`, that rename fails with that error, as if something had been put into the output meanwhile
 * (ENOTEMPTY) or the output were a mount point (EBUSY), so the build publishes file by file: the path every
 * other build takes.
 */
async function buildFirst(
  fixture: string,
  out: string,
  fileByFile?: "ENOTEMPTY" | "EBUSY",
  extra: Partial<BuildOptions> = {},
) {
  const wholeRenames: string[] = [];
  const result = await build({
    contentDir: fixtureDir(fixture),
    outDir: out,
    buildTime: BUILD_TIME,
    ...extra,
    seams: {
      fs: {
        rename: async (from, to) => {
          if (to === out && isStaging(from)) {
            wholeRenames.push(from);
            if (fileByFile) throw sysError(fileByFile, "rename", to);
          }
          await rename(from, to);
        },
        ...extra.seams?.fs,
      },
    },
  });
  return { result, wholeRenames };
}

/** Every file's and folder's permission bits under `dir`, the folder itself as "". */
async function modes(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = { "": ((await stat(dir)).mode & 0o7777).toString(8) };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    found[path.relative(dir, file)] = ((await stat(file)).mode & 0o7777).toString(8);
  }
  return found;
}

async function snapshot(out: string) {
  return { files: await hashTree(out), modes: await modes(out) };
}

describe("the first publish into a missing or empty output", () => {
  it("into a missing folder: one rename, the same files, bytes, manifest and modes as file by file", async () => {
    const fast = await place();
    const whole = await buildFirst("registry", fast.out);
    expect(whole.result.ok).toBe(true);
    expect(whole.wholeRenames).toEqual([
      path.join(fast.parent, `_site.staging-${hostName()}-${process.pid}`),
    ]);

    const slow = await place();
    const fileByFile = await buildFirst("registry", slow.out, "ENOTEMPTY");
    expect(fileByFile.result.ok).toBe(true);
    expect(fileByFile.wholeRenames).toHaveLength(1); // tried, refused, then file by file

    const published = await snapshot(fast.out);
    expect(published).toEqual(await snapshot(slow.out));
    expect(published.files[MANIFEST_FILE]).toBeDefined();
    // The search index (the second phase, published after the rename) is there and in the manifest.
    expect(published.files["pagefind/pagefind-ui.js"]).toBeDefined();
    expect(Object.keys(published.files).filter((f) => f.endsWith("/pagefind-entry.json")).length).toBe(1);
    const manifest = await readManifest(fast.out);
    expect(manifest?.outputs.has("pagefind/pagefind-ui.js")).toBe(true);
    expect(manifest?.outputs.has("index.html")).toBe(true);
    expect(manifest?.search).toBeDefined();
    expect(whole.result.ok && whole.result.searchable).toBeGreaterThan(0);
    expect(await readdir(fast.parent)).toEqual(["_site"]);
    expect(await readdir(slow.parent)).toEqual(["_site"]);
  }, 120_000);

  it("into an empty folder: one rename, and the same bytes and modes as file by file", async () => {
    const made = async () => {
      const where = await place();
      await mkdir(where.out);
      return where;
    };
    const fast = await made();
    const whole = await buildFirst("registry", fast.out, undefined, { search: false });
    expect(whole.result.ok).toBe(true);
    expect(whole.wholeRenames).toHaveLength(1);
    const slow = await made();
    const mounted = await buildFirst("registry", slow.out, "EBUSY", { search: false });
    expect(mounted.result.ok).toBe(true);
    expect(mounted.wholeRenames).toHaveLength(1); // tried, refused (a mount point), then file by file

    const published = await snapshot(fast.out);
    expect(published).toEqual(await snapshot(slow.out));
    expect(published.files["index.html"]).toBeDefined();
    expect(published.files["pagefind/pagefind-ui.js"]).toBeUndefined();
    expect(await readdir(fast.parent)).toEqual(["_site"]);
  }, 120_000);

  it("an empty folder with permissions of its own (setgid) is published file by file, its folders inheriting them", async () => {
    const { parent, out } = await place();
    await mkdir(out);
    await chmod(out, 0o2750);
    const { result, wholeRenames } = await buildFirst("registry", out, undefined, { search: false });
    expect(result.ok).toBe(true);
    expect(wholeRenames).toEqual([]);
    const published = await modes(out);
    expect(published[""]).toBe("2750");
    // Folders made inside a setgid folder take its setgid bit: those a rename of the staging folder would
    // have brought would not have it.
    expect(published["2024"]).toMatch(/^2\d{3}$/);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 120_000);

  it("an output holding anything is published file by file, and what it holds stays", async () => {
    // A damaged manifest counts as none: no previous site, but the folder is not empty.
    const { parent, out } = await place();
    await mkdir(path.join(out, ".well-known"), { recursive: true });
    await writeFile(path.join(out, ".well-known/security.txt"), "Contact: mailto:security@example.org\n");
    await writeFile(path.join(out, MANIFEST_FILE), "not a manifest");
    const { result, wholeRenames } = await buildFirst("registry", out, undefined, { search: false });
    expect(result.ok).toBe(true);
    expect(wholeRenames).toEqual([]);
    const files = await hashTree(out);
    expect(await readFile(path.join(out, ".well-known/security.txt"), "utf8")).toContain("security@");

    const clean = await place();
    await buildFirst("registry", clean.out, undefined, { search: false });
    const { ".well-known/security.txt": _admin, ...site } = files;
    expect(site).toEqual(await hashTree(clean.out));
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 120_000);

  it("keeps today's diagnostics: a cross-device rename, a parent or an empty output without permission", async () => {
    const rules = (r: { diagnostics: { rule: string }[] }) => r.diagnostics.map((d) => d.rule);
    const { parent, out } = await place();
    const crossDevice = await buildFirst("registry", out, undefined, {
      search: false,
      seams: {
        fs: {
          rename: async (from, to) => {
            if (to === out) throw sysError("EXDEV", "rename", to);
            await rename(from, to);
          },
        },
      },
    });
    expect(rules(crossDevice.result)).toEqual(["publish/cross-device"]);
    expect(await readdir(parent)).toEqual([]);

    const parentDenied = await buildFirst("registry", out, undefined, {
      search: false,
      seams: {
        fs: {
          access: async (dir) => {
            if (dir === parent) throw sysError("EACCES", "access", dir);
          },
        },
      },
    });
    expect(rules(parentDenied.result)).toEqual(["publish/permission-denied"]);
    expect(parentDenied.result.diagnostics[0]?.message).toBe(
      `cannot write to ${parent} while publishing: permission denied (EACCES)`,
    );
    expect(await readdir(parent)).toEqual([]);

    // An empty output this build may not write into is left to the file-by-file publish, which says so.
    await mkdir(out);
    const outDenied = await buildFirst("registry", out, undefined, {
      search: false,
      seams: {
        fs: {
          access: async (dir) => {
            if (dir === out) throw sysError("EACCES", "access", dir);
          },
        },
      },
    });
    expect(outDenied.wholeRenames).toEqual([]);
    expect(rules(outDenied.result)).toEqual(["publish/permission-denied"]);
    expect(outDenied.result.diagnostics[0]?.message).toBe(
      `cannot write to ${out} while publishing: permission denied (EACCES)`,
    );
    expect(await readdir(parent)).toEqual(["_site"]);
    expect(await readdir(out)).toEqual([]);
  }, 120_000);
});

describe("a first build killed around the rename", () => {
  const args = (out: string, ...more: string[]) => [
    "--content",
    fixtureDir("registry"),
    "--out",
    out,
    "--build-time",
    BUILD_TIME,
    ...more,
  ];

  it("before it: the empty output stays as it was, and the next build publishes the whole site", async () => {
    const expected = await place();
    await buildFirst("registry", expected.out, undefined, { search: false });

    const { parent, out } = await place();
    await mkdir(out);
    const mode = (await stat(out)).mode;
    const killed = await pausedBuild(args(out, "--no-search"), "staged");
    const siblings = await readdir(parent);
    expect(siblings).toContain(`_site.staging-${hostName()}-${killed.pid}`);
    expect(siblings).toContain("_site.lock");
    await killed.kill();
    expect(await readdir(out)).toEqual([]);
    expect((await stat(out)).mode).toBe(mode);

    const { result, wholeRenames } = await buildFirst("registry", out, undefined, { search: false });
    expect(result.ok).toBe(true);
    expect(wholeRenames).toHaveLength(1);
    expect(await snapshot(out)).toEqual(await snapshot(expected.out));
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 120_000);

  it("after it, before the search index: the whole pages are live, and the next build indexes the search", async () => {
    const expected = await place();
    await buildFirst("registry", expected.out);
    const full = await hashTree(expected.out);

    const { parent, out } = await place();
    const killed = await pausedBuild(args(out), "pages-published");
    // The output is the staging folder renamed: every page and the manifest, no search index yet.
    const live = await hashTree(out);
    const pages = Object.keys(full).filter(
      (f) => !f.startsWith("pagefind/") && !f.endsWith("search/index.html"),
    );
    for (const file of pages.filter((f) => f !== MANIFEST_FILE)) expect(live[file], file).toBe(full[file]);
    expect(Object.keys(live).some((f) => f.startsWith("pagefind/"))).toBe(false);
    expect((await readManifest(out))?.search).toBeUndefined();
    expect(await readdir(parent)).not.toContain(`_site.staging-${hostName()}-${killed.pid}`);
    await killed.kill();

    // The next build (here its recovery alone) removes the dead build's search staging folder.
    expect((await readdir(parent)).some((name) => name.includes(".search-"))).toBe(true);
    expect(await recoverInterrupted(out)).toEqual([]);
    expect((await readdir(parent)).sort()).toEqual(["_site", "_site.lock"]);
    const { result, wholeRenames } = await buildFirst("registry", out);
    expect(result.ok).toBe(true);
    expect(wholeRenames).toEqual([]); // a site is there now: published in place
    expect(await hashTree(out)).toEqual(full);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 120_000);
});

describe("the first publish through a symbolic link", () => {
  it("replaces the empty folder the link points at, and the link keeps pointing at the site", async () => {
    const { parent, out } = await place();
    const real = path.join(parent, "real-site");
    await mkdir(real);
    await symlink(real, out);
    const renamedOnto: string[] = [];
    const result = await build({
      contentDir: fixtureDir("registry"),
      outDir: out,
      buildTime: BUILD_TIME,
      search: false,
      seams: {
        fs: {
          rename: async (from, to) => {
            if (isStagingOf("real-site", from)) renamedOnto.push(to);
            await rename(from, to);
          },
        },
      },
    });
    expect(result.ok).toBe(true);
    expect(renamedOnto).toEqual([real]);
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await readlink(out)).toBe(real);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toContain("<html");
    expect((await readdir(parent)).sort()).toEqual(["_site", "real-site"]);
  }, 120_000);
});
