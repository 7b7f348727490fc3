import { MAX_HEADLINE_LENGTH } from "../content/limits.ts";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import type { LintInput } from "./types.ts";

/** Headlines longer than this are cut off in search results and listings. */

/** `article/missing-dateline`: every story should say where it was filed. */
export function missingDateline(input: LintInput): Diagnostic[] {
  return input.articles
    .filter((a) => a.input.dateline === undefined)
    .map((a) =>
      diagnostic(
        "warning",
        "article/missing-dateline",
        a.input.file,
        a.document.keyLines.get("dateline") ?? 1,
        'no "dateline"; expected where the story was filed, e.g. "BAKU, Azerbaijan"',
        { field: "dateline" },
      ),
    );
}

/** `article/missing-summary`: listings, feeds and search results show the summary. */
export function missingSummary(input: LintInput): Diagnostic[] {
  return input.articles
    .filter((a) => a.input.summary === undefined)
    .map((a) =>
      diagnostic(
        "warning",
        "article/missing-summary",
        a.input.file,
        a.document.keyLines.get("summary") ?? 1,
        'no "summary"; expected one or two sentences for listings, feeds and search results',
        { field: "summary" },
      ),
    );
}

/** `article/long-headline`: a headline over 110 characters (counted as a reader sees them). */
export function longHeadline(input: LintInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const a of input.articles) {
    if (a.input.title.length <= MAX_HEADLINE_LENGTH) continue; // code units never undercount letters
    const length = [...a.input.title.normalize("NFC")].length;
    if (length <= MAX_HEADLINE_LENGTH) continue;
    diagnostics.push(
      diagnostic(
        "warning",
        "article/long-headline",
        a.input.file,
        a.document.keyLines.get("title") ?? 1,
        `the headline is ${length} characters long; expected at most ${MAX_HEADLINE_LENGTH}`,
        { field: "title", hint: "move detail into the summary" },
      ),
    );
  }
  return diagnostics;
}
