import { DateTime } from "luxon";
import { normalizeText } from "../content/frontmatter.ts";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";

/** A wire story as the agencies send it, split into the parts an article needs. */
export interface WireStory {
  file: string;
  /** `2022-12-15`, from the first line. */
  date: string;
  /** `BAKU, Azerbaijan`: the lead's place, without its date. */
  dateline: string;
  /** `BAKU`. */
  city: string;
  /** An agency named in the lead, `BAKU, Azerbaijan, Dec. 15 (Trend) –`. */
  agency?: string;
  /** The body's paragraphs, the first one without the dateline lead, each on one line. */
  paragraphs: string[];
  /** The line in the file where each paragraph starts. */
  paragraphLines: number[];
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const;

/** `BAKU, Azerbaijan, December 15.` (the region and the agency in parentheses are optional). */
const LEAD =
  /^(?<city>\p{Lu}[\p{Lu}\p{M}'’. -]*?)\s*,\s*(?:(?<region>[^,.]*\p{L}[^,.]*?)\s*,\s*)?(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?<day>\d{1,2})(?:\s*\((?<agency>[^)]+)\))?\s*[.:—–-]\s*/u;

const DATE_LINE = /^(\s*)date\b\s*(\S*)\s*/i;

export const EXPECTED_SHAPE =
  'expected a first line starting "date YYYY-MM-DD", then a dateline lead such as "BAKU, Azerbaijan, December 15." and the story';

function preview(text: string): string {
  const trimmed = text.trim();
  return JSON.stringify(trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed);
}

/**
 * Reads raw wire copy: a first line `date YYYY-MM-DD`, then (on the same line or the next) a dateline lead
 * such as `BAKU, Azerbaijan, December 15.` and the story in paragraphs separated by blank lines. Never
 * throws: copy in another shape gives an error naming what was expected, with the file, line and column.
 */
export function parseWire(file: string, raw: string): { story?: WireStory; diagnostics: Diagnostic[] } {
  const lines = normalizeText(raw).split("\n");
  const error = (rule: string, line: number, message: string, column = 1) => ({
    diagnostics: [diagnostic("error", rule, file, line, message, { column })],
  });
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first === -1) return error("wire/empty", 1, `the file is empty; ${EXPECTED_SHAPE}`);

  const firstLine = lines[first] ?? "";
  const dateMatch = DATE_LINE.exec(firstLine);
  if (!dateMatch) {
    return error(
      "wire/missing-date",
      first + 1,
      `the first line starts with ${preview(firstLine)}; ${EXPECTED_SHAPE}`,
      firstLine.length - firstLine.trimStart().length + 1,
    );
  }
  const dateText = dateMatch[2] ?? "";
  const dateColumn = firstLine.indexOf(dateText, (dateMatch[1] ?? "").length + 4) + 1;
  const date = DateTime.fromISO(dateText, { zone: "UTC" });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateText) || !date.isValid) {
    return error(
      "wire/invalid-date",
      first + 1,
      `the date is ${dateText === "" ? "missing" : JSON.stringify(dateText)}; expected a real date as YYYY-MM-DD after "date"`,
      Math.max(dateColumn, 1),
    );
  }

  // The lead follows the date on the same line, or starts the next non-empty line.
  let leadLine = first;
  let leadColumn = dateMatch[0].length;
  if (firstLine.slice(leadColumn).trim() === "") {
    leadLine = lines.findIndex((l, i) => i > first && l.trim() !== "");
    if (leadLine === -1)
      return error("wire/empty-body", first + 1, `there is no story after the date; ${EXPECTED_SHAPE}`);
    leadColumn = (lines[leadLine] ?? "").length - (lines[leadLine] ?? "").trimStart().length;
  }
  const leadText = (lines[leadLine] ?? "").slice(leadColumn);
  const lead = LEAD.exec(leadText);
  if (!lead?.groups) {
    return error(
      "wire/missing-dateline",
      leadLine + 1,
      `the story starts with ${preview(leadText)}; expected a dateline lead such as "BAKU, Azerbaijan, December 15."`,
      leadColumn + 1,
    );
  }
  const { city = "", region, month = "", day = "", agency } = lead.groups;
  const diagnostics: Diagnostic[] = [];
  const monthNumber = MONTHS.indexOf(month.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
  if (monthNumber !== date.month || Number(day) !== date.day) {
    diagnostics.push(
      diagnostic(
        "warning",
        "wire/date-mismatch",
        file,
        leadLine + 1,
        `the lead says ${month} ${day} but the first line says ${dateText}; expected the same day (the first line's date is used)`,
        { column: leadColumn + 1 },
      ),
    );
  }

  // Paragraphs: the rest of the lead's line onwards, split at blank lines, each joined into one line.
  const rest = [leadText.slice(lead[0].length), ...lines.slice(leadLine + 1)];
  const paragraphs: string[] = [];
  const paragraphLines: number[] = [];
  let current: string[] = [];
  let startLine = leadLine + 1;
  rest.forEach((line, i) => {
    if (line.trim() === "") {
      if (current.length > 0) {
        paragraphs.push(current.join(" "));
        paragraphLines.push(startLine);
      }
      current = [];
      return;
    }
    if (current.length === 0) startLine = leadLine + 1 + i;
    current.push(line.trim());
  });
  if (current.length > 0) {
    paragraphs.push(current.join(" "));
    paragraphLines.push(startLine);
  }
  if (paragraphs.length === 0) {
    return error(
      "wire/empty-body",
      leadLine + 1,
      "there is no story after the dateline lead; expected at least one paragraph",
    );
  }
  const story: WireStory = {
    file,
    date: dateText,
    dateline: region ? `${city.trim()}, ${region.trim()}` : city.trim(),
    city: city.trim(),
    paragraphs: paragraphs.map((p) => p.replace(/\s+/g, " ")),
    paragraphLines,
  };
  if (agency) story.agency = agency.trim();
  return { story, diagnostics };
}
