import { type Script, WORD_START } from "./types.ts";

/** Letters after which `αυ`, `ευ`, `ηυ` are spelled with `f` (ELOT 743): the voiceless consonants. */
const VOICELESS = "θκξπσςτφχψ";

/**
 * Greek: ELOT 743 (= ISO 843 transcription, UN and BGN/PCGN 1996). Accents (tonos, polytonic marks) are
 * dropped first, the dialytika kept (`ϊ`→i, `ϋ`→y: it stops `αϋ` being a diphthong). `αυ`/`ευ`/`ηυ` →
 * av/ev/iv, or af/ef/if before a voiceless consonant or at the end of a word; `ου`→ou; `γγ`→ng, `γξ`→nx,
 * `γχ`→nch; `μπ`→b and `ντ`→d at the start of a word (mp, nt elsewhere); `χ`→ch, `ξ`→x, `ψ`→ps
 * (`Ευάγγελος Παπαδόπουλος` → `evangelos-papadopoulos`).
 */
export const GREEK: Script = {
  name: "Greek",
  detect: /\p{Script=Greek}/u,
  rules: [
    // Accents off, dialytika on: ά→α, ΐ→ϊ, ᾶ→α, ᾳ→α.
    [
      /[\u0386-\u03ce\u1f00-\u1ffc]/gu,
      (c) =>
        c
          .normalize("NFD")
          .replace(/[\u0300-\u0307\u0309-\u036f\u0342-\u0345]/g, "")
          .normalize("NFC"),
    ],
    [new RegExp(`([αεη])υ(?=[${VOICELESS}]|(?!\\p{L}))`, "gu"), (_, v: string) => `${VOWEL[v]}f`],
    [/([αεη])υ/gu, (_, v: string) => `${VOWEL[v]}v`],
    [/ου/gu, "ou"],
    [/γγ/gu, "ng"],
    [/γξ/gu, "nx"],
    [/γχ/gu, "nch"],
    [new RegExp(`${WORD_START}μπ`, "gu"), "b"],
    [new RegExp(`${WORD_START}ντ`, "gu"), "d"],
  ],
  letters: {
    α: "a",
    β: "v",
    γ: "g",
    δ: "d",
    ε: "e",
    ζ: "z",
    η: "i",
    θ: "th",
    ι: "i",
    κ: "k",
    λ: "l",
    μ: "m",
    ν: "n",
    ξ: "x",
    ο: "o",
    π: "p",
    ρ: "r",
    σ: "s",
    ς: "s",
    τ: "t",
    υ: "y",
    φ: "f",
    χ: "ch",
    ψ: "ps",
    ω: "o",
    ϊ: "i",
    ϋ: "y",
  },
};

const VOWEL: Record<string, string> = { α: "a", ε: "e", η: "i" };
