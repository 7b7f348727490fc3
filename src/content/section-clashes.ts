import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import { languagePrefix, reservedSegment } from "../core/urls.ts";
import type { jsonLocator } from "./json-positions.ts";

/** The sections of site.json as written, for the checks that need no valid settings: index and slug. */
function sectionSlugs(values: Record<string, unknown>): { index: number; slug: string }[] {
  const sections = values.sections;
  if (!Array.isArray(sections)) return [];
  return sections.flatMap((section: unknown, index) => {
    const slug = (section as { slug?: unknown } | null)?.slug;
    return typeof slug === "string" ? [{ index, slug }] : [];
  });
}

/** The lower-case prefixes of the languages besides the default, as written in site.json. */
function languagePrefixes(values: Record<string, unknown>): string[] {
  const tags = Array.isArray(values.languages) ? values.languages : [values.language];
  const [first, ...others] = tags.filter((tag): tag is string => typeof tag === "string");
  return first === undefined ? [] : others.map((tag) => languagePrefix(tag, first).slice(1));
}

/**
 * `settings/invalid-sections` for each section whose slug is taken: by an earlier section, by a year
 * (`/2024/`), by one of Dateline's own paths (`/people/`, `/search/`: `RESERVED_SEGMENTS` of `urls.ts`), or
 * by the prefix of one of the site's languages (`/ru/`). At the slug's line and column. Checked on the file
 * as written, so these are reported together with every other wrong setting.
 */
export function sectionClashes(
  values: Record<string, unknown>,
  locate: ReturnType<typeof jsonLocator>,
  displayName: string,
): { index: number; diagnostic: Diagnostic }[] {
  const prefixes = languagePrefixes(values);
  const seen = new Set<string>();
  const clashes: { index: number; diagnostic: Diagnostic }[] = [];
  for (const { index, slug } of sectionSlugs(values)) {
    const taken = reservedSegment(slug, prefixes);
    const duplicate = seen.has(slug);
    const problem = duplicate
      ? `the section ${slug} is listed twice; expected each slug once`
      : taken
        ? `the section ${slug} would take the path /${slug}/, which is ${taken}; expected another slug`
        : undefined;
    seen.add(slug);
    if (!problem) continue;
    const at = locate(["sections", index, "slug"]);
    clashes.push({
      index,
      diagnostic: diagnostic(
        "error",
        "settings/invalid-sections",
        displayName,
        at.line,
        `"sections": ${problem}`,
        {
          field: "sections",
          column: at.column,
          hint: duplicate
            ? "remove one of them, or give it another slug"
            : `rename the section, e.g. "${slug}-news"`,
        },
      ),
    });
  }
  return clashes;
}
