import { rm, stat } from "node:fs/promises";
import path from "node:path";
import { loadSettings } from "../content/settings.ts";
import { hasErrors } from "../core/diagnostics.ts";
import { PHOTO_CACHE_DIR } from "../core/paths.ts";
import { mark } from "../core/trace.ts";
import type { Diagnostic, Site } from "../core/types.ts";
import { failureDiagnostic, type Phase } from "../publish/errors.ts";
import { type PublishFs, publishFs } from "../publish/fs.ts";
import { checkOutputDir } from "../publish/guard.ts";
import {
  fingerprint,
  type KnownPlan,
  manifestFile,
  planRender,
  rehashPages,
} from "../publish/incremental.ts";
import { acquireLock, type Lock } from "../publish/lock.ts";
import { type Manifest, readManifest } from "../publish/manifest.ts";
import {
  forget,
  memoryFiles,
  PendingMemory,
  type Recalled,
  recall,
  rememberPatched,
} from "../publish/memory-file.ts";
import { createStaging, discardStaging, finishInterrupted, recoverInterrupted } from "../publish/output.ts";
import { pauseAt } from "../publish/pause.ts";
import { keptDuringPages, pagesManifest } from "../publish/phases.ts";
import { type Places, places } from "../publish/places.ts";
import { type BuildProgress, expectedFiles, silentProgress } from "../publish/progress.ts";
import { INTERRUPTED_RULE, publishStaged } from "../publish/publish.ts";
import { planSearch, type SearchPlan } from "../publish/search-plan.ts";
import { checkUpToDate, presentFiles, recordStamp, type TakenStamp } from "../publish/stamp.ts";
import { writePhotos } from "../render/photos.ts";
import { buildSearchIndex } from "../render/search.ts";
import { publishedUrlSitemaps } from "../render/sitemaps.ts";
import { type Patch, patchSite, rememberSite, type SiteMemory } from "../site/patch.ts";
import { type BuildSiteOptions, buildSite, type SiteResult } from "../site/site.ts";
import { validUntil } from "../site/times.ts";
import { joinTree } from "./join.ts";
import {
  contentKey,
  maybeStartWorker,
  type PageWorker,
  type ParallelOptions,
  workerMinPages,
} from "./parallel.ts";
import { type BuildResult, upToDateResult } from "./result.ts";
import { renderSite } from "./run.ts";
import { type EarlyIndex, holdBack, publishSearch, settle, stopped } from "./search-phase.ts";
import { workerWrites } from "./share.ts";

export type { BuildResult } from "./result.ts";

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
  /** The photo cache folder (default `.cache/dateline/images/` in the project). */
  photoCacheDir?: string;
  /**
   * The stamp of the inputs, taken by the caller before it decided to build (`checkUpToDate`); taken here
   * when absent. Recorded with the published output so the next build can stop early if nothing changed.
   */
  stamp?: TakenStamp;
  /**
   * The publishing mode's memory of the last build it published (watch.ts): given with `changed`, an edit
   * of articles' own words is modelled on it (see site/patch.ts); filled by every build that publishes.
   */
  memory?: BuildMemory;
  /** What the folder watcher named since the last build, relative to the content folder. */
  changed?: readonly string[];
  seams?: BuildSeams;
}

/** What the publishing mode keeps of the last build it published. */
export interface BuildMemory {
  site?: SiteMemory;
  plan?: KnownPlan;
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
  /** Set when published: the manifest of the new output. */
  manifest?: Manifest;
  /** The page hashes and fingerprint, when known already (a patched site). */
  known?: KnownPlan;
  /** Set when planned: the plan's page hashes and fingerprint. */
  planned?: KnownPlan;
  /** The memory this build leaves for the next, if it models the whole site: started while the worker renders. */
  memory?: PendingMemory;
}

function failed(diagnostics: Diagnostic[], seconds: number, publishedSeconds = 0): BuildResult {
  return {
    ok: false,
    diagnostics,
    articles: 0,
    files: 0,
    searchable: 0,
    unchanged: 0,
    reused: 0,
    workerFiles: 0,
    publishedSeconds,
    seconds,
    photos: { processed: 0, cached: 0 },
  };
}

/**
 * Whether this build will render every page: a full build, no earlier build in `outDir`, or one built from
 * other code, templates or settings (its manifest's fingerprint differs). Then a render worker takes a
 * share, as in a build into an empty folder.
 */
async function rendersEverything(options: BuildOptions): Promise<boolean> {
  if (!(options.incremental ?? true)) return true;
  const previous = await readManifest(options.outDir);
  if (!previous) return true;
  const file = path.join(options.contentDir, "site.json");
  const { settings } = await loadSettings(file, file);
  // Unreadable settings: the content stage reports them, and nothing is rendered.
  if (!settings) return false;
  return previous.fingerprint !== (await fingerprint({ settings, preview: options.preview ?? false }));
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
  // The worker writes into its own folder beside staging (photos and the search index are written into
  // staging meanwhile), and its files join staging only when its share is complete and of this content.
  const own = run.where.workerStaging;
  try {
    const [mainShare, shared] = await Promise.all([
      renderSite(site, staging, { onWrite: progress.wrote, select: mine }).then((written) => {
        mark("main thread's share rendered");
        // The page hashes, if not made yet (a full render), while the worker still renders its share.
        plan.makeHashes();
        mark("page hashes made");
        // And the model the next build may read back, while the worker still renders.
        run.memory?.start();
        return written;
      }),
      worker.render(own, plan.reuse, contentKey(site), (files) => {
        for (let i = 0; i < files; i++) progress.wrote();
      }),
    ]);
    if ("declined" in shared) {
      if (process.env.DATELINE_DEBUG) console.error(`Dateline: rendering alone: ${shared.declined}`);
      const rest = await renderSite(site, staging, {
        onWrite: progress.wrote,
        select: (file) => workerWrites(file) && (planned?.(file) ?? true),
      });
      for (const [file, hash] of rest.outputs) mainShare.outputs.set(file, hash);
      return { written: mainShare.outputs.size, outputs: mainShare.outputs, workerFiles: 0 };
    }
    // Folder by folder: a page's folder staging does not have moves whole.
    if (shared.outputs.size > 0) joinTree(own, staging);
    for (const [file, hash] of shared.outputs) mainShare.outputs.set(file, hash);
    return { written: mainShare.outputs.size, outputs: mainShare.outputs, workerFiles: shared.outputs.size };
  } finally {
    await rm(own, { recursive: true, force: true });
  }
}

/**
 * Renders into this process's staging folder and publishes the pages in place; then, with search, plans
 * the search index and publishes the shards that changed in a second publish (`publishSearch`), so that an
 * edit's pages never wait for its shard. A failure anywhere before the first rename ends in a diagnostic,
 * the staging folders removed and the output as it was; see docs/publishing.md.
 */
async function stageAndPublish(run: Run): Promise<BuildResult> {
  const { site, where, fs, options, progress, diagnostics, seconds } = run;
  const names = { staging: where.staging, outDir: where.out, shownOut: where.shownOut };
  let phase: Phase = "staging";
  let early: Promise<PromiseSettledResult<EarlyIndex>> | undefined;
  try {
    const staging = await createStaging(where, fs);
    const incremental = options.incremental ?? true;
    mark("staging created");
    const plan = await planRender(site, where.out, incremental, run.known);
    run.planned = {
      get hashes() {
        return plan.hashes;
      },
      fingerprint: plan.manifest.fingerprint,
      ...(plan.manifest.sources ? { sources: plan.manifest.sources } : {}),
    };
    mark("render planned");
    progress.rendering(expectedFiles(site, plan.reuse.length));
    phase = "rendering";
    const search = options.search ?? true;
    const indexer = options.seams?.searchIndex ?? buildSearchIndex;
    const searchStaging = where.searchStaging;
    if (search) await createStaging({ ...where, staging: searchStaging }, fs);
    const planIndex = () => planSearch(site, where.out, plan.previous, incremental);
    const index = (searchPlan: SearchPlan) =>
      indexer(site.articles, searchStaging, {
        ...(searchPlan.index ? { shards: searchPlan.index } : {}),
        interfaceFiles: searchPlan.interfaceFiles,
      });
    // Into an output with no site yet, Pagefind (its own process) indexes everything while the pages
    // render: the build ends sooner. Where a site is live, its new pages go first: the changed shards are
    // planned and indexed once they are published, so that pages never wait for the index.
    if (search && !plan.previous)
      early = settle(
        planIndex().then((searchPlan) => ({ plan: searchPlan, indexed: settle(index(searchPlan)) })),
      );
    // Photos already published with the same bytes stay where they are, as reused pages do.
    const previousPhotos = incremental ? plan.previous?.outputs : undefined;
    const photosWriting = writePhotos(site.photos, staging, {
      cacheDir: options.photoCacheDir ?? PHOTO_CACHE_DIR,
      published: async (file, hash) =>
        previousPhotos?.get(file) === hash &&
        (await stat(path.join(where.out, file)).then(
          (s) => s.isFile(),
          () => false,
        )),
    });
    const [rendering, photographs] = await Promise.allSettled([
      renderShared(run, staging, plan),
      photosWriting,
    ]);
    progress.stop();
    mark("rendered, photos");
    if (rendering.status === "rejected") throw rendering.reason;
    if (photographs.status === "rejected") throw photographs.reason;
    const photos = photographs.value;
    const rendered = rendering.value;
    for (const [file, hash] of photos.written) rendered.outputs.set(file, hash);
    // The search pages name the new shards: they go live with them, in the second phase.
    const heldBack = search ? await holdBack(site, staging, searchStaging, rendered.outputs) : [];
    // Reused pages, the previous search index and photos stay where they are: publishing in place never
    // touches them.
    const previousOutputs = plan.previous?.outputs;
    const kept = search ? keptDuringPages(plan.previous, heldBack) : new Map<string, string>();
    for (const file of plan.reuse) kept.set(file, previousOutputs?.get(file) ?? "");
    for (const [file, hash] of photos.kept) kept.set(file, hash);
    const manifest = search ? pagesManifest(plan.manifest, plan.previous, heldBack) : plan.manifest;
    phase = "publishing";
    const result = await publishStaged({
      places: where,
      manifest,
      current: rendered.outputs,
      kept,
      ...(plan.previous ? { previous: plan.previous } : {}),
      trustPrevious: incremental,
      lock: run.lock,
      fs,
    });
    mark("pages published");
    if (!result.published) {
      await stopped(early);
      await discardStaging(searchStaging, fs);
      // Midway through the renames the staging folder is the journal's: the next build needs it.
      if (!result.diagnostics.some((d) => d.rule === INTERRUPTED_RULE)) await discardStaging(staging, fs);
      return failed([...diagnostics, ...result.diagnostics], seconds());
    }
    const publishedSeconds = seconds();
    let unchanged = result.published.unchanged;
    let searchable = 0;
    run.manifest = manifest;
    if (search) {
      await pauseAt("pages-published");
      const searched = await publishSearch(run, {
        ...(early ? { early } : {}),
        plan: planIndex,
        index,
        published: manifest,
        pages: plan.manifest,
        current: rendered.outputs,
        incremental,
      });
      if (Array.isArray(searched)) return failed([...diagnostics, ...searched], seconds(), publishedSeconds);
      // The second publish finds the files the first moved in place: they were not unchanged.
      unchanged = searched.unchanged - result.published.moved;
      searchable = searched.searchable;
      run.manifest = searched.manifest;
    }
    return {
      ok: true,
      diagnostics,
      articles: site.articles.length,
      files: rendered.written + plan.reuse.length,
      searchable,
      unchanged,
      reused: plan.reuse.length,
      workerFiles: rendered.workerFiles,
      publishedSeconds,
      seconds: seconds(),
      photos: { processed: photos.processed, cached: photos.cached },
    };
  } catch (error) {
    progress.stop();
    await stopped(early);
    await discardStaging(where.staging, fs);
    await discardStaging(where.searchStaging, fs);
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
  let taken = options.stamp;
  // The publishing mode (a cache kept in memory) builds only when a file changed: it never looks.
  if (unsafe.length === 0 && !taken && !options.cache) {
    const quick = await checkUpToDate(options, Date.parse(buildTime));
    if (quick.stamp) return upToDateResult(quick.stamp, seconds());
    taken = quick.taken;
  }
  const { cacheDir, memory } = options;
  // A command (not the publishing mode) recalls the memory the last build left on disk, if only articles
  // changed since (memory-file.ts), to model an edit on it as the publishing mode does.
  const recalled =
    unsafe.length === 0 && !memory && taken && cacheDir !== undefined && (options.incremental ?? true)
      ? await recallMemory(options, cacheDir, taken)
      : undefined;
  const remembered =
    recalled ?? (memory?.site && memory.plan ? { site: memory.site, plan: memory.plan } : undefined);
  const changed = recalled ? recalled.changed : options.changed;
  const patch =
    unsafe.length === 0 && remembered && changed && (options.incremental ?? true)
      ? await tryPatch(options, remembered.site, changed, buildTime, recalled !== undefined)
      : undefined;
  // Taken out of the memory: only a build that publishes puts a site and a plan back.
  const knownPlan = remembered?.plan;
  if (memory) {
    memory.site = undefined;
    memory.plan = undefined;
  }
  const worker =
    unsafe.length > 0 || patch
      ? undefined
      : await (options.seams?.startWorker ?? maybeStartWorker)(
          {
            contentDir: options.contentDir,
            buildTime,
            preview: options.preview ?? false,
            ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
          },
          options.parallel,
          await rendersEverything(options),
        );
  mark("worker decided");
  const modelled: SiteResult =
    patch ??
    (await buildSite({
      ...options,
      buildTime,
      onLoaded: progress.loaded,
      // The cache file is written while the site is modelled and rendered (awaited below, before the end).
      backgroundCacheWrite: true,
      // The render worker reads a share of the files to parse, and is sent the rest (and sends its share).
      ...(worker?.reader ? { helper: worker.reader } : {}),
      // The stamp looked at every content file a moment ago: the content stage need not look again.
      ...(taken ? { knownStats: taken.stats } : {}),
    }));
  const { site, diagnostics, nextScheduled } = modelled;
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
      mark("locked");
      const recovered = await recoverInterrupted(where, fs);
      if (hasErrors(recovered)) return failed([...diagnostics, ...recovered], seconds());
      diagnostics.push(...recovered);
      // No stamp describes an output while it is being published (a killed publish is never "up to date").
      if (cacheDir !== undefined) await recordStamp(cacheDir, where.out, undefined);
      // Files saved just before the stamp are written down as changed (memory-file.ts): racy or not.
      const remembers = cacheDir !== undefined && taken && !patch && modelled.model;
      const run: Run = {
        ...(remembers
          ? {
              memory: new PendingMemory(memoryFiles(cacheDir, where.out), () =>
                memoryOfModel(modelled, diagnostics),
              ),
            }
          : {}),
        site,
        where,
        lock,
        fs,
        options,
        progress,
        diagnostics,
        seconds,
        ...(worker ? { worker } : {}),
        ...(patch && knownPlan
          ? {
              // An edit of articles' own words moves no article: the pages' sources are the last build's.
              known: {
                hashes: rehashPages(site, knownPlan.hashes, patch.pages),
                fingerprint: knownPlan.fingerprint,
                ...(knownPlan.sources ? { sources: knownPlan.sources } : {}),
                ...(knownPlan.published
                  ? {
                      published: knownPlan.published,
                      ...(patch.redated
                        ? {}
                        : { keep: publishedUrlSitemaps(knownPlan.published.manifest.outputs) }),
                    }
                  : {}),
              },
            }
          : {}),
      };
      const result = await stageAndPublish(run);
      if (patch && result.ok) result.patched = true;
      if (modelled.helped && result.ok) result.workerArticles = modelled.helped;
      if (memory && result.ok && run.planned) {
        const file = run.manifest ? await manifestFile(where.out) : undefined;
        memory.plan = {
          ...run.planned,
          ...(run.manifest && file ? { published: { manifest: run.manifest, file } } : {}),
        };
        if (patch) memory.site = patch.memory;
        else if (modelled.model)
          memory.site = rememberSite(
            site,
            modelled.model.articles,
            modelled.model.links,
            diagnostics,
            nextScheduled,
          );
      }
      if (result.ok && run.manifest && taken && !taken.racy && cacheDir !== undefined) {
        const until = validUntil(site, nextScheduled);
        await recordStamp(cacheDir, where.out, {
          inputs: taken.inputs,
          builtAt: Date.parse(site.buildTime),
          ...(until !== undefined ? { validUntil: until } : {}),
          present: presentFiles(run.manifest),
          diagnostics: result.diagnostics.filter((d) => d.severity !== "error"),
          articles: result.articles,
          files: result.files,
          searchable: result.searchable,
        });
      }
      mark("stamp recorded");
      // The memory's file table is the base's (a patched build) or marks the racy files as changed, so it
      // is written after a racy build too.
      if (result.ok && run.manifest && taken && cacheDir !== undefined) {
        const files = memoryFiles(cacheDir, where.out);
        if (patch && recalled) await rememberPatched(files, recalled.head, where.out);
        else await run.memory?.finish(taken, options.contentDir, where.out);
        mark("memory written");
      } else {
        await run.memory?.discard();
        // A patched build that failed (an unchanged article's file no longer what the memory read, say):
        // the next build models the whole site.
        if (!result.ok && patch && recalled && cacheDir !== undefined)
          await forget(memoryFiles(cacheDir, where.out));
      }
      return result;
    } finally {
      await lock.release();
    }
  } finally {
    // Unused (an error, a small plan) or done: a worker never outlives its build.
    await worker?.stop();
    // Never rejects (a cache that cannot be written is read again next time), and never outlives the build.
    await modelled.cacheWritten;
    mark("content cache written");
  }
}

/** What the publishing mode remembers of a site modelled whole, for the memory on disk. */
function memoryOfModel(modelled: SiteResult, diagnostics: Diagnostic[]): SiteMemory {
  const { site, model, nextScheduled } = modelled;
  if (!site || !model) throw new Error("no site modelled");
  return rememberSite(site, model.articles, model.links, diagnostics, nextScheduled);
}

/** The memory the last build into `outDir` left (memory-file.ts); undefined when it cannot stand for this one. */
async function recallMemory(
  options: BuildOptions,
  cacheDir: string,
  taken: TakenStamp,
): Promise<Recalled | undefined> {
  const where = await places(options.outDir).catch(() => undefined);
  if (!where) return undefined;
  const recalled = await recall(memoryFiles(cacheDir, where.out), {
    taken,
    contentDir: options.contentDir,
    out: where.out,
    journal: where.journal,
  });
  if ("refused" in recalled) {
    if (process.env.DATELINE_DEBUG)
      console.error(`Dateline: the last build's memory is not used: ${recalled.refused}`);
    return undefined;
  }
  return recalled;
}

/**
 * The site after an edit of articles' own words, modelled on the last one published (the publishing
 * mode's, or the one recalled from disk); undefined when the edit needs the whole content read and
 * modelled again. `DATELINE_DEBUG` says why.
 */
async function tryPatch(
  options: BuildOptions,
  memory: SiteMemory,
  changed: readonly string[],
  buildTime: string,
  fromBase: boolean,
): Promise<Patch | undefined> {
  const patched = await patchSite(memory, {
    contentDir: options.contentDir,
    changed,
    buildTime,
    preview: options.preview ?? false,
    ...(options.cache ? { cache: options.cache } : {}),
    fromBase,
  });
  mark("patched");
  if ("refused" in patched) {
    if (process.env.DATELINE_DEBUG) console.error(`Dateline: modelling the whole site: ${patched.refused}`);
    return undefined;
  }
  return patched;
}
