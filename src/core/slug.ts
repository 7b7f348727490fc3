import slugifyLibrary from "@sindresorhus/slugify";
import { transliterate } from "./transliterate/index.ts";

/** `&` is spelled out; everything else the library keeps from its own table. */
const REPLACEMENTS: [string, string][] = [["&", " and "]];

/**
 * An apostrophe of any kind between two letters is dropped, not made a hyphen: Uzbek `Oʻzbekiston` →
 * `ozbekiston`, `Gʻulom` → `gulom`, Ukrainian `Мар'яна` → `maryana`, `O'Brien` → `obrien`.
 */
const WORD_APOSTROPHE = /(?<=[\p{L}\p{M}])['’‘ʻʼ`´ʹ](?=\p{L})/gu;

/**
 * The one slug function of Dateline: unicode-aware, lower case, ASCII letters, digits and hyphens. Letters of
 * every script the newsroom names people in are written in ASCII by `transliterate` (one documented
 * romanisation a script: `Қасым-Жомарт Тоқаев` → `kasym-zhomart-tokaev`, `Gülşən Əliyeva` → `gulsen-eliyeva`);
 * the slug library folds the rest. May return "" for a name with no letters or digits; callers report that.
 */
export function slugify(text: string): string {
  const written = transliterate(text.normalize("NFC").replace(WORD_APOSTROPHE, ""));
  return slugifyLibrary(written, { customReplacements: REPLACEMENTS, decamelize: false });
}
