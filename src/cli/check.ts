import { cacheDirFrom } from "../content/cache.ts";
import { hasErrors } from "../core/diagnostics.ts";
import { formatReport, formatReportJson } from "../core/report.ts";
import { parseCommandLine, usageError } from "./args.ts";
import { checkContent } from "./check-content.ts";

const USAGE = `Usage: npm run check -- [options]

Checks every article and registry file, drafts and scheduled articles included, without building, and
prints every problem as path:line:column  severity  message  [rule], grouped by file, with a count.
Exits 1 if there is any error, 0 if there are only warnings or nothing to report.

Besides the build's errors it warns about: unknown frontmatter keys (article/unknown-key,
registry/unknown-key), names that are probably variants of known ones (entity/probable-variant), people
and organizations the body never names (article/entity-not-in-body), a missing dateline or summary
(article/missing-dateline, article/missing-summary), headlines over 110 characters
(article/long-headline), registry entities no article lists (registry/unused-entity), raw HTML
that the published page leaves out, such as a <script> or an onerror attribute (html/removed), and
article URLs the last build into --out published that no article has or redirects from any more
(article/vanished-url).

Options:
  --content DIR      content folder with site.json and articles/ (default: content)
  --out DIR          output folder whose last build is compared with the content (default: _site)
  --format FORMAT    text (default) or json (the same report as JSON, for CI annotations)
  --cache DIR        keep the checked content here between runs, so unchanged files are not read
                     again (default: .cache/dateline, or DATELINE_CACHE_DIR; safe to delete)
  --no-cache         read and check every file, without the cache
  -h, --help         show this help`;

const { values, positionals } = parseCommandLine(
  process.argv.slice(2),
  {
    content: { type: "string", default: "content" },
    out: { type: "string", default: "_site" },
    format: { type: "string", default: "text" },
    cache: { type: "string" },
    "no-cache": { type: "boolean", default: false },
  },
  USAGE,
);
if (positionals.length > 0) usageError(`unexpected argument "${positionals[0]}"`);
if (values.format !== "text" && values.format !== "json") {
  console.error(`error: --format must be "text" or "json", found "${values.format}" (see --help)`);
  process.exit(2);
}

const result = await checkContent(values.content, {
  outDir: values.out,
  cacheDir: cacheDirFrom(values.cache, values["no-cache"]),
});
if (values.format === "json") {
  console.log(formatReportJson(result.diagnostics));
} else if (result.diagnostics.length > 0) {
  console.log(formatReport(result.diagnostics));
} else {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  console.log(
    `No problems in ${count(result.articles, "article")} and ${count(result.registryFiles, "registry file")}.`,
  );
}
process.exitCode = hasErrors(result.diagnostics) ? 1 : 0;
