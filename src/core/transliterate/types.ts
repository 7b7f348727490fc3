/**
 * One script's romanisation: lower-case letters (or letter pairs) → lower-case ASCII. Upper case is handled by
 * lower-casing the text first. `rules` run before the table, for letters whose spelling depends on where they
 * stand (word-initial Armenian `ե` → `ye`); each rule writes ASCII, which the table then leaves alone.
 */
export interface Script {
  name: string;
  /** Whether a text contains letters of this script (rules only run on texts that do). */
  detect: RegExp;
  letters: Readonly<Record<string, string>>;
  rules?: readonly (readonly [RegExp, string | ((match: string, ...groups: string[]) => string)])[];
}

/** Not preceded by a letter: the start of a word. */
export const WORD_START = "(?<!\\p{L})";
