import { ENTITY_FIELD, ENTITY_KINDS, type Language, type SiteSettings } from "../core/types.ts";
import {
  authorsUrl,
  correctionsUrl,
  directoryUrl,
  homeUrl,
  languagePrefix,
  searchUrl,
  siteFeedUrls,
} from "../core/urls.ts";
import { sectionLinks } from "./sections.ts";

/** Languages written right to left, by their base subtag, for an ICU without `Intl.Locale` text info. */
const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);

/** `rtl` for Arabic, Persian, Hebrew, Urdu and the other right-to-left languages; `ltr` otherwise. */
export function directionOf(tag: string): "ltr" | "rtl" {
  const locale = new Intl.Locale(tag) as Intl.Locale & { textInfo?: { direction?: string } };
  const direction = locale.textInfo?.direction;
  if (direction === "rtl" || direction === "ltr") return direction;
  return RIGHT_TO_LEFT.has(locale.language) ? "rtl" : "ltr";
}

/** The language's name in itself, capitalised as a switcher shows it: `Русский`, `Azərbaycan`, `العربية`. */
export function ownName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** The site's languages, the default first, with their URLs and navigation titled by `title(tag, key)`. */
export function languagesOf(settings: SiteSettings, title: (tag: string, key: string) => string): Language[] {
  return settings.languages.map((tag) => {
    const prefix = languagePrefix(tag, settings.language);
    return {
      tag,
      name: ownName(tag),
      dir: directionOf(tag),
      isDefault: prefix === "",
      prefix,
      ogLocale: tag.replace(/-/g, "_"),
      homeUrl: homeUrl(prefix),
      searchUrl: searchUrl(prefix),
      feeds: siteFeedUrls(prefix),
      nav: ENTITY_KINDS.map((kind) => ({
        url: directoryUrl(kind, prefix),
        title: title(tag, `directory.${ENTITY_FIELD[kind]}`),
      })),
      sections: sectionLinks(settings, tag, prefix),
      authorsUrl: authorsUrl(prefix),
      correctionsUrl: correctionsUrl(prefix),
    };
  });
}
