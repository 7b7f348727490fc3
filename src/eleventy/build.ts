import { mkdir, rm } from "node:fs/promises";
import { hasErrors } from "../core/diagnostics.ts";
import type { Diagnostic, Site } from "../core/types.ts";
import { failureDiagnostic, type Phase } from "../publish/errors.ts";
import { type PublishFs, publishFs } from "../publish/fs.ts";
import { checkOutputDir } from "../publish/guard.ts";
import { planRender, searchHash } from "../publish/incremental.ts";
import { acquireLock, type Lock } from "../publish/lock.ts";
import { createStaging, discardStaging, finishInterrupted, recoverInterrupted } from "../publish/output.ts";
import { type Places, places } from "../publish/places.ts";
import { type BuildProgress, expectedFiles, silentProgress } from "../publish/progress.ts";
import { INTERRUPTED_RULE, publishStaged } from "../publish/publish.ts";
import { buildSearchIndex } from "../render/search.ts";
import { type BuildSiteOptions, buildSite } from "../site/site.ts";
import {
  contentKey,
  maybeStartWorker,
  type PageWorker,
  type ParallelOptions,
  workerMinPages,
} from "./parallel.ts";
import { renderSite } from "./run.ts";
import { workerWrites } from "./share.ts";

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  articles: number;
  files: number;
  /** Pages in the search index. */
  searchable: number;
  /** Files whose bytes did not change since the previous build (left untouched: they keep their time). */
  unchanged: number;
  /** Pages taken from the previous build because nothing they show changed. */
  reused: number;
  /** Files the render worker wrote, on the second core (0 when the build rendered alone). */
  workerFiles: number;
  /** Seconds until the new site, search index included, was in place. */
  publishedSeconds: number;
  seconds: number;
}

/** For tests: replace the file operations of staging and publishing, or the search indexer. */
export interface BuildSeams {
  fs?: Partial<PublishFs>;
  searchIndex?: typeof buildSearchIndex;
  /** Start (or stand in for) the render worker. */
  startWorker?: typeof maybeStartWorker;
}

export interface BuildOptions extends BuildSiteOptions {
  outDir: string;
  progress?: BuildProgress;
  /** Re-render only the pages whose content changed since the previous build in `outDir` (default true). */
  incremental?: boolean;
  /** Build the Pagefind search index (default true). */
  search?: boolean;
  /**
   * Share the pages with a render worker on the second core when there are at least `minArticles` article
   * files and `minPages` pages to render (defaults in parallel.ts); `false` renders on one core.
   */
  parallel?: ParallelOptions;
  /** Wait up to this many seconds while another build publishes to `outDir` (default 0: fail at once). */
  waitSeconds?: number;
  seams?: BuildSeams;
}

interface Run {
  site: Site;
  where: Places;
  lock: Lock;
  fs: PublishFs;
  options: BuildOptions;
  progress: BuildProgress;
  diagnostics: Diagnostic[];
  seconds: () => number;
  /** A render worker reading the same content, to take a share of the pages; absent for small sites. */
  worker?: PageWorker;
}

function failed(diagnostics: Diagnostic[], seconds: number): BuildResult {
  return {
    ok: false,
    diagnostics,
    articles: 0,
    files: 0,
    searchable: 0,
    unchanged: 0,
    reused: 0,
    workerFiles: 0,
    publishedSeconds: 0,
    seconds,
  };
}

/**
 * Renders the pages of the plan into staging: with a render worker taking its share (`workerWrites`) when
 * there are enough pages to pay for it, else alone. If the worker fails or read other content than this
 * build (a file saved between the two reads), staging is emptied and the main thread renders everything, so
 * the output never depends on the worker.
 */
async function renderShared(
  run: Run,
  staging: string,
  plan: Awaited<ReturnType<typeof planRender>>,
): Promise<Awaited<ReturnType<typeof renderSite>> & { workerFiles: number }> {
  const { site, progress, worker } = run;
  const planned = plan.select;
  const alone = async () => ({
    ...(await renderSite(site, staging, {
      onWrite: progress.wrote,
      ...(planned ? { select: planned } : {}),
    })),
    workerFiles: 0,
  });
  const toRender = expectedFiles(site, plan.reuse.length);
  const parallel = run.options.parallel;
  if (!worker || toRender < ((parallel ? parallel.minPages : undefined) ?? workerMinPages())) {
    await worker?.stop();
    return alone();
  }
  const mine = (file: string) => !workerWrites(file) && (planned?.(file) ?? true);
  const [own, shared] = await Promise.all([
    renderSite(site, staging, { onWrite: progress.wrote, select: mine }),
    worker.render(staging, plan.reuse, contentKey(site), (files) => {
      for (let i = 0; i < files; i++) progress.wrote();
    }),
  ]);
  if ("declined" in shared) {
    if (process.env.DATELINE_DEBUG) console.error(`Dateline: rendering alone: ${shared.declined}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    return alone();
  }
  for (const [file, hash] of shared.outputs) own.outputs.set(file, hash);
  return { written: own.outputs.size, outputs: own.outputs, workerFiles: shared.outputs.size };
}

/**
 * Renders into this process's staging folder, with the search index, then publishes in place. A failure
 * anywhere before the first rename ends in a diagnostic, the staging folder removed and the output as it
 * was; see docs/publishing.md.
 */
async function stageAndPublish(run: Run): Promise<BuildResult> {
  const { site, where, fs, options, progress, diagnostics, seconds } = run;
  const names = { staging: where.staging, outDir: where.out, shownOut: where.shownOut };
  let phase: Phase = "staging";
  try {
    const staging = await createStaging(where, fs);
    const incremental = options.incremental ?? true;
    const plan = await planRender(site, where.out, incremental);
    progress.rendering(expectedFiles(site, plan.reuse.length));
    phase = "rendering";
    // Pagefind runs in its own process, so it indexes while Eleventy renders; both write into staging.
    // An index of exactly the same articles is kept from the previous build instead.
    const search = options.search ?? true;
    const indexer = options.seams?.searchIndex ?? buildSearchIndex;
    const reusedIndex = search ? plan.reuseSearch : undefined;
    const [rendering, indexing] = await Promise.allSettled([
      renderShared(run, staging, plan),
      !search
        ? Promise.resolve(0)
        : reusedIndex
          ? Promise.resolve(plan.previous?.search?.pages ?? 0)
          : indexer(site.articles, staging, site.settings.language),
    ]);
    progress.stop();
    if (rendering.status === "rejected") throw rendering.reason;
    phase = "search";
    if (indexing.status === "rejected") throw indexing.reason;
    const rendered = rendering.value;
    // Reused pages and a reused index stay where they are: publishing in place never touches them.
    const previousOutputs = plan.previous?.outputs ?? {};
    const kept = new Map<string, string>();
    for (const file of [...plan.reuse, ...(reusedIndex ?? [])]) kept.set(file, previousOutputs[file] ?? "");
    if (search)
      plan.manifest.search = {
        hash: searchHash(site, new Map(Object.entries(plan.manifest.pages))),
        pages: indexing.value,
      };
    phase = "publishing";
    const result = await publishStaged({
      places: where,
      manifest: plan.manifest,
      current: rendered.outputs,
      kept,
      ...(plan.previous ? { previous: plan.previous } : {}),
      trustPrevious: incremental,
      lock: run.lock,
      fs,
    });
    if (!result.published) {
      // Midway through the renames the staging folder is the journal's: the next build needs it.
      if (!result.diagnostics.some((d) => d.rule === INTERRUPTED_RULE)) await discardStaging(staging, fs);
      return failed([...diagnostics, ...result.diagnostics], seconds());
    }
    return {
      ok: true,
      diagnostics,
      articles: site.articles.length,
      files: rendered.written + plan.reuse.length,
      searchable: indexing.value,
      unchanged: result.published.unchanged,
      reused: plan.reuse.length,
      workerFiles: rendered.workerFiles,
      publishedSeconds: seconds(),
      seconds: seconds(),
    };
  } catch (error) {
    progress.stop();
    await discardStaging(where.staging, fs);
    return failed([...diagnostics, failureDiagnostic(error, phase, names)], seconds());
  }
}

/**
 * The whole production build: read and check all content; only if there is no error, take the output's
 * lock, finish any publish a killed build left, render into a staging folder and publish it in place.
 * On any error before publishing, the output stays exactly as it was.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const progress = options.progress ?? silentProgress;
  const unsafe = await checkOutputDir(options);
  // One moment for the whole build, so a render worker reading the content judges it at the same time.
  const buildTime = options.buildTime ?? new Date().toISOString();
  const worker =
    unsafe.length > 0
      ? undefined
      : await (options.seams?.startWorker ?? maybeStartWorker)(
          { contentDir: options.contentDir, buildTime, preview: options.preview ?? false },
          options.parallel,
        );
  const { site, diagnostics } = await buildSite({ ...options, buildTime, onLoaded: progress.loaded });
  diagnostics.unshift(...unsafe);
  progress.stop();
  try {
    if (unsafe.length > 0) return failed(diagnostics, seconds());
    const where = await places(options.outDir);
    const fs = publishFs(options.seams?.fs);
    if (!site) return failed([...diagnostics, ...(await finishInterrupted(where, fs))], seconds());
    const { lock, diagnostics: busy } = await acquireLock(where, {
      fs,
      ...(options.waitSeconds ? { waitSeconds: options.waitSeconds } : {}),
    });
    if (!lock) return failed([...diagnostics, ...busy], seconds());
    try {
      const recovered = await recoverInterrupted(where, fs);
      if (hasErrors(recovered)) return failed([...diagnostics, ...recovered], seconds());
      diagnostics.push(...recovered);
      return await stageAndPublish({
        site,
        where,
        lock,
        fs,
        options,
        progress,
        diagnostics,
        seconds,
        ...(worker ? { worker } : {}),
      });
    } finally {
      await lock.release();
    }
  } finally {
    // Unused (an error, a small plan) or done: a worker never outlives its build.
    await worker?.stop();
  }
}
