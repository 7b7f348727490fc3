import type { Script } from "./types.ts";

/**
 * Latin letters that have no Unicode decomposition, or that the slug library would spell the German way.
 * Azerbaijani, Turkish, Turkmen and Uzbek (their national Latin alphabets) fold to plain ASCII letters:
 * `ə`→e, `ı`→i, `ğ`→g, `ş`→s, `ç`→c, `ö`→o, `ü`→u, `ñ`/`ň`→n, `ž`→z, `ý`→y, `ä`→a (`Gülşən Əliyeva` →
 * `gulsen-eliyeva`). Uzbek `oʻ`/`gʻ` lose their sign (see `APOSTROPHES` in `index.ts`). Other letters that do
 * not decompose (`ł`, `ø`, `đ`, `ß`, …) are spelled as in ISO 8859 fallbacks.
 */
export const LATIN: Script = {
  name: "Latin",
  detect: /[^\p{ASCII}]/u,
  letters: {
    // Azerbaijani, Turkish, Turkmen, Uzbek
    ə: "e",
    ı: "i",
    ğ: "g",
    ş: "s",
    ç: "c",
    ö: "o",
    ü: "u",
    ñ: "n",
    ň: "n",
    ž: "z",
    ý: "y",
    ä: "a",
    // Other letters without a decomposition
    ł: "l",
    ø: "o",
    đ: "d",
    ð: "d",
    ħ: "h",
    ß: "ss",
    æ: "ae",
    œ: "oe",
    þ: "th",
  },
};
