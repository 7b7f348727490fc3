import { slugify } from "./slug.ts";
import { transliterate } from "./transliterate/index.ts";

/**
 * Name identity, in one module. A name as written becomes a *spelling* (runs of spaces made one); two
 * spellings are one entity when their *key* is equal (letter case and Unicode composition ignored, with the
 * Turkic `I ı` / `İ i` kept apart where the language calls for it); a name written all in capitals takes the
 * known spelling with the same *capitals key*; the variant rule compares *variant keys* (the name as its slug
 * spells it, so diacritics and scripts fold the way URLs do); body text and wire copy are searched *folded*
 * (the same transliteration as slugs, case ignored, words kept).
 */

/** A name as written, with runs of spaces made one: how it counts as a spelling. */
export function spellingOf(name: string): string {
  return /\s\s|^\s|\s$|[\t\n\r]/.test(name) ? name.replace(/\s+/g, " ").trim() : name;
}

/** Languages whose Latin alphabet pairs `I` with `ı` and `İ` with `i` (by primary language subtag). */
const DOTLESS_I_LANGUAGES = new Set(["az", "tr", "crh", "gag", "kk", "tt", "kaa"]);
/** Letters only the Turkic Latin alphabets have: a name containing one is written in such an alphabet. */
const TURKIC_LETTERS = /[ıİəƏğĞ]/;

/** Whether a language (a BCP 47 tag such as `az`, `tr-TR`, `kk-Latn`) writes `I ı` and `İ i` as pairs. */
export function usesDotlessI(language: string | undefined): boolean {
  if (language === undefined) return false;
  let uses = dotlessByLanguage.get(language);
  if (uses === undefined) {
    uses = DOTLESS_I_LANGUAGES.has(language.split(/[-_]/)[0]?.toLowerCase() ?? "");
    dotlessByLanguage.set(language, uses);
  }
  return uses;
}
const dotlessByLanguage = new Map<string, boolean>();

/**
 * A name in lower case by the rules of its alphabet. On a site whose language pairs `I` with `ı` (`az`, `tr`),
 * Turkic rules: `I`→`ı`, `İ`→`i`. Elsewhere, a name with a letter only Turkic alphabets have (`Iğdır`, `Şəki`)
 * follows Turkic rules with its dotted i marked (`I`→`ı`, `İ` and `i`→`i̇`), so `IĞDIR` is `Iğdır` and `ŞƏKİ` is
 * `Şəki`, while `İlham` never becomes the English-spelled `Ilham`; other names follow the root rules.
 */
export function lowerName(name: string, language?: string): string {
  if (usesDotlessI(language)) return name.toLocaleLowerCase("tr");
  if (TURKIC_LETTERS.test(name))
    return name
      .replace(/I/g, "ı")
      .toLowerCase()
      .replace(/i(?!\u0307)/g, "i\u0307");
  return name.toLowerCase();
}

/** Keys remembered by name: by the root and name-script rules, and by Turkic rules. */
const keys = new Map<string, string>();
const turkicKeys = new Map<string, string>();

/**
 * The identity of a name: `  jeyhun  BAYRAMOV ` and `Jeyhun Bayramov` are one entity. Letter case is ignored
 * by `lowerName`'s rules, so on an `az` or `tr` site, or for a name written in a Turkic alphabet, `Ilgın` and
 * `İlgın` stay two names. Remembered, since a few thousand names recur across tens of thousands of articles
 * (the memory is dropped past 200,000 names).
 */
export function nameKey(name: string, language?: string): string {
  const remembered = usesDotlessI(language) ? turkicKeys : keys;
  let key = remembered.get(name);
  if (key === undefined) {
    if (remembered.size > 200_000) remembered.clear();
    key = lowerName(name.normalize("NFC").replace(/\s+/g, " ").trim(), language);
    remembered.set(name, key);
  }
  return key;
}

/** Whether a name is written all in capitals (`SUMQAYIT`, `İSTANBUL`): at least two, and no small letters. */
export function isCapitals(name: string): boolean {
  return !/\p{Ll}/u.test(name) && (name.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

/**
 * A name as wire style writes it in capitals: `Sumqayıt` → `SUMQAYIT`, `Şəki` → `ŞƏKİ`, `Αθήνα` → `ΑΘΗΝΑ`
 * (Greek capitals carry no tonos), `Երևան` → `ԵՐԵՎԱՆ` (Armenian `և` in capitals is `ԵՎ`, where Unicode's
 * upper case gives `ԵՒ`); Turkic rules (`i`→`İ`) for a name with a letter only Turkic alphabets have. Two
 * names with one capitals key differ at most in letter case.
 */
export function capitalsKey(name: string): string {
  const spelling = spellingOf(name).normalize("NFC");
  return (TURKIC_LETTERS.test(spelling) ? spelling.toLocaleUpperCase("tr") : spelling.toUpperCase())
    .normalize("NFD")
    .replace(/(\p{Script=Greek})\u0301/gu, "$1")
    .normalize("NFC")
    .replace(/ԵՒ/g, "ԵՎ");
}

/** `İSTANBUL` as English-language wires write it, `ISTANBUL`: the fallback when no spelling has `İ`. */
function looseCapitalsKey(key: string): string {
  return key.replace(/İ/g, "I");
}

/**
 * The known spellings of names of one kind, to give a name written in capitals its usual spelling. The
 * spelling with the highest weight wins (the registry's, then the one in most articles); on a tie the first.
 */
export class KnownSpellings {
  readonly #exact = new Map<string, Map<string, number>>();
  readonly #loose = new Map<string, Map<string, number>>();
  /** Answers already given (a wire city recurs in thousands of datelines); cleared by `add`. */
  readonly #found = new Map<string, string | undefined>();

  /** Adds a spelling (names in capitals are not spellings to copy, and are ignored). */
  add(name: string, weight = 1): void {
    const spelling = spellingOf(name);
    if (isCapitals(spelling)) return;
    this.#found.clear();
    const key = capitalsKey(spelling);
    for (const [map, k] of [
      [this.#exact, key],
      [this.#loose, looseCapitalsKey(key)],
    ] as const) {
      const spellings = map.get(k) ?? new Map<string, number>();
      map.set(k, spellings);
      spellings.set(spelling, (spellings.get(spelling) ?? 0) + weight);
    }
  }

  /** The usual spelling of a name written in capitals, if one is known (`SUMQAYIT` → `Sumqayıt`). */
  find(capitals: string): string | undefined {
    if (this.#found.has(capitals)) return this.#found.get(capitals);
    const key = capitalsKey(capitals);
    const found = best(this.#exact.get(key)) ?? best(this.#loose.get(looseCapitalsKey(key)));
    this.#found.set(capitals, found);
    return found;
  }
}

function best(spellings: ReadonlyMap<string, number> | undefined): string | undefined {
  let found: string | undefined;
  let weight = 0;
  for (const [spelling, w] of spellings ?? []) {
    if (w > weight) {
      found = spelling;
      weight = w;
    }
  }
  return found;
}

/**
 * `BAKU` → `Baku`, `NEW YORK` → `New York`, `IĞDIR` → `Iğdır`: a name in capitals with no known spelling,
 * in the case rules of the site's language, or Turkic rules when the name has a letter only Turkic alphabets
 * have (`ŞƏKİ` → `Şəki` on an English site too).
 */
export function titleCase(text: string, language: string): string {
  const locale = usesDotlessI(language) || TURKIC_LETTERS.test(text) ? "tr" : language;
  return text
    .toLocaleLowerCase(locale)
    .replace(
      /(^|[\s\-'’])(\p{L})/gu,
      (_, before: string, letter: string) => before + letter.toLocaleUpperCase(locale),
    );
}

/** `Gülşən Əliyeva` → `gulsen eliyeva`: the name as its slug spells it, words kept apart. */
export function variantKey(name: string): string {
  return slugify(name).replace(/-/g, " ");
}

/** Punctuation made plain for searching: typographic apostrophes and hyphens. */
const PUNCTUATION: Record<string, string> = {
  "’": "'",
  "‘": "'",
  ʻ: "'",
  ʼ: "'",
  "`": "'",
  "‐": "-",
  "‑": "-",
  "–": "-",
};
const SPECIAL = new RegExp(`[${Object.keys(PUNCTUATION).join("")}]`, "g");

/**
 * Text folded for searching: the letters of every script written as slugs write them (`transliterate`), lower
 * case, no combining marks, typographic apostrophes and hyphens made plain, spaces collapsed. `Gülşən Əliyeva`,
 * `GULSEN ELIYEVA` and `gulsen  eliyeva` all fold to `gulsen eliyeva`; `Тоқаев` folds to `tokaev`, as its slug.
 */
export function fold(text: string): string {
  return transliterate(text)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(SPECIAL, (c) => PUNCTUATION[c] ?? c)
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
