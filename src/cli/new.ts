import path from "node:path";
import { DateTime } from "luxon";
import { parseDocument } from "../content/frontmatter.ts";
import { displayPath } from "../content/load.ts";
import { loadSettings } from "../content/settings.ts";
import { validateArticle } from "../content/validate.ts";
import { datePath, parseIsoDate } from "../core/dates.ts";
import { formatReport } from "../core/report.ts";
import { articlePath, renderArticleFile, slugForHeadline, writeNewFile } from "../wire/article-file.ts";
import { parseCommandLine, usageError } from "./args.ts";

const USAGE = `Usage: npm run new -- "Headline" [options]

Creates content/articles/YYYY/MM/<slug>.md with the headline, the date (now, in the site's time zone)
and the names given, and prints its path. Never overwrites an existing file.

Options:
  --dateline TEXT       where the story was filed, e.g. "BAKU, Azerbaijan"
  --summary TEXT        one or two sentences for listings and feeds
  --person NAME         a person in the story (repeat for more)
  --organization NAME   an organization in the story (repeat for more)
  --place NAME          a place in the story (repeat for more)
  --date ISO            the article's date instead of now, e.g. 2024-03-01T09:15:00+04:00
  --content DIR         content folder with site.json and articles/ (default: content)
  -h, --help            show this help`;

const { values, positionals } = parseCommandLine(
  process.argv.slice(2),
  {
    dateline: { type: "string" },
    summary: { type: "string" },
    person: { type: "string", multiple: true, default: [] },
    organization: { type: "string", multiple: true, default: [] },
    place: { type: "string", multiple: true, default: [] },
    date: { type: "string" },
    content: { type: "string", default: "content" },
  },
  USAGE,
);
if (positionals.length === 0) usageError("missing the headline");
if (positionals.length > 1)
  usageError(`expected one headline, found ${positionals.length} arguments; quote it`);
const title = (positionals[0] ?? "").replace(/\s+/g, " ").trim();
if (title === "") usageError("the headline is empty");
for (const [option, items] of Object.entries({
  person: values.person,
  organization: values.organization,
  place: values.place,
})) {
  if (items.some((item) => item.trim() === "")) usageError(`--${option} needs a name`);
}
for (const option of ["dateline", "summary"] as const) {
  if (values[option] !== undefined && values[option].trim() === "") usageError(`--${option} is empty`);
}
const slug = slugForHeadline(title);
if (slug === "") usageError(`the headline "${title}" has no letters or digits for a file name`);

const settingsFile = path.join(values.content, "site.json");
const { settings, diagnostics } = await loadSettings(settingsFile, displayPath(settingsFile));
if (!settings) {
  console.error(formatReport(diagnostics));
  process.exit(1);
}

let date: DateTime;
let dateText: string;
if (values.date === undefined) {
  date = DateTime.now().setZone(settings.timeZone).startOf("second");
  dateText = date.toISO({ suppressMilliseconds: true }) ?? "";
} else {
  const parsed = parseIsoDate(values.date, settings.timeZone);
  if (!parsed.ok) usageError(`--date: ${parsed.message}`);
  date = parsed.value.setZone(settings.timeZone);
  dateText = parsed.dateOnly ? values.date.trim() : (date.toISO({ suppressMilliseconds: true }) ?? "");
}

const file = articlePath(values.content, datePath(date, settings.timeZone), slug);
const text = renderArticleFile({
  title,
  date: dateText,
  ...(values.dateline === undefined ? {} : { dateline: values.dateline.trim() }),
  ...(values.summary === undefined ? {} : { summary: values.summary.trim() }),
  people: values.person.map((n) => n.trim()),
  organizations: values.organization.map((n) => n.trim()),
  places: values.place.map((n) => n.trim()),
  body: "<!-- Write the story here. Do not repeat the dateline: the page shows it. -->",
});

// The file must be one the build accepts; anything else is a bug here, reported rather than written.
const parsed = parseDocument(displayPath(file), text);
const problems = parsed.document
  ? validateArticle(parsed.document, settings).diagnostics
  : parsed.diagnostics;
if (problems.length > 0) {
  console.error(formatReport(problems));
  process.exit(1);
}
if (!(await writeNewFile(file, text))) {
  console.error(
    `error: ${displayPath(file)} already exists; nothing was written (edit it, or choose another headline)`,
  );
  process.exit(1);
}
console.log(displayPath(file));
