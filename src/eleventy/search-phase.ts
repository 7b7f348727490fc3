import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { diagnostic } from "../core/diagnostics.ts";
import { mark } from "../core/trace.ts";
import type { Diagnostic, Site } from "../core/types.ts";
import { outputPath } from "../core/urls.ts";
import { failureDiagnostic, type Phase } from "../publish/errors.ts";
import type { PublishFs } from "../publish/fs.ts";
import type { Lock } from "../publish/lock.ts";
import { MANIFEST_FILE, type Manifest } from "../publish/manifest.ts";
import { discardStaging } from "../publish/output.ts";
import { keptDuringSearch } from "../publish/phases.ts";
import type { Places } from "../publish/places.ts";
import { INTERRUPTED_RULE, publishStaged, SEARCH_BEHIND_RULE } from "../publish/publish.ts";
import type { SearchPlan } from "../publish/search-plan.ts";

/**
 * The second phase of a build with search (see build.ts `stageAndPublish` and docs/publishing.md): the
 * search index of the changed shards, published after the pages.
 */

/** Whether a promise was kept, without throwing: for work that runs while other work may fail. */
export function settle<T>(work: Promise<T>): Promise<PromiseSettledResult<T>> {
  return Promise.allSettled([work]).then(([result]) => result as PromiseSettledResult<T>);
}

/** Moves the search pages this build rendered from the pages' staging folder to the search index's. */
export async function holdBack(site: Site, from: string, to: string, rendered: ReadonlyMap<string, string>) {
  const files = site.searchPages.map((page) => outputPath(page.url)).filter((file) => rendered.has(file));
  for (const file of files) {
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await rename(path.join(from, file), path.join(to, file));
  }
  return files;
}

/** A whole search index, planned and started while the pages render. */
export interface EarlyIndex {
  plan: SearchPlan;
  indexed: Promise<PromiseSettledResult<number>>;
}

/** What the second phase needs from the first. */
export interface SearchPhase {
  /** The whole index, started while rendering; absent when the changed shards are planned and indexed now. */
  early?: Promise<PromiseSettledResult<EarlyIndex>>;
  plan: () => Promise<SearchPlan>;
  index: (plan: SearchPlan) => Promise<number>;
  /** The manifest the pages' publish wrote, its `outputs` complete. */
  published: Manifest;
  /** This build's manifest without its search index. */
  pages: Manifest;
  current: ReadonlyMap<string, string>;
  incremental: boolean;
}

/**
 * The second phase: plans the search index and indexes the changed shards (or waits for the whole index,
 * started while rendering), then publishes their files, with the search pages held back, with a journal of
 * its own and the final manifest. A failure leaves the published pages and the previous index, whose
 * shards the manifest still describes, so the next build indexes them again.
 */
export async function publishSearch(
  run: { where: Places; fs: PublishFs; lock: Lock },
  phase2: SearchPhase,
): Promise<Diagnostic[] | { unchanged: number; searchable: number; manifest: Manifest }> {
  const { where, fs } = run;
  const searchWhere: Places = { ...where, staging: where.searchStaging };
  const names = { staging: searchWhere.staging, outDir: where.out, shownOut: where.shownOut };
  const behind = (why: Diagnostic[]) => [
    ...why,
    diagnostic(
      "error",
      SEARCH_BEHIND_RULE,
      path.join(where.shownOut, MANIFEST_FILE),
      1,
      `the pages of this build are published in ${where.shownOut}, but its search index is not: the search finds the previous build's articles`,
      { hint: "fix the problem above and build again: the next build indexes the search shards again" },
    ),
  ];
  let phase: Phase = "search";
  try {
    const early = phase2.early ? await phase2.early : undefined;
    if (early?.status === "rejected") throw early.reason;
    const plan = early?.value.plan ?? (await phase2.plan());
    mark("search planned");
    const indexes = plan.index?.size !== 0 || plan.interfaceFiles;
    const outcome = await (early?.value.indexed ?? (indexes ? settle(phase2.index(plan)) : undefined));
    if (outcome?.status === "rejected") throw outcome.reason;
    mark("indexed");
    phase = "publishing";
    const manifest: Manifest = { ...phase2.pages, search: plan.manifest };
    const result = await publishStaged({
      places: searchWhere,
      manifest,
      current: phase2.current,
      kept: keptDuringSearch(phase2.published, plan.keep),
      previous: phase2.published,
      trustPrevious: phase2.incremental,
      lock: run.lock,
      fs,
      part: "search",
    });
    mark("search published");
    if (result.published) return { unchanged: result.published.unchanged, searchable: plan.pages, manifest };
    if (result.diagnostics.some((d) => d.rule === INTERRUPTED_RULE)) return result.diagnostics;
    await discardStaging(searchWhere.staging, fs);
    return behind(result.diagnostics);
  } catch (error) {
    await discardStaging(searchWhere.staging, fs);
    return behind([failureDiagnostic(error, phase, names)]);
  }
}

/** Waits for an index started early to end, whatever the outcome, before its folder is removed. */
export async function stopped(early: Promise<PromiseSettledResult<EarlyIndex>> | undefined): Promise<void> {
  const started = await early;
  if (started?.status === "fulfilled") await started.value.indexed;
}
