import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildResult, build } from "../../src/eleventy/build.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = path.join(ROOT, "tests/fixtures");
/** A fixed "now" so fixture builds are reproducible. */
export const BUILD_TIME = "2024-06-01T12:00:00+04:00";

export function fixtureDir(name: string): string {
  return path.join(FIXTURES, name);
}

/** Builds a content folder into a fresh temporary output folder. */
export async function buildInto(
  contentDir: string,
  outDir?: string,
): Promise<BuildResult & { outDir: string }> {
  const out = outDir ?? path.join(await mkdtemp(path.join(tmpdir(), "dateline-out-")), "_site");
  const result = await build({ contentDir, outDir: out, buildTime: BUILD_TIME });
  return { ...result, outDir: out };
}

/** Builds `tests/fixtures/<name>` into a fresh temporary folder. */
export function buildFixture(name: string): Promise<BuildResult & { outDir: string }> {
  return buildInto(fixtureDir(name));
}

/** Builds the real sample content in `content/`. */
export function buildSample(): Promise<BuildResult & { outDir: string }> {
  return buildInto(path.join(ROOT, "content"));
}
