import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadContent } from "../content/content.ts";
import { displayPath } from "../content/load.ts";
import { diagnostic, hasErrors } from "../core/diagnostics.ts";
import { formatReport } from "../core/report.ts";
import type { Diagnostic } from "../core/types.ts";
import { exists, writeNewFile } from "../wire/article-file.ts";
import { type ImportPlan, planImport } from "../wire/import.ts";
import { EXPECTED_SHAPE } from "../wire/parse.ts";
import type { Finding, Suggestion } from "../wire/suggest.ts";
import { parseCommandLine, usageError } from "./args.ts";

const USAGE = `Usage: npm run import -- FILE… [options]

Turns raw wire copy into article files under content/articles/YYYY/MM/<slug>.md. Each FILE must start
with a line "date YYYY-MM-DD", then a dateline lead such as "BAKU, Azerbaijan, December 15." and the
story in paragraphs. The article gets the date, the dateline, the body without the lead, and the headline
from --title, or one proposed from the first sentence and marked "# TODO" for you to rewrite.

It suggests people, organizations and places from the registry's names and aliases, from news patterns
("Minister … X Y", "… of the <Organization> (<ABBR>)", "told <Agency>", "the city of <Place>") and from
named-entity recognition (compromise), and prints where each was found (¶ paragraph, s sentence). They
are written as comments in the frontmatter to uncomment, or as values with --accept.

If any FILE is not wire copy, or its article already exists, nothing is written. Never overwrites.

Options:
  --title TEXT     the headline (only with one FILE)
  --accept         write the suggestions into the frontmatter (people, organizations, places, source)
  --dry-run        print what would be written, and write nothing
  --content DIR    content folder with site.json and articles/ (default: content)
  -h, --help       show this help`;

const { values, positionals } = parseCommandLine(
  process.argv.slice(2),
  {
    title: { type: "string" },
    accept: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
    content: { type: "string", default: "content" },
  },
  USAGE,
);
if (positionals.length === 0) usageError("missing the wire FILE to import");
if (values.title !== undefined && positionals.length > 1)
  usageError("--title gives one headline; import one FILE with it");
if (values.title !== undefined && values.title.trim() === "") usageError("--title is empty");

// The same checked content the build and check use; its settings and registry drive the suggestions.
// Problems in other articles do not stop an import (check and the build report them).
const { content, diagnostics: contentProblems } = await loadContent({
  contentDir: values.content,
  preview: true,
});
if (!content) {
  console.error(formatReport(contentProblems));
  process.exit(1);
}
const { settings } = content;

const diagnostics: Diagnostic[] = [];
const plans: ImportPlan[] = [];
for (const file of positionals) {
  const shown = displayPath(path.resolve(file));
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    diagnostics.push(
      diagnostic("error", "wire/unreadable", shown, 1, `cannot read the file (${reason}); ${EXPECTED_SHAPE}`),
    );
    continue;
  }
  const { plan, diagnostics: problems } = planImport(shown, raw, {
    contentDir: values.content,
    settings,
    registry: content.registry,
    accept: values.accept,
    ...(values.title === undefined ? {} : { title: values.title.replace(/\s+/g, " ").trim() }),
  });
  diagnostics.push(...problems);
  if (!plan) continue;
  const target = displayPath(path.resolve(plan.target));
  const earlier = plans.find((p) => path.resolve(p.target) === path.resolve(plan.target));
  if (earlier) {
    diagnostics.push(
      diagnostic(
        "error",
        "wire/same-article",
        shown,
        1,
        `this story would become ${target}, as would ${earlier.wireFile}; expected one article per story`,
        { hint: "import them one at a time, each with its own --title" },
      ),
    );
  } else if (await exists(plan.target)) {
    diagnostics.push(
      diagnostic(
        "error",
        "wire/article-exists",
        shown,
        1,
        `the article ${target} already exists; expected a new file (it is never overwritten)`,
        { hint: "edit that article, or import with another --title" },
      ),
    );
  }
  plans.push(plan);
}

const report = formatReport(diagnostics);
if (report) console.error(report);
if (hasErrors(diagnostics)) {
  console.error("Nothing was written.");
  process.exit(1);
}

/** `pattern "Minister … X Y" (¶1 s1, ¶2 s1); compromise #Person (¶3 s2)`: each finder and where it found the name. */
function where(findings: readonly Finding[]): string {
  const byFinder = new Map<string, string[]>();
  for (const f of findings) {
    const at = f.sentence === 0 ? `¶${f.paragraph} lead` : `¶${f.paragraph} s${f.sentence}`;
    byFinder.set(f.by, [...(byFinder.get(f.by) ?? []), at]);
  }
  return [...byFinder]
    .map(([by, ats]) => `${by} (${ats.slice(0, 3).join(", ")}${ats.length > 3 ? ` +${ats.length - 3}` : ""})`)
    .join("; ");
}

function describe(plan: ImportPlan, written: boolean): string {
  const target = displayPath(path.resolve(plan.target));
  const lines = [
    `${plan.wireFile} → ${target}${written ? "" : " (not written: --dry-run)"}`,
    `  date        ${plan.story.date}`,
    `  dateline    ${plan.story.dateline}`,
    `  headline    ${plan.title}`,
  ];
  if (plan.proposed) {
    lines.push(
      "              PROPOSED from the first sentence: rewrite it (marked # TODO in the file), and rename",
      "              the file to match, since its name gives the URL",
    );
  }
  lines.push(
    `  body        ${plan.story.paragraphs.length} paragraph${plan.story.paragraphs.length === 1 ? "" : "s"}`,
  );
  if (plan.suggestions.length === 0) {
    lines.push("  suggestions none found");
    return lines.join("\n");
  }
  lines.push(
    values.accept
      ? "  suggestions (written into the frontmatter; remove any that are wrong):"
      : "  suggestions (written as comments in the frontmatter: uncomment what is right, or use --accept):",
  );
  const width = Math.max(...plan.suggestions.map((s: Suggestion) => s.name.length));
  for (const s of plan.suggestions) {
    lines.push(`    ${s.kind.padEnd(12)}  ${s.name.padEnd(width)}  ${where(s.findings)}`);
  }
  if (plan.source)
    lines.push(`    ${"source".padEnd(12)}  ${plan.source.padEnd(width)}  the agency the story came from`);
  return lines.join("\n");
}

for (const plan of plans) {
  if (values["dry-run"]) {
    console.log(describe(plan, false));
    continue;
  }
  if (!(await writeNewFile(plan.target, plan.text))) {
    console.error(
      `error: ${displayPath(path.resolve(plan.target))} appeared meanwhile; it was not overwritten`,
    );
    process.exitCode = 1;
    continue;
  }
  console.log(describe(plan, true));
}
if (!values["dry-run"] && process.exitCode !== 1) {
  console.log("\nNext: edit the article, then run npm run check.");
}
