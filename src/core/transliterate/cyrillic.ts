import type { Script } from "./types.ts";

/**
 * Russian: the table of @sindresorhus/transliterate that Dateline's URLs have always used (BGN/PCGN without
 * its diacritics and apostrophes; `щ`→sch, `ый`→iy, the signs `ъ` `ь` written as nothing). Every other Cyrillic
 * language shares these letters and adds its own below; a shared letter is spelled the Russian way in every
 * language, so one name has one slug whatever the language of the article.
 */
const RUSSIAN = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  ый: "iy",
  ъе: "ye",
};

/**
 * Kazakh, Kyrgyz, Tatar and Bashkir: BGN/PCGN (Kazakh 1979, Kyrgyz 1979, Bashkir 2007, Tatar per the BGN
 * Tatar table), folded to ASCII the way the Turkic Latin alphabets are: `ә`→a, `ө`→o, `ү`/`ұ`→u, `ғ`→g
 * (as Azerbaijani `ğ`), `қ`/`ҡ`→k (as the English-language press: `Тоқаев` → Tokayev/Tokaev), `ң`→ng,
 * `һ`→h, `і`→i, Tatar `җ`→j, Bashkir `ҙ`→dh and `ҫ`→th.
 */
const TURKIC = {
  ә: "a",
  ғ: "g",
  қ: "k",
  ҡ: "k",
  ң: "ng",
  ө: "o",
  ұ: "u",
  ү: "u",
  һ: "h",
  і: "i",
  җ: "j",
  ҙ: "dh",
  ҫ: "th",
};

/** Ukrainian: the national system (KMU 2010), word-initial forms: `є`→ye, `ї`→yi, `ґ`→g, `і`→i. */
const UKRAINIAN = { є: "ye", ї: "yi", ґ: "g" };

/** Belarusian: the national system (2007, adopted by the UN): `ў`→u (Uladzimir), `і`→i. */
const BELARUSIAN = { ў: "u" };

/**
 * Serbian Cyrillic: the Serbian Latin alphabet (Gaj) folded to ASCII: `ђ`→dj, `ј`→j, `љ`→lj, `њ`→nj,
 * `ћ`→c, `џ`→dz; Macedonian `ѓ`→gj, `ќ`→kj, `ѕ`→dz (the Macedonian official romanisation).
 */
const SERBIAN = { ђ: "dj", ј: "j", љ: "lj", њ: "nj", ћ: "c", џ: "dz", ѓ: "gj", ќ: "kj", ѕ: "dz" };

export const CYRILLIC: Script = {
  name: "Cyrillic",
  detect: /\p{Script=Cyrillic}/u,
  letters: { ...RUSSIAN, ...TURKIC, ...UKRAINIAN, ...BELARUSIAN, ...SERBIAN },
};
