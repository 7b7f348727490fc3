import { renderSite } from "./eleventy/run.ts";
import { linkReused, planRender, writeManifest } from "./incremental.ts";
import { createStaging, discardStaging, keepUnchangedTimes, publishStaging } from "./output.ts";
import { type BuildProgress, expectedFiles, silentProgress } from "./progress.ts";
import { buildSearchIndex } from "./search.ts";
import { type BuildSiteOptions, buildSite } from "./site.ts";
import type { Diagnostic } from "./types.ts";

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
  seconds: number;
}

/**
 * The whole production build: read and check all content; only if there is no error, render into a staging
 * folder and move it into place. On any error the previous output stays exactly as it was.
 */
export interface BuildOptions extends BuildSiteOptions {
  outDir: string;
  progress?: BuildProgress;
  /** Re-render only the pages whose content changed since the previous build in `outDir` (default true). */
  incremental?: boolean;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const { site, diagnostics } = await buildSite({ ...options, onLoaded: progress.loaded });
  progress.stop();
  const seconds = () => (performance.now() - started) / 1000;
  if (!site)
    return {
      ok: false,
      diagnostics,
      articles: 0,
      files: 0,
      searchable: 0,
      unchanged: 0,
      reused: 0,
      seconds: seconds(),
    };
  const staging = await createStaging(options.outDir);
  try {
    const plan = await planRender(site, options.outDir, options.incremental ?? true);
    site.render = plan.render;
    progress.rendering(expectedFiles(site));
    const rendered = await renderSite(site, staging, progress.wrote);
    await linkReused(plan.reuse, options.outDir, staging);
    await writeManifest(staging, plan.manifest);
    const files = rendered + plan.reuse.length;
    progress.phase("Indexing for search");
    const searchable = await buildSearchIndex(staging, site.settings.language);
    progress.stop();
    const unchanged = await keepUnchangedTimes(staging, options.outDir);
    await publishStaging(staging, options.outDir);
    return {
      ok: true,
      diagnostics,
      articles: site.articles.length,
      files,
      searchable,
      unchanged,
      reused: plan.reuse.length,
      seconds: seconds(),
    };
  } catch (error) {
    progress.stop();
    await discardStaging(staging);
    throw error;
  }
}
