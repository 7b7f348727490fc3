import { MAX_HEADLINE_LENGTH } from "../content/limits.ts";
import { findPatterns } from "./patterns.ts";

const WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const MONTHS =
  "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";
const DATE_PHRASE = new RegExp(
  String.raw`\s+on\s+(?:${WEEKDAYS}|(?:${MONTHS})\.?\s+\d{1,2}(?:,\s+\d{4})?)\b`,
  "gu",
);
const ATTRIBUTION =
  /,\s+(?:[^,]*?\s)?(?:told|said|says|reported|reports|announced|informed|stated)\s+[^,]*$/u;
const TRAILING_WORDS = /\s+(?:of|the|and|with|to|for|in|on|at|a|an|by|from)$/iu;

/**
 * A headline proposed from a story's first sentence, for the editor to rewrite: titles before names are
 * dropped (`Minister of Foreign Affairs of Azerbaijan Jeyhun Bayramov` → `Jeyhun Bayramov`), as are
 * abbreviations in parentheses, the date (`on December 15`) and the attribution (`…, the ministry told
 * Trend`); at most 110 characters, cut at a word.
 */
export function proposeHeadline(firstSentence: string): string {
  let text = firstSentence.trim();
  const people = findPatterns(text)
    .filter((f) => f.kind === "person")
    .sort((a, b) => b.start - a.start);
  let lastStart = Number.POSITIVE_INFINITY;
  for (const f of people) {
    if (f.end > lastStart) continue; // overlapping matches: keep the later one
    text = text.slice(0, f.start) + f.name + text.slice(f.end);
    lastStart = f.start;
  }
  text = text
    .replace(/^According to [^,]+,\s*/iu, "")
    .replace(/\s*\(\p{Lu}[\p{L}&]+\)/gu, "")
    .replace(DATE_PHRASE, "")
    .replace(/[.!?…\s]+$/u, "")
    .replace(ATTRIBUTION, "")
    .replace(/\s+/g, " ")
    .trim();
  if ([...text].length > MAX_HEADLINE_LENGTH) {
    const cut = [...text].slice(0, MAX_HEADLINE_LENGTH + 1).join("");
    text = cut.slice(0, cut.lastIndexOf(" ")).replace(/[,;:]$/u, "");
    while (TRAILING_WORDS.test(text)) text = text.replace(TRAILING_WORDS, "").replace(/[,;:]$/u, "");
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}
