import { parseArgs } from "node:util";
import { DEFAULT_SEED } from "./generate.ts";

export interface BenchOptions {
  articles: number;
  seed: number;
  vsHugo: boolean;
  /** Keep the corpus, sites and logs here (and reuse a matching corpus found here). */
  keep?: string;
  json: boolean;
  /** The Dateline checkout to build with. */
  datelineDir?: string;
  hugoScript?: string;
  /** Write V8 CPU profiles of the build's processes into this folder (slows the build). */
  cpuProf?: string;
  /** Run the build with DEBUG=Eleventy:Benchmark* (its log goes to the build's stderr log). */
  eleventyBenchmark: boolean;
  /** After the full build, edit one article and time the incremental rebuild. */
  publishOne: boolean;
  /** After the full build, add one new article and time the incremental rebuild. */
  publishNew: boolean;
  nothingChanged: boolean;
  /** Build without the search index (Hugo's anchor builds none). */
  noSearch: boolean;
  /** Time this many saves of one article in the publishing mode (`--watch`); 0 for none. */
  watchEdits: number;
}

export const USAGE = `Usage: npm run bench -- --articles N [options]

Generates a deterministic synthetic archive of N articles, builds it with Dateline as a child process and
prints articles, files written, wall seconds, peak RSS and milliseconds per article.

Options:
  --articles N          number of articles to generate (required)
  --seed N              generator seed (default ${DEFAULT_SEED}); the same N and seed give identical files
  --vs-hugo             also build the same corpus with the Hugo anchor (../shared/anchors/hugo/run-hugo.sh)
                        and print Hugo's seconds and the ratio Dateline/Hugo; skipped if hugo is missing
  --keep DIR            keep corpus, built sites and logs in DIR (a corpus already there is reused)
  --json                print one JSON object instead of the text report
  --dateline DIR        the Dateline checkout to build with (default: this repository)
  --hugo-script FILE    the Hugo anchor's run-hugo.sh (default: ../shared/anchors/hugo/run-hugo.sh)
  --cpu-prof DIR        write a V8 CPU profile of the build into DIR (node --cpu-prof; slower);
                        summarize it with: npx tsx bench/profile.ts DIR/*.cpuprofile
  --eleventy-benchmark  run the build with DEBUG=Eleventy:Benchmark* (log in the build's stderr file)
  --publish-one         after the full build, edit one article and time the incremental rebuild
  --publish-new         after the full build, add one new article and time the incremental rebuild
  --nothing-changed     after the full build, build again with nothing changed and time it
                        (wall seconds, and seconds until the pages were live)
  --no-search           build without the Pagefind search index (the Hugo anchor builds none)
  --watch-edits N       then run \`build --watch\` on the built archive and time N saves of the newest
                        article (from the save to the build's line, and until its pages were live)
  -h, --help            show this help`;

export class UsageError extends Error {}

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replaceAll("_", "").replaceAll(",", ""));
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

/** Parses the command line; `undefined` means --help was asked for. Throws `UsageError` on bad input. */
export function parseBenchArgs(argv: string[]): BenchOptions | undefined {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const articles = positiveInteger("articles", values.articles);
  if (articles === undefined) throw new UsageError("--articles N is required");
  const options: BenchOptions = {
    articles,
    seed: positiveInteger("seed", values.seed) ?? DEFAULT_SEED,
    vsHugo: values["vs-hugo"] ?? false,
    json: values.json ?? false,
    eleventyBenchmark: values["eleventy-benchmark"] ?? false,
    publishOne: values["publish-one"] ?? false,
    publishNew: values["publish-new"] ?? false,
    nothingChanged: values["nothing-changed"] ?? false,
    noSearch: values["no-search"] ?? false,
    watchEdits: positiveInteger("watch-edits", values["watch-edits"]) ?? 0,
  };
  if (values.keep !== undefined) options.keep = values.keep;
  if (values.dateline !== undefined) options.datelineDir = values.dateline;
  if (values["hugo-script"] !== undefined) options.hugoScript = values["hugo-script"];
  if (values["cpu-prof"] !== undefined) options.cpuProf = values["cpu-prof"];
  return options;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      articles: { type: "string" },
      seed: { type: "string" },
      "vs-hugo": { type: "boolean" },
      keep: { type: "string" },
      json: { type: "boolean" },
      dateline: { type: "string" },
      "hugo-script": { type: "string" },
      "cpu-prof": { type: "string" },
      "eleventy-benchmark": { type: "boolean" },
      "publish-one": { type: "boolean" },
      "publish-new": { type: "boolean" },
      "nothing-changed": { type: "boolean" },
      "no-search": { type: "boolean" },
      "watch-edits": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
