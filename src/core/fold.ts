/**
 * Text folding for comparisons that ignore letter case and diacritics: `Gülşən Əliyeva`, `GULSEN ELIYEVA`
 * and `gulsen  eliyeva` all fold to `gulsen eliyeva`. Letters without a decomposition are mapped as
 * `slug.ts` maps them (`ə` → `e`, `ı` → `i`).
 */
const LETTERS: Record<string, string> = {
  ə: "e",
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ħ: "h",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  þ: "th",
  "’": "'",
  "‘": "'",
  "‐": "-",
  "‑": "-",
  "–": "-",
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join("")}]`, "g");

/** Lower case, no combining marks, typographic apostrophes and hyphens made plain, spaces collapsed. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(SPECIAL, (c) => LETTERS[c] ?? c)
    .replace(/\s+/g, " ")
    .trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether `needle` occurs in `haystack` as whole words (both already folded). */
export function containsWords(haystack: string, needle: string): boolean {
  if (needle === "") return false;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after)))
      return true;
  }
  return false;
}
