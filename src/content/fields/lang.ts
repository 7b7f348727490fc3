import { describeValue, diagnostic } from "../../core/diagnostics.ts";
import { checkLanguageTag } from "../../core/language-tag.ts";
import type { ArticleInput, Diagnostic, SiteSettings } from "../../core/types.ts";
import { languagePrefix } from "../../core/urls.ts";
import { sharedBy } from "../duplicates.ts";

/**
 * An article's `lang`: one of the site's `languages`, compared as canonical BCP 47 tags (`RU` is `ru`).
 * Absent, the article is in the default language. Returns the site's own spelling of the tag and where the
 * language's pages live, or `article/unknown-language` at the key's line, listing the site's languages.
 */
export function articleLanguage(
  value: unknown,
  settings: SiteSettings,
  file: string,
  line: number,
): { lang: string; langPrefix: string } | Diagnostic {
  const given = typeof value === "string" ? value.trim() : undefined;
  const checked = given === undefined ? undefined : checkLanguageTag(given);
  const lower = checked?.ok ? checked.tag.toLowerCase() : undefined;
  const lang =
    value === undefined ? settings.language : settings.languages.find((tag) => tag.toLowerCase() === lower);
  if (lang !== undefined) return { lang, langPrefix: languagePrefix(lang, settings.language) };
  return diagnostic(
    "error",
    "article/unknown-language",
    file,
    line,
    `"lang" is ${describeValue(value)}, which the site does not publish in; expected one of ${settings.languages.join(", ")}`,
    {
      field: "lang",
      hint: 'write one of the site\'s languages, or add the language to "languages" in content/site.json',
    },
  );
}

/**
 * `article/duplicate-translation`: two articles of the same language that share a `translationKey`, so the
 * story would have two versions in one language. Every article of the group is reported, at its key's line.
 */
export function findDuplicateTranslations(articles: readonly ArticleInput[]): Diagnostic[] {
  return sharedBy(
    articles,
    (a) => (a.translationKey === undefined ? undefined : `${a.lang ?? ""}\u0000${a.translationKey}`),
    (a, _key, others) =>
      diagnostic(
        "error",
        "article/duplicate-translation",
        a.file,
        a.fieldLines.translationKey ?? 1,
        `translationKey "${a.translationKey}" is shared by this article and ${others}, both in ${a.lang ?? "the default language"}; expected one article per language for each key`,
        {
          field: "translationKey",
          hint: "give each translation its own `lang`, or the other story its own `translationKey`",
        },
      ),
  );
}
