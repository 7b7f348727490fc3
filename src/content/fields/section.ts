import { closest, distance } from "fastest-levenshtein";
import { diagnostic } from "../../core/diagnostics.ts";
import type { Diagnostic, SiteSettings } from "../../core/types.ts";

type SectionSetting = NonNullable<SiteSettings["sections"]>[number];

/** Every title a section goes by, in any language, in lower case. */
function titlesOf(section: SectionSetting): string[] {
  const { title } = section;
  return (typeof title === "string" ? [title] : Object.values(title)).map((t) => t.toLowerCase());
}

/**
 * The section an unknown `section:` was probably meant to be: the one with that slug or title in another
 * letter case (`Business`, `Спорт`), else the slug closest in spelling if it is close enough to be a typo.
 */
export function suggestSection(given: string, sections: readonly SectionSetting[]): string | undefined {
  const lower = given.toLowerCase();
  const exact = sections.find((s) => s.slug === lower || titlesOf(s).includes(lower));
  if (exact) return exact.slug;
  if (sections.length === 0) return undefined;
  const best = closest(
    lower,
    sections.map((s) => s.slug),
  );
  const allowed = lower.length <= 4 ? 1 : Math.max(2, Math.floor(lower.length / 4));
  return distance(lower, best) <= allowed ? best : undefined;
}

/**
 * An article's `section`: the slug of one of the site's `sections`. Returns the slug, or
 * `article/unknown-section` at the key's line, with the section it was probably meant to be.
 */
export function articleSection(
  given: string,
  settings: SiteSettings,
  file: string,
  line: number,
): string | Diagnostic {
  const sections = settings.sections ?? [];
  if (sections.some((s) => s.slug === given)) return given;
  const suggestion = suggestSection(given, sections);
  const known = sections.map((s) => s.slug).join(", ");
  const expected =
    sections.length === 0
      ? 'the site has no sections; add them to "sections" in content/site.json'
      : suggestion
        ? `expected "${suggestion}" (the sections are ${known})`
        : `expected one of ${known}`;
  return diagnostic(
    "error",
    "article/unknown-section",
    file,
    line,
    `unknown section "${given}"; ${expected}`,
    {
      field: "section",
      hint: suggestion
        ? `write section: ${suggestion}`
        : 'write the slug of one of the sections in content/site.json, or add the section to "sections"',
    },
  );
}
