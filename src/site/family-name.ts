/**
 * How directories order and group names: people by family name, under the first letter as the language's
 * alphabet has it (`Ə`, `Ç`, `Ş`, `İ` are letters of their own in Azerbaijani and Turkish, `Й` in Russian).
 */

/** Words that end a name made of a given name and a patronymic, with no family name: `Aynur Rasim qızı`. */
const PATRONYMIC_ENDINGS = new Set([
  "oğlu",
  "oglu",
  "qızı",
  "qizi",
  "kızı",
  "kizi",
  "ogly",
  "kyzy",
  "uly",
  "ulı",
]);

/** Generational suffixes after a family name: `Jr.`, `III`. */
const SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;

/** The Arabic article before a family name: `al-Rashid`, `El-Amin`, `الراشد`. */
const ARTICLE = /^(?:(?:al|el)[-‐]|ال(?=\p{L}{2}))/iu;

/**
 * The family name a person is sorted and grouped by: the last word of the name (`Ilham Aliyev` → `Aliyev`,
 * `Иван Петрович Сидоров` → `Сидоров`, `Anna van der Berg` → `Berg`), without a generational suffix or an
 * Arabic article (`Samir al-Rashid` → `Rashid`). A name of a given name and a patronymic only (`Aynur Rasim
 * qızı`) is sorted by its given name; a name of one word by that word.
 */
export function familyName(name: string): string {
  const words = name
    .trim()
    .split(/\s+/u)
    .map((w) => w.replace(/,$/, ""))
    .filter((w) => w !== "");
  while (words.length > 1 && SUFFIX.test(words.at(-1) ?? "")) words.pop();
  const last = words.at(-1) ?? "";
  if (words.length > 2 && PATRONYMIC_ENDINGS.has(last.toLocaleLowerCase())) return words[0] ?? "";
  const bare = last.replace(ARTICLE, "");
  return bare === "" ? last : bare;
}

/** The letters of alphabets whose accented or extra letters are letters of their own, by language. */
const ALPHABETS: Record<string, string> = {
  az: "ABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ",
  tr: "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ",
  ru: "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
};

/** The heading of names that do not start with a letter. */
export const OTHER_INITIAL = "#";

/**
 * The letter a name is listed under in the language `tag`: its first letter in upper case, kept when the
 * language's alphabet has it (`Əliyev` → `Ə` in Azerbaijani, `Йошкин` → `Й` in Russian), else without its
 * accents (`Émile` → `E`, `Ёлкин` → `Е`). Leading quotes and punctuation are skipped; a name starting with a
 * digit or with no letter is listed under `#`.
 */
export function initialOf(text: string, tag: string): string {
  const first = [...text.normalize("NFC")].find((ch) => /[\p{L}\p{N}]/u.test(ch));
  if (first === undefined || !/\p{L}/u.test(first)) return OTHER_INITIAL;
  const upper = [...first.toLocaleUpperCase(tag)][0] ?? first;
  const alphabet = ALPHABETS[tag.split("-")[0]?.toLowerCase() ?? ""];
  if (alphabet?.includes(upper)) return upper;
  const base = upper.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  return base === "" ? upper : base;
}
