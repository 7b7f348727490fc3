import { cp, mkdtemp, readdir, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadContent } from "../../src/content/content.ts";
import { build } from "../../src/eleventy/build.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

// The content cache's file is written slowly here (as on a busy disk), so a build that did not wait for it
// would return before it is complete.
vi.mock("node:fs/promises", async (original) => {
  const fs = await original<typeof import("node:fs/promises")>();
  const writeFile: typeof fs.writeFile = async (file, ...rest) => {
    if (typeof file === "string" && /content-[0-9a-f]+\.v8\..*\.tmp$/.test(file))
      await new Promise((resolve) => setTimeout(resolve, 400));
    return fs.writeFile(file, ...rest);
  };
  return { ...fs, default: { ...fs, writeFile }, writeFile };
});

describe("the content cache a build writes", () => {
  it("is written while the site is rendered, and complete when the build returns", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "dateline-cache-written-"));
    const content = path.join(root, "content");
    await cp(fixtureDir("newsroom"), content, { recursive: true });
    // An hour old: trusted by size and time (a file saved in the last seconds is read again).
    const past = new Date(Date.now() - 3600_000);
    for (const entry of await readdir(content, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), past, past);
    const cacheDir = path.join(root, "cache");
    const built = await build({
      contentDir: content,
      outDir: path.join(root, "_site"),
      cacheDir,
      buildTime: BUILD_TIME,
      search: false,
    });
    expect(built.ok).toBe(true);
    // Straight after the build: every article file comes from the cache, none is parsed again.
    const again = await loadContent({ contentDir: content, cacheDir, buildTime: BUILD_TIME });
    expect(again.cache?.misses).toBe(0);
    expect(again.cache?.hashHits).toBe(0);
    expect(again.cache?.hits).toBeGreaterThanOrEqual(built.articles ?? 1);
  });
});
