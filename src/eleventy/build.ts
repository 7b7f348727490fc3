import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, Site } from "../core/types.ts";
import { checkOutputDir } from "../publish/guard.ts";
import { linkReused, planRender, writeManifest } from "../publish/incremental.ts";
import {
  createStaging,
  discardStaging,
  keepUnchangedTimes,
  listFiles,
  publishStaging,
} from "../publish/output.ts";
import { type BuildProgress, expectedFiles, silentProgress } from "../publish/progress.ts";
import { buildSearchIndex, SEARCH_DIR } from "../render/search.ts";
import { type BuildSiteOptions, buildSite } from "../site/site.ts";
import { renderSite } from "./run.ts";

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  articles: number;
  files: number;
  /** Pages in the search index. */
  searchable: number;
  /** Files whose bytes did not change since the previous build (they keep their modification time). */
  unchanged: number;
  /** Pages taken from the previous build because nothing they show changed. */
  reused: number;
  /** Seconds until the new pages were in place (an incremental build updates the search index after). */
  publishedSeconds: number;
  seconds: number;
}

export interface BuildOptions extends BuildSiteOptions {
  outDir: string;
  progress?: BuildProgress;
  /** Re-render only the pages whose content changed since the previous build in `outDir` (default true). */
  incremental?: boolean;
  /** Build the Pagefind search index (default true). */
  search?: boolean;
}

async function hasSearchIndex(outDir: string): Promise<boolean> {
  return stat(path.join(outDir, SEARCH_DIR, "pagefind-entry.json")).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function searchFiles(outDir: string): Promise<string[]> {
  return (await listFiles(path.join(outDir, SEARCH_DIR))).map((f) => path.join(SEARCH_DIR, f));
}

/** Rebuilds the search index beside the published site and swaps it in with two renames. */
async function updateSearchIndex(site: Site, outDir: string, progress: BuildProgress): Promise<number> {
  const fresh = `${path.resolve(outDir)}.search-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  progress.phase("Updating the search index");
  const count = await buildSearchIndex(site.articles, fresh, site.settings.language);
  progress.stop();
  const published = path.join(outDir, SEARCH_DIR);
  await keepUnchangedTimes(path.join(fresh, SEARCH_DIR), published);
  const old = `${fresh}-old`;
  await rename(published, old);
  await rename(path.join(fresh, SEARCH_DIR), published);
  await rm(old, { recursive: true, force: true });
  await rm(fresh, { recursive: true, force: true });
  return count;
}

/**
 * The whole production build: read and check all content; only if there is no error, render into a staging
 * folder and move it into place. On any error the previous output stays exactly as it was.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const unsafe = await checkOutputDir(options);
  const { site, diagnostics } = await buildSite({ ...options, onLoaded: progress.loaded });
  diagnostics.unshift(...unsafe);
  progress.stop();
  const seconds = () => (performance.now() - started) / 1000;
  if (!site || unsafe.length > 0)
    return {
      ok: false,
      diagnostics,
      articles: 0,
      files: 0,
      searchable: 0,
      unchanged: 0,
      reused: 0,
      publishedSeconds: 0,
      seconds: seconds(),
    };
  const search = options.search ?? true;
  const staging = await createStaging(options.outDir);
  try {
    const plan = await planRender(site, options.outDir, options.incremental ?? true);
    // A full build indexes for search while Eleventy renders: Pagefind runs in its own process, so the two
    // share the machine's cores. An incremental build publishes the pages first, with the previous search
    // index, and then swaps in the new index: pages go live in seconds.
    const searchLater = search && plan.reuse.length > 0 && (await hasSearchIndex(options.outDir));
    const searchNow = search && !searchLater;
    progress.rendering(expectedFiles(site, plan.reuse.length));
    const [rendered, indexed] = await Promise.all([
      renderSite(site, staging, { onWrite: progress.wrote, ...(plan.select ? { select: plan.select } : {}) }),
      searchNow ? buildSearchIndex(site.articles, staging, site.settings.language) : Promise.resolve(0),
    ]);
    let searchable = indexed;
    await linkReused(plan.reuse, options.outDir, staging);
    const previousOutputs = plan.previous?.outputs ?? {};
    for (const file of plan.reuse) {
      const hash = previousOutputs[file];
      if (hash !== undefined) plan.manifest.outputs[file] = hash;
    }
    for (const [file, hash] of rendered.outputs) plan.manifest.outputs[file] = hash;
    await writeManifest(staging, plan.manifest);
    const files = rendered.written + plan.reuse.length;
    if (searchLater) await linkReused(await searchFiles(options.outDir), options.outDir, staging);
    progress.stop();
    const unchanged = await keepUnchangedTimes(staging, options.outDir, {
      previous: previousOutputs,
      current: rendered.outputs,
    });
    const removePrevious = await publishStaging(staging, options.outDir);
    const publishedSeconds = seconds();
    const [, updated] = await Promise.all([
      removePrevious(),
      searchLater ? updateSearchIndex(site, options.outDir, progress) : Promise.resolve(searchable),
    ]);
    searchable = updated;
    return {
      ok: true,
      diagnostics,
      articles: site.articles.length,
      files,
      searchable,
      unchanged,
      reused: plan.reuse.length,
      publishedSeconds,
      seconds: seconds(),
    };
  } catch (error) {
    progress.stop();
    await discardStaging(staging);
    throw error;
  }
}
