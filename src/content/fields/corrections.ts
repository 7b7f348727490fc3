import type { DateTime } from "luxon";
import { parseIsoDate, toMoment } from "../../core/dates.ts";
import { describeValue, diagnostic } from "../../core/diagnostics.ts";
import type { Correction, Diagnostic } from "../../core/types.ts";
import type { ParsedDocument } from "../frontmatter.ts";
import { FORBIDDEN_CHARACTER } from "./printable.ts";

/** The keys a correction may have. */
const CORRECTION_KEYS = ["date", "text"];

/** When the article was published, as corrections are compared with it. */
export interface PublishedAt {
  value: DateTime;
  dateOnly: boolean;
}

/** `2022-12-15` of a moment in the site's time zone, to compare a date alone with a date-time. */
function dayOf(value: DateTime, timeZone: string): string {
  return value.setZone(timeZone).toISODate() ?? "";
}

/**
 * An article's `corrections:`, a list of `{ date, text }`, read in the site's time zone: the corrections
 * oldest first, or diagnostics at the line of the offending item (or of its `date` or `text`):
 * `article/invalid-corrections` when it is not a list, `article/invalid-correction` for an item that is not
 * a mapping, lacks `date` or `text`, has an unknown key, a date that is not ISO 8601 or an empty text, and
 * `article/correction-before-date` for a correction dated before the article. A date alone is compared by day.
 */
export function readCorrections(
  value: unknown,
  doc: ParsedDocument,
  timeZone: string,
  language: string,
  published: PublishedAt | undefined,
): { corrections: Correction[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const corrections: { correction: Correction; epoch: number }[] = [];
  const keyLine = doc.keyLines.get("corrections") ?? 1;
  if (value === undefined) return { corrections: [], diagnostics };
  if (!Array.isArray(value)) {
    diagnostics.push(
      diagnostic(
        "error",
        "article/invalid-corrections",
        doc.file,
        keyLine,
        `expected "corrections" to be a list of { date, text }, found ${describeValue(value)}`,
        {
          field: "corrections",
          hint: "write each correction as `- date: 2022-12-16` with `text: …` below it",
        },
      ),
    );
    return { corrections: [], diagnostics };
  }
  value.forEach((item: unknown, i) => {
    const itemAt = doc.positionOf(["corrections", i]) ?? { line: keyLine, column: 1 };
    const at = (key: string) => doc.positionOf(["corrections", i, key]) ?? itemAt;
    const problem = (
      where: { line: number; column: number },
      message: string,
      rule = "article/invalid-correction",
    ) =>
      diagnostics.push(
        diagnostic("error", rule, doc.file, where.line, `correction ${i + 1}: ${message}`, {
          column: where.column,
          field: "corrections",
        }),
      );
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      problem(itemAt, `expected a mapping with "date" and "text", found ${describeValue(item)}`);
      return;
    }
    const fields = item as Record<string, unknown>;
    const before = diagnostics.length;
    for (const key of Object.keys(fields))
      if (!CORRECTION_KEYS.includes(key))
        problem(at(key), `unknown key "${key}"; expected only "date" and "text"`);
    const { date, text } = fields;
    if (date === undefined || date === null)
      problem(itemAt, 'missing "date" (an ISO 8601 date such as 2022-12-16)');
    else if (typeof date !== "string")
      problem(
        at("date"),
        `expected "date" to be an ISO 8601 date such as 2022-12-16, found ${describeValue(date)}`,
      );
    if (text === undefined || text === null) problem(itemAt, 'missing "text" (what was corrected)');
    else if (typeof text !== "string")
      problem(at("text"), `expected "text" to be the correction's text, found ${describeValue(text)}`);
    else if (text.trim() === "") problem(at("text"), '"text" is empty; expected what was corrected');
    else if (FORBIDDEN_CHARACTER.test(text))
      problem(at("text"), '"text" holds an invisible control character; expected printable text');
    if (diagnostics.length > before || typeof date !== "string" || typeof text !== "string") return;
    const parsed = parseIsoDate(date, timeZone);
    if (!parsed.ok) {
      problem(at("date"), `"date": ${parsed.message}`);
      return;
    }
    if (published) {
      const earlier =
        parsed.dateOnly || published.dateOnly
          ? dayOf(parsed.value, timeZone) < dayOf(published.value, timeZone)
          : parsed.value.toMillis() < published.value.toMillis();
      if (earlier) {
        problem(
          at("date"),
          `dated ${date.trim()}, before the article's date; expected the day of publication or later`,
          "article/correction-before-date",
        );
        return;
      }
    }
    corrections.push({
      correction: { date: toMoment(parsed.value, parsed.dateOnly, timeZone, language), text: text.trim() },
      epoch: parsed.value.toMillis(),
    });
  });
  corrections.sort((a, b) => a.epoch - b.epoch);
  return { corrections: corrections.map((c) => c.correction), diagnostics };
}
