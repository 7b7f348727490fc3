import { cacheDirFrom } from "../content/cache.ts";
import { diagnostic } from "../core/diagnostics.ts";
import { formatReport } from "../core/report.ts";
import type { BuildOptions, BuildResult } from "../eleventy/build.ts";
import { upToDateResult } from "../eleventy/result.ts";
import { silentProgress, terminalProgress } from "../publish/progress.ts";
import { failureLine } from "../publish/publish.ts";
import { checkUpToDate } from "../publish/stamp.ts";
import { parseCommandLine, usageError } from "./args.ts";

const USAGE = `Usage: npm run build -- [options]

Checks every article, then builds the site. On any error nothing is written and the previous site stays.

Options:
  --content DIR      content folder with site.json and articles/ (default: content)
  --out DIR          output folder (default: _site)
  --build-time ISO   the build's "now", for reproducible builds (default: the current time;
                     also read from DATELINE_BUILD_TIME)
  --drafts           preview: include drafts and scheduled (future) articles, marked
  --full             render every page, even those unchanged since the previous build
  --no-search        skip the Pagefind search index
  --cache DIR        keep the checked content and the last build's model here between runs, so
                     unchanged files are not read again and an edit of an article's words is
                     modelled on the last build (default: .cache/dateline, or DATELINE_CACHE_DIR;
                     safe to delete)
  --no-cache         read and check every file, without the cache
  --watch            publishing mode: build, then rebuild each time a file in the content folder
                     changes (only what changed is read and rendered), until stopped with Ctrl-C
  --wait SECONDS     if another build is publishing to the same folder, wait for it this long
                     (default: fail at once)
  -h, --help         show this help`;

const { values, positionals } = parseCommandLine(
  process.argv.slice(2),
  {
    content: { type: "string", default: "content" },
    out: { type: "string", default: "_site" },
    "build-time": { type: "string" },
    drafts: { type: "boolean", default: false },
    full: { type: "boolean", default: false },
    "no-search": { type: "boolean", default: false },
    wait: { type: "string", default: "0" },
    cache: { type: "string" },
    "no-cache": { type: "boolean", default: false },
    watch: { type: "boolean", default: false },
  },
  USAGE,
);
if (positionals.length > 0) usageError(`unexpected argument "${positionals[0]}"`);
const waitSeconds = Number(values.wait);
if (!Number.isFinite(waitSeconds) || waitSeconds < 0)
  usageError(`--wait expects a number of seconds, found "${values.wait}"`);

const buildTime = values["build-time"] ?? process.env.DATELINE_BUILD_TIME;
const cacheDir = cacheDirFrom(values.cache, values["no-cache"]);
const options: BuildOptions = {
  contentDir: values.content,
  outDir: values.out,
  preview: values.drafts,
  progress: values.watch ? silentProgress : terminalProgress(),
  incremental: !values.full,
  search: !values["no-search"],
  waitSeconds,
  ...(buildTime ? { buildTime } : {}),
  ...(process.env.DATELINE_PHOTO_CACHE ? { photoCacheDir: process.env.DATELINE_PHOTO_CACHE } : {}),
  ...(cacheDir !== undefined ? { cacheDir } : {}),
};

/** Prints a build's problems and its one-line summary; whether it published. */
function report(result: BuildResult): boolean {
  const problems = formatReport(result.diagnostics);
  if (problems) console.error(problems);
  if (!result.ok) {
    console.error(failureLine(result.diagnostics, values.out));
    return false;
  }
  if (result.upToDate) {
    console.log(
      `Nothing changed since the last build: ${result.articles} article${result.articles === 1 ? "" : "s"}, ${result.files} files in ${result.seconds.toFixed(2)} s → ${values.out}/`,
    );
    return true;
  }
  const reused =
    result.reused > 0
      ? ` (${result.files - result.reused} rendered, ${result.reused} unchanged; ${result.patched ? "only the edited articles read; " : ""}pages live after ${result.publishedSeconds.toFixed(2)} s)`
      : "";
  console.log(
    `Built ${result.articles} article${result.articles === 1 ? "" : "s"}, ${result.files} files${reused} in ${result.seconds.toFixed(2)} s → ${values.out}/`,
  );
  if (result.photos.processed + result.photos.cached > 0)
    console.log(`photos: ${result.photos.processed} processed, ${result.photos.cached} from cache`);
  return true;
}

/** A fault outside the content and the publishing steps (which report their own): one line, no trace. */
function fault(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(formatReport([diagnostic("error", "build/failed", values.out, 1, message)]));
  if (process.env.DATELINE_DEBUG) console.error(error);
  console.error(`Build failed: ${values.out}/ is unchanged.`);
}

if (values.watch) {
  try {
    const { watchBuild } = await import("../eleventy/watch.ts");
    const watching = await watchBuild(options, (result, trigger) => {
      if (!trigger.first) console.log(`Changed: ${trigger.changed.join(", ")}`);
      report(result);
      console.log(`Watching ${values.content}/ for changes (Ctrl-C to stop)…`);
    });
    const stop = () => {
      void watching.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } catch (error) {
    fault(error);
    process.exit(1);
  }
} else {
  let result: BuildResult;
  try {
    // Nothing changed since the last build: stop before loading the renderer (most of the start-up time).
    const started = performance.now();
    const quick = await checkUpToDate(options, Date.parse(buildTime ?? new Date().toISOString()));
    if (quick.stamp) result = upToDateResult(quick.stamp, (performance.now() - started) / 1000);
    else {
      const { build } = await import("../eleventy/build.ts");
      result = await build({ ...options, ...(quick.taken ? { stamp: quick.taken } : {}) });
    }
  } catch (error) {
    fault(error);
    process.exit(1);
  }
  if (!report(result)) process.exit(1);
}
