import { DateTime } from "luxon";
import { z } from "zod";

/**
 * Checks a site language tag (BCP 47) the way Dateline uses it: `<html lang>`, dates written with
 * `Intl.DateTimeFormat` and luxon, names sorted with `Intl.Collator` and cased with `toLocaleLowerCase`.
 * Returns the canonical tag (`EN-us` → `en-US`; full tags such as `zh-CN` and `az-Latn` are kept), or why
 * the tag cannot be used.
 */
export function checkLanguageTag(tag: string): { ok: true; tag: string } | { ok: false; problem: string } {
  let canonical: string;
  let base: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? "";
    base = new Intl.Locale(canonical).baseName;
  } catch {
    return { ok: false, problem: "it is not a well-formed BCP 47 language tag" };
  }
  if (canonical !== base) {
    return {
      ok: false,
      problem: `it has extensions or a private-use part after ${base}, which would change calendars or digits in dates and archives`,
    };
  }
  if (Intl.DateTimeFormat.supportedLocalesOf(canonical).length === 0) {
    return { ok: false, problem: "Node has no date formats for that language, so dates would be in English" };
  }
  try {
    new Intl.Collator(canonical).compare("a", "b");
    "A".toLocaleLowerCase(canonical);
    if (!DateTime.fromMillis(0).setLocale(canonical).toFormat("LLLL yyyy")) throw new Error("no month name");
  } catch {
    return { ok: false, problem: "Node cannot sort names or write dates in it" };
  }
  return { ok: true, tag: canonical };
}

/** The site's `language`: a usable BCP 47 tag, canonicalised (see `checkLanguageTag`). */
export const languageTag = z.string().transform((value, ctx) => {
  const checked = checkLanguageTag(value.trim());
  if (checked.ok) return checked.tag;
  ctx.addIssue({
    code: "custom",
    message: `not usable: ${checked.problem}; expected a language tag such as en, zh-CN or az-Latn`,
  });
  return z.NEVER;
});
