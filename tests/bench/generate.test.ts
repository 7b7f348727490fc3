import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeCorpus } from "../../bench/generate.ts";
import { BENCH_PHOTOS, PHOTO_EVERY, writeBenchPhotos } from "../../bench/photos.ts";
import { buildSite } from "../../src/site/site.ts";

const made: string[] = [];

async function corpus(articles: number, seed?: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dateline-bench-corpus-"));
  made.push(dir);
  writeCorpus(dir, { articles, ...(seed === undefined ? {} : { seed }) });
  await writeBenchPhotos(dir);
  return dir;
}

/** Every file under `dir` with the SHA-256 of its bytes, in path order. */
async function hashes(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const lines = await Promise.all(
    entries.map(async (e) => {
      const file = path.join(e.parentPath, e.name);
      const digest = createHash("sha256")
        .update(await readFile(file))
        .digest("hex");
      return `${path.relative(dir, file)} ${digest}`;
    }),
  );
  return lines.sort();
}

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("bench corpus generator", () => {
  it("is deterministic: the same count and seed give byte-identical files", async () => {
    const [a, b, other] = await Promise.all([corpus(50), corpus(50), corpus(50, 7)]);
    const first = await hashes(a);
    expect(first).toEqual(await hashes(b));
    expect(first).not.toEqual(await hashes(other));
  });

  it("writes the requested number of articles and the site settings", async () => {
    const dir = await corpus(50);
    const files = await readdir(path.join(dir, "articles"), { recursive: true });
    expect(files.filter((f) => f.endsWith(".md"))).toHaveLength(50);
    const settings = JSON.parse(await readFile(path.join(dir, "site.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(settings).toMatchObject({ timeZone: "Asia/Baku", language: "en", perPage: 20 });
  });

  it("passes Dateline's own checks, with a few people in many articles and most in few", async () => {
    const dir = await corpus(200);
    const { site, diagnostics } = await buildSite({
      contentDir: dir,
      buildTime: "2025-01-01T00:00:00+04:00",
    });
    expect(diagnostics).toEqual([]);
    expect(site?.articles).toHaveLength(200);

    const counts = (site?.entities.person ?? []).map((p) => p.articles.length).sort((x, y) => y - x);
    expect(counts.length).toBeGreaterThan(20);
    const top = counts[0] ?? 0;
    const median = counts[Math.floor(counts.length / 2)] ?? 0;
    expect(top).toBeGreaterThanOrEqual(5 * median);
    expect(site?.entities.organization.length).toBeGreaterThan(5);
    // One article in ten has a lead photo, from a handful of files.
    const withPhotos = site?.articles.filter((a) => a.image) ?? [];
    expect(withPhotos).toHaveLength(200 / PHOTO_EVERY);
    expect(site?.photos).toHaveLength(BENCH_PHOTOS);
    expect(withPhotos[0]?.image?.main).toMatchObject({ width: 1600, height: 900, type: "image/jpeg" });
  });
});
