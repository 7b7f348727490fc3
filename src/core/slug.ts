import slugifyLibrary from "@sindresorhus/slugify";

/**
 * Letters that @sindresorhus/slugify would drop or spell the German way, replaced as newsrooms in the
 * Turkic world and beyond write them in Latin URLs: `Gülşən Əliyeva` → `gulsen-eliyeva`, not `guelsan-aliyeva`.
 */
const REPLACEMENTS: [string, string][] = [
  ["Ə", "E"],
  ["ə", "e"],
  ["Ü", "U"],
  ["ü", "u"],
  ["Ö", "O"],
  ["ö", "o"],
  ["Ä", "A"],
  ["ä", "a"],
  ["İ", "I"],
  ["ı", "i"],
  ["Ğ", "G"],
  ["ğ", "g"],
  ["&", " and "],
];

/**
 * The one slug function of Dateline: unicode-aware, lower case, ASCII letters, digits and hyphens.
 * Cyrillic is transliterated (`Кубанычбек Омуралиев` → `kubanychbek-omuraliev`). May return "" for a
 * name with no letters or digits; callers report that.
 */
export function slugify(text: string): string {
  return slugifyLibrary(text.normalize("NFC"), { customReplacements: REPLACEMENTS, decamelize: false });
}
