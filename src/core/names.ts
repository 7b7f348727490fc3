import { slugify } from "./slug.ts";

/**
 * Name identity, in one module. A name as written becomes a *spelling* (runs of spaces made one); two
 * spellings are one entity when their *key* is equal (letter case and Unicode composition ignored); the
 * variant rule compares *variant keys* (the name as its slug spells it, so diacritics and scripts fold the
 * way URLs do); body text and wire copy are searched *folded* (case and diacritics ignored, words kept).
 */

/** A name as written, with runs of spaces made one: how it counts as a spelling. */
export function spellingOf(name: string): string {
  return /\s\s|^\s|\s$|[\t\n\r]/.test(name) ? name.replace(/\s+/g, " ").trim() : name;
}

const keys = new Map<string, string>();

/**
 * The identity of a name: `  jeyhun  BAYRAMOV ` and `Jeyhun Bayramov` are one entity. Remembered, since a
 * few thousand names recur across tens of thousands of articles (the memory is dropped past 200,000 names).
 */
export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    if (keys.size > 200_000) keys.clear();
    key = name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
    keys.set(name, key);
  }
  return key;
}

/** `Gülşən Əliyeva` → `gulsen eliyeva`: the name as its slug spells it, words kept apart. */
export function variantKey(name: string): string {
  return slugify(name).replace(/-/g, " ");
}

/** Letters without a Unicode decomposition, mapped as `slug.ts` maps them (`ə` → `e`, `ı` → `i`). */
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

/**
 * Text folded for searching: lower case, no combining marks, typographic apostrophes and hyphens made plain,
 * spaces collapsed. `Gülşən Əliyeva`, `GULSEN ELIYEVA` and `gulsen  eliyeva` all fold to `gulsen eliyeva`.
 */
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
