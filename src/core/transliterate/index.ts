import { ARMENIAN } from "./armenian.ts";
import { CYRILLIC } from "./cyrillic.ts";
import { GEORGIAN } from "./georgian.ts";
import { GREEK } from "./greek.ts";
import { LATIN } from "./latin.ts";
import type { Script } from "./types.ts";

/** Every script the newsroom names people in, each with its documented romanisation. */
export const SCRIPTS: readonly Script[] = [LATIN, CYRILLIC, GREEK, ARMENIAN, GEORGIAN];

const LETTERS = new Map<string, string>();
for (const script of SCRIPTS)
  for (const [from, to] of Object.entries(script.letters)) LETTERS.set(from.normalize("NFC"), to);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
const PAIRS = [...LETTERS.keys()].filter((k) => [...k].length > 1).sort((a, b) => b.length - a.length);
const SINGLES = [...LETTERS.keys()].filter((k) => [...k].length === 1);
/** One pass over the text: letter pairs first (`ый`, `ու`), then single letters. */
const PATTERN = new RegExp(
  `${PAIRS.map(escapeRegExp).join("|")}|[${SINGLES.map(escapeRegExp).join("")}]`,
  "gu",
);
const NON_ASCII = /[^\p{ASCII}]/u;
const RULED = SCRIPTS.filter((s) => s.rules);

/**
 * The text in lower case, with every letter of the tables in `SCRIPTS` written in ASCII (`Тоқаев` → `tokaev`,
 * `Ευάγγελος` → `evangelos`). Letters of other scripts, marks, digits and punctuation are left as they are,
 * for the caller to fold or drop. Pure ASCII text is only lower-cased.
 */
export function transliterate(text: string): string {
  let lower = text.normalize("NFC").toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  for (const script of RULED) {
    if (!script.detect.test(lower)) continue;
    for (const [pattern, replacement] of script.rules ?? [])
      lower = lower.replace(pattern, replacement as (m: string, ...g: string[]) => string);
  }
  return lower.replace(PATTERN, (letter) => LETTERS.get(letter) ?? letter);
}
