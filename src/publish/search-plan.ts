import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT, SRC_DIR } from "../core/paths.ts";
import type { Article, Site } from "../core/types.ts";
import { SEARCH_DIR } from "../render/search.ts";
import { shardArticles } from "../site/search-shards.ts";
import { filesPresent, hashTree } from "./incremental.ts";
import type { Manifest, SearchManifest } from "./manifest.ts";

export type { SearchManifest };

/**
 * Incremental search indexing. The index is split into shards (one per language and year, see
 * `site/search-shards.ts`); the manifest keeps a hash of each shard's records, and a build re-indexes only
 * the shards whose hash changed. The other shards' files stay where they are, untouched, like reused pages.
 * Pagefind's output depends only on the records it is given, so a kept shard is byte for byte the shard a
 * full build would write.
 */

export interface SearchPlan {
  /** The shards to index now: all when absent. */
  index?: Set<string>;
  /** Published files the new index keeps unchanged (kept shards, and Pagefind's interface files). */
  keep: string[];
  /** Whether Pagefind's interface files must be written (they are not all kept). */
  interfaceFiles: boolean;
  /** Published articles in the whole index. */
  pages: number;
  manifest: SearchManifest;
}

function sha1(...parts: string[]): string {
  const h = createHash("sha1");
  for (const part of parts) h.update(part).update("\0");
  return h.digest("hex");
}

/** Everything of an article that its search record is made of (the body through its source's hash). */
function recordInputs(a: Article): string {
  return JSON.stringify([
    a.url,
    a.lang.tag,
    a.sourceHash,
    a.title,
    a.dateline ?? "",
    a.summary ?? "",
    a.date.iso,
    a.people.map((r) => r.name),
    a.organizations.map((r) => r.name),
    a.places.map((r) => r.name),
  ]);
}

/** Each shard's hash, by key: its records' inputs in the order they are indexed. */
export function shardHashes(articles: readonly Article[]): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const [key, records] of shardArticles(articles))
    hashes.set(key, sha1(key, ...records.map(recordInputs)));
  return hashes;
}

/** Dateline's sources (the markdown pipeline, the record), the dependencies, and the settings. */
export async function searchFingerprint(
  site: Site,
  codeDirs: readonly string[] = [SRC_DIR],
): Promise<string> {
  const h = createHash("sha1");
  for (const dir of codeDirs) await hashTree(dir, h);
  h.update(await readFile(path.join(PROJECT_ROOT, "package-lock.json")).catch(() => Buffer.from("")));
  h.update(JSON.stringify(site.settings));
  return h.digest("hex");
}

/** The previous build's files in `pagefind/<key>/`, or in `pagefind/` itself for `""`, if all still there. */
function presentFiles(outDir: string, searchFiles: readonly string[], key: string): string[] | undefined {
  const folder = key === "" ? `${SEARCH_DIR}/` : `${SEARCH_DIR}/${key}/`;
  const files = searchFiles.filter(
    (f) => f.startsWith(folder) && (key !== "" || !f.slice(folder.length).includes("/")),
  );
  return files.length > 0 && filesPresent(outDir, files).every(Boolean) ? files : undefined;
}

/**
 * Which shards to index and which to keep: a shard is kept when the previous build indexed the same
 * records with the same code and all its files are still in the output; everything is indexed for a full
 * build, without a previous manifest, or after a change to the code or the settings.
 */
export async function planSearch(
  site: Site,
  outDir: string,
  previous: Manifest | undefined,
  incremental: boolean,
  fingerprint?: string,
): Promise<SearchPlan> {
  const hashes = shardHashes(site.articles);
  const pages = site.articles.filter((a) => a.status === "published").length;
  const manifest: SearchManifest = {
    fingerprint: fingerprint ?? (await searchFingerprint(site)),
    shards: Object.fromEntries(hashes),
  };
  const full: SearchPlan = { keep: [], interfaceFiles: true, pages, manifest };
  const before = previous?.search;
  if (!incremental || !previous || before?.fingerprint !== manifest.fingerprint || !before.shards)
    return full;
  const index = new Set<string>();
  const keep: string[] = [];
  const searchFiles = [...previous.outputs.keys()].filter((f) => f.startsWith(`${SEARCH_DIR}/`));
  for (const [key, h] of hashes) {
    const files = before.shards[key] === h ? presentFiles(outDir, searchFiles, key) : undefined;
    if (files) keep.push(...files);
    else index.add(key);
  }
  const interfaceFiles = presentFiles(outDir, searchFiles, "");
  if (interfaceFiles) keep.push(...interfaceFiles);
  return { index, keep: keep.sort(), interfaceFiles: !interfaceFiles, pages, manifest };
}
