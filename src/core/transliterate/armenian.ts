import { type Script, WORD_START } from "./types.ts";

/**
 * Armenian (Eastern): BGN/PCGN 1981, its aspiration apostrophes dropped. `ե` is `ye` at the start of a word
 * and `e` elsewhere, `ո` is `vo` at the start of a word and `o` elsewhere, `ու` is `u`, `և` is `yev`/`ev`
 * (`Երևան` → `yerevan`, `Պետրոսյան` → `petrosyan`).
 */
export const ARMENIAN: Script = {
  name: "Armenian",
  detect: /\p{Script=Armenian}/u,
  rules: [
    [new RegExp(`${WORD_START}ե`, "gu"), "ye"],
    [new RegExp(`${WORD_START}և`, "gu"), "yev"],
    [new RegExp(`${WORD_START}ո(?!ւ)`, "gu"), "vo"],
  ],
  letters: {
    ու: "u",
    ա: "a",
    բ: "b",
    գ: "g",
    դ: "d",
    ե: "e",
    զ: "z",
    է: "e",
    ը: "y",
    թ: "t",
    ժ: "zh",
    ի: "i",
    լ: "l",
    խ: "kh",
    ծ: "ts",
    կ: "k",
    հ: "h",
    ձ: "dz",
    ղ: "gh",
    ճ: "ch",
    մ: "m",
    յ: "y",
    ն: "n",
    շ: "sh",
    ո: "o",
    չ: "ch",
    պ: "p",
    ջ: "j",
    ռ: "r",
    ս: "s",
    վ: "v",
    տ: "t",
    ր: "r",
    ց: "ts",
    ւ: "v",
    փ: "p",
    ք: "k",
    և: "ev",
    օ: "o",
    ֆ: "f",
  },
};
