import { SEARCH_DIR } from "../render/search.ts";
import type { Manifest } from "./manifest.ts";

/**
 * Publishing in two phases: the pages (and photos) first, then the search index shards that this build
 * indexes again. Between the phases the output holds the new pages and the previous build's search index,
 * and its manifest says so; these functions make the manifests and the lists of kept files of each phase.
 */

/** Whether an output file belongs to the search index (Pagefind's interface files and every shard). */
export function isSearchFile(file: string): boolean {
  return file.startsWith(`${SEARCH_DIR}/`);
}

/**
 * The manifest of the pages' publish: this build's pages, but the search index that stays published
 * meanwhile, the previous build's (or none), so a build killed between the phases indexes the changed
 * shards again. The search pages held back for the second phase (they name the new shards) claim no page
 * hash, so such a build renders them again.
 */
export function pagesManifest(
  manifest: Manifest,
  previous: Manifest | undefined,
  heldBack: readonly string[],
): Manifest {
  const { search: _final, ...rest } = manifest;
  const pages = new Map(manifest.pages);
  for (const file of heldBack) pages.delete(file);
  return {
    ...rest,
    pages,
    outputs: new Map(),
    ...(previous?.search ? { search: previous.search } : {}),
  };
}

/**
 * Published files the pages' publish leaves as they are, besides the reused pages: every file of the
 * previous search index, and the previous versions of the search pages held back.
 */
export function keptDuringPages(
  previous: Manifest | undefined,
  heldBack: readonly string[],
): Map<string, string> {
  const held = new Set(heldBack);
  const kept = new Map<string, string>();
  for (const [file, hash] of previous?.outputs ?? [])
    if (isSearchFile(file) || held.has(file)) kept.set(file, hash);
  return kept;
}

/**
 * Published files the search index's publish leaves as they are: everything the pages' publish put in
 * place, and the files of the shards this build did not index again. The other files of the previous index
 * are replaced by the staged shards, or removed.
 */
export function keptDuringSearch(published: Manifest, keepSearch: readonly string[]): Map<string, string> {
  const keep = new Set(keepSearch);
  const kept = new Map<string, string>();
  for (const [file, hash] of published.outputs)
    if (!isSearchFile(file) || keep.has(file)) kept.set(file, hash);
  return kept;
}
