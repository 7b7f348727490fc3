import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchOptions, parseBenchArgs, USAGE, UsageError } from "./args.ts";
import { runDateline } from "./dateline.ts";
import { countFiles } from "./files.ts";
import { defaultHugoScript, hugoScriptExists, hugoVersion, runHugo } from "./hugo.ts";
import { type BenchResult, formatText } from "./report.ts";
import { timeWatchEdits, watchLogPrefix } from "./watch.ts";
import { ensureCorpus, openWorkspace, type Workspace } from "./workspace.ts";

const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Progress goes to stderr so `--json` output stays clean on stdout. */
const progress = (message: string) => console.error(`bench: ${message}`);

/** The last lines of a log, to show why a build failed before its workspace is removed. */
async function tail(file: string, lines = 25): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

async function buildWithHugo(options: BenchOptions, workspace: Workspace): Promise<BenchResult["hugo"]> {
  const version = hugoVersion();
  if (!version) {
    progress("hugo is not installed (apt-get install -y hugo): skipping the Hugo comparison");
    return { skipped: "hugo is not installed" };
  }
  const script = options.hugoScript ?? defaultHugoScript(REPO_ROOT);
  if (!hugoScriptExists(script)) {
    progress(`the Hugo anchor script ${script} does not exist: skipping the Hugo comparison`);
    return { skipped: `no anchor script at ${script}` };
  }
  progress("building with Hugo…");
  const run = await runHugo(
    script,
    path.join(workspace.corpus, "articles"),
    workspace.hugoOut,
    path.join(workspace.logs, "hugo"),
  );
  if (run.exitCode !== 0)
    throw new Error(`Hugo failed (exit ${run.exitCode}):\n${await tail(`${workspace.logs}/hugo.stderr`)}`);
  const count = await countFiles(workspace.hugoOut);
  return { version, ...count, seconds: run.seconds, peakRssMiB: run.peakRssMiB };
}

/** The newest article file of the corpus (paths are articles/YYYY/MM/slug.md). */
async function newestArticle(corpus: string): Promise<string> {
  const files = (await readdir(path.join(corpus, "articles"), { recursive: true }))
    .filter((f) => f.endsWith(".md"))
    .sort();
  const newest = files.at(-1);
  if (!newest) throw new Error("the corpus has no articles");
  return path.join(corpus, "articles", newest);
}

/** An incremental build into the built archive, timed as a newsroom runs it (`npm run build`). */
async function timedIncremental(
  options: BenchOptions,
  workspace: Workspace,
  name: string,
): Promise<NonNullable<BenchResult["publishOne"]>> {
  const run = await runDateline({
    datelineDir: path.resolve(options.datelineDir ?? REPO_ROOT),
    contentDir: workspace.corpus,
    outDir: workspace.datelineOut,
    logPrefix: path.join(workspace.logs, name),
    buildArgs: options.noSearch ? ["--no-search"] : [],
  });
  if (run.exitCode !== 0) throw new Error(`the incremental build failed (exit ${run.exitCode})`);
  return {
    seconds: run.seconds,
    peakRssMiB: run.peakRssMiB,
    ...(run.liveSeconds === undefined ? {} : { liveSeconds: run.liveSeconds }),
    ...(run.rendered === undefined ? {} : { rendered: run.rendered }),
    ...(run.unchanged === undefined ? {} : { unchanged: run.unchanged }),
  };
}

/**
 * Publishing one article into the built archive: edits the newest article's headline, rebuilds
 * incrementally into the same output, and restores the file so the corpus stays reusable.
 */
async function publishOne(options: BenchOptions, workspace: Workspace): Promise<BenchResult["publishOne"]> {
  const file = await newestArticle(workspace.corpus);
  const original = await readFile(file, "utf8");
  await writeFile(file, original.replace(/^title: "?(.*?)"?$/m, 'title: "Edited for the benchmark, $1"'));
  try {
    progress(`publishing one edited article (${path.relative(workspace.corpus, file)})…`);
    return await timedIncremental(options, workspace, "dateline-publish-one");
  } finally {
    await writeFile(file, original);
  }
}

/**
 * Publishing one new article into the built archive: a copy of the newest article under a new name and
 * headline (the same date, people and organizations), built incrementally into the same output; the file
 * is removed afterwards so the corpus stays reusable (the next run builds from a deleted output).
 */
async function publishNew(options: BenchOptions, workspace: Workspace): Promise<BenchResult["publishNew"]> {
  const newest = await newestArticle(workspace.corpus);
  const file = newest.replace(/\.md$/, "-breaking.md");
  const text = await readFile(newest, "utf8");
  await writeFile(file, text.replace(/^title: "?(.*?)"?$/m, 'title: "Breaking for the benchmark: $1"'));
  try {
    progress(`publishing one new article (${path.relative(workspace.corpus, file)})…`);
    return await timedIncremental(options, workspace, "dateline-publish-new");
  } finally {
    await rm(file, { force: true });
  }
}

/** The same build again, nothing changed: a newsroom's CI on a commit that touched no content. */
async function nothingChanged(
  options: BenchOptions,
  workspace: Workspace,
): Promise<BenchResult["nothingChanged"]> {
  progress("building again with nothing changed…");
  const run = await runDateline({
    datelineDir: path.resolve(options.datelineDir ?? REPO_ROOT),
    contentDir: workspace.corpus,
    outDir: workspace.datelineOut,
    logPrefix: path.join(workspace.logs, "dateline-nothing-changed"),
    buildArgs: options.noSearch ? ["--no-search"] : [],
  });
  if (run.exitCode !== 0) throw new Error(`the build with nothing changed failed (exit ${run.exitCode})`);
  const stdout = await readFile(`${path.join(workspace.logs, "dateline-nothing-changed")}.stdout`, "utf8");
  return {
    seconds: run.seconds,
    peakRssMiB: run.peakRssMiB,
    ...(run.reportedSeconds === undefined ? {} : { reportedSeconds: run.reportedSeconds }),
    upToDate: stdout.includes("Nothing changed since the last build"),
  };
}

async function bench(options: BenchOptions): Promise<BenchResult> {
  const workspace = await openWorkspace(options.keep);
  try {
    progress(`corpus of ${options.articles} articles in ${workspace.corpus}…`);
    const corpus = await ensureCorpus(workspace.corpus, options.articles, options.seed);

    const loadBefore = loadavg()[0] ?? 0;
    progress("building with Dateline…");
    const run = await runDateline({
      datelineDir: path.resolve(options.datelineDir ?? REPO_ROOT),
      contentDir: workspace.corpus,
      outDir: workspace.datelineOut,
      logPrefix: path.join(workspace.logs, "dateline"),
      env: options.eleventyBenchmark ? { DEBUG: "Eleventy:Benchmark*" } : {},
      buildArgs: options.noSearch ? ["--no-search"] : [],
      ...(options.cpuProf
        ? {
            nodeArgs: [
              "--cpu-prof",
              `--cpu-prof-dir=${path.resolve(options.cpuProf)}`,
              "--cpu-prof-interval=1000",
            ],
          }
        : {}),
    });
    if (run.exitCode !== 0) {
      const log = await tail(path.join(workspace.logs, "dateline.stderr"));
      throw new Error(`the Dateline build failed (exit ${run.exitCode}):\n${log}`);
    }
    const count = await countFiles(workspace.datelineOut);
    const dateline: BenchResult["dateline"] = {
      ...count,
      seconds: run.seconds,
      peakRssMiB: run.peakRssMiB,
      msPerArticle: (run.seconds * 1000) / options.articles,
    };
    if (run.reportedSeconds !== undefined) dateline.reportedSeconds = run.reportedSeconds;

    const result: BenchResult = {
      articles: options.articles,
      seed: options.seed,
      corpus: { ...corpus.summary, generatedSeconds: corpus.seconds, reused: corpus.reused },
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        memoryGiB: totalmem() / 1024 ** 3,
        node: process.versions.node,
        loadAverage: loadBefore,
      },
      dateline,
    };
    if (options.nothingChanged) result.nothingChanged = await nothingChanged(options, workspace);
    if (options.publishOne) result.publishOne = await publishOne(options, workspace);
    if (options.publishNew) result.publishNew = await publishNew(options, workspace);
    if (options.watchEdits > 0) {
      progress(`timing ${options.watchEdits} saves in the publishing mode (--watch)…`);
      const out = path.resolve(workspace.datelineOut);
      result.watchEdits = await timeWatchEdits({
        datelineDir: path.resolve(options.datelineDir ?? REPO_ROOT),
        contentDir: workspace.corpus,
        outDir: workspace.datelineOut,
        file: await newestArticle(workspace.corpus),
        edits: options.watchEdits,
        noSearch: options.noSearch,
        env: {
          DATELINE_PHOTO_CACHE: path.join(path.dirname(out), "photo-cache"),
          DATELINE_CACHE_DIR: path.join(path.dirname(out), "content-cache"),
        },
        logPrefix: watchLogPrefix(workspace.logs),
      });
    }
    if (options.vsHugo) {
      result.hugo = await buildWithHugo(options, workspace);
      if (result.hugo && !("skipped" in result.hugo)) result.ratio = dateline.seconds / result.hugo.seconds;
    }
    if (options.keep) result.kept = workspace.root;
    return result;
  } finally {
    await workspace.dispose();
  }
}

async function main(): Promise<void> {
  let options: BenchOptions | undefined;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message} (see --help)`);
    process.exit(2);
  }
  if (!options) {
    console.log(USAGE);
    return;
  }
  let result: BenchResult;
  try {
    result = await bench(options);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(options.json ? JSON.stringify(result, null, 2) : formatText(result));
}

await main();
