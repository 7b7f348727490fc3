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

/** Letter pairs spelled as one (`ый` → iy, `ու` → u): first letter's code → second letter's code → ASCII codes. */
const PAIRS: (Map<number, number[]> | undefined)[] = [];
/** Single letters: UTF-16 code → ASCII codes (every letter of the tables is below U+1100). */
const SINGLE: (number[] | undefined)[] = [];
const codes = (ascii: string) => [...ascii].map((c) => c.charCodeAt(0));
for (const [from, to] of LETTERS) {
  const first = from.charCodeAt(0);
  if (from.length > 2 || first >= 0x1100 || from.charCodeAt(1) >= 0x1100)
    throw new Error(`transliteration key "${from}" is not one or two letters below U+1100`);
  if (from.length === 2) {
    const seconds = PAIRS[first] ?? new Map<number, number[]>();
    seconds.set(from.charCodeAt(1), codes(to));
    PAIRS[first] = seconds;
  } else SINGLE[first] = codes(to);
}
const NON_ASCII = /[^\p{ASCII}]/u;
const RULED = SCRIPTS.filter((s) => s.rules);
const UTF16 = new TextDecoder("utf-16le");
/** The longest ASCII spelling of one letter or pair: the output buffer's worst case per input code. */
const LONGEST = Math.max(...[...LETTERS.values()].map((to) => to.length), 1);

/** One pass over the text with the precomputed tables, written into a UTF-16 buffer (no string per letter). */
function replaceLetters(text: string): string {
  const out = new Uint16Array(text.length * LONGEST);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let to: number[] | undefined;
    if (code >= 0x80 && code < 0x1100) {
      to = PAIRS[code]?.get(text.charCodeAt(i + 1));
      if (to !== undefined) i++;
      else to = SINGLE[code];
    }
    if (to === undefined) out[n++] = code;
    else for (const c of to) out[n++] = c;
  }
  return UTF16.decode(out.subarray(0, n));
}

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
  return replaceLetters(lower);
}
