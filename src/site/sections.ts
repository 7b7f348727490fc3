import type { SectionLink, SiteSettings } from "../core/types.ts";
import { sectionUrl } from "../core/urls.ts";

type SectionSetting = NonNullable<SiteSettings["sections"]>[number];

/** A text given once or per language, in `tag`: its own text, else the default language's. */
export function localText(value: string | Record<string, string>, tag: string, defaultTag: string): string {
  if (typeof value === "string") return value;
  return value[tag] ?? value[defaultTag] ?? Object.values(value)[0] ?? "";
}

/** One section of site.json as a link in a language (`prefix` is where the language's pages live). */
export function sectionLink(
  section: SectionSetting,
  settings: SiteSettings,
  tag: string,
  prefix: string,
): SectionLink {
  return {
    slug: section.slug,
    title: localText(section.title, tag, settings.language),
    url: sectionUrl(section.slug, prefix),
  };
}

/** The site's sections, in their order, as links in a language. */
export function sectionLinks(settings: SiteSettings, tag: string, prefix: string): SectionLink[] {
  return (settings.sections ?? []).map((section) => sectionLink(section, settings, tag, prefix));
}
