import { cacheDirFrom } from "../content/cache.ts";
import { diagnostic } from "../core/diagnostics.ts";
import { formatReport } from "../core/report.ts";
import { type BuildResult, build } from "../eleventy/build.ts";
import { terminalProgress } from "../publish/progress.ts";
import { failureLine } from "../publish/publish.ts";
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
  --cache DIR        keep the checked content here between runs, so unchanged files are not read
                     again (default: .cache/dateline, or DATELINE_CACHE_DIR; safe to delete)
  --no-cache         read and check every file, without the cache
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
  },
  USAGE,
);
if (positionals.length > 0) usageError(`unexpected argument "${positionals[0]}"`);
const waitSeconds = Number(values.wait);
if (!Number.isFinite(waitSeconds) || waitSeconds < 0)
  usageError(`--wait expects a number of seconds, found "${values.wait}"`);

const buildTime = values["build-time"] ?? process.env.DATELINE_BUILD_TIME;
const cacheDir = cacheDirFrom(values.cache, values["no-cache"]);
let result: BuildResult;
try {
  result = await build({
    contentDir: values.content,
    outDir: values.out,
    preview: values.drafts,
    progress: terminalProgress(),
    incremental: !values.full,
    search: !values["no-search"],
    waitSeconds,
    ...(buildTime ? { buildTime } : {}),
    ...(process.env.DATELINE_PHOTO_CACHE ? { photoCacheDir: process.env.DATELINE_PHOTO_CACHE } : {}),
    ...(cacheDir !== undefined ? { cacheDir } : {}),
  });
} catch (error) {
  // A fault outside the content and the publishing steps (which report their own): one line, no trace.
  const message = error instanceof Error ? error.message : String(error);
  console.error(formatReport([diagnostic("error", "build/failed", values.out, 1, message)]));
  if (process.env.DATELINE_DEBUG) console.error(error);
  console.error(`Build failed: ${values.out}/ is unchanged.`);
  process.exit(1);
}
const report = formatReport(result.diagnostics);
if (report) console.error(report);
if (!result.ok) {
  console.error(failureLine(result.diagnostics, values.out));
  process.exit(1);
}
const reused =
  result.reused > 0
    ? ` (${result.files - result.reused} rendered, ${result.reused} unchanged; pages live after ${result.publishedSeconds.toFixed(2)} s)`
    : "";
console.log(
  `Built ${result.articles} article${result.articles === 1 ? "" : "s"}, ${result.files} files${reused} in ${result.seconds.toFixed(2)} s → ${values.out}/`,
);
if (result.photos.processed + result.photos.cached > 0)
  console.log(`photos: ${result.photos.processed} processed, ${result.photos.cached} from cache`);
