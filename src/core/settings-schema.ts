import { DateTime } from "luxon";
import { z } from "zod";
import { languageTag } from "./language-tag.ts";

/** The time zone is valid if luxon can place a date in it. */
export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.now().setZone(timeZone).isValid;
}

/** A lower-case host name with at least one dot: `player.vimeo.com`, `xn--80ak6aa92e.com`. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Why `value` is not a bare host name, or undefined when it is one. */
function hostNameProblem(value: string): string | undefined {
  if (HOST_NAME.test(value)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value))
    return "write the host name alone, without a scheme such as https://";
  if (/[/?#]/.test(value)) return "write the host name alone, without a path";
  if (value !== value.toLowerCase()) return "write it in lower case";
  return "expected a host name such as player.vimeo.com";
}

const hostName = z.string().superRefine((value, ctx) => {
  const problem = hostNameProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `not a host name: ${problem}` });
});

/** A section's slug: its URL segment, `/business/`. */
const SECTION_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A text given once for every language, or per language: `"Sport"` or `{ "en": "Sport", "ru": "Спорт" }`. */
const localizedText = z.union([z.string().trim().min(1), z.record(z.string(), z.string().trim().min(1))], {
  error: 'expected text, or an object of texts by language such as { "en": "Sport", "ru": "Спорт" }',
});

/** One section of the site: its slug (the URL), its title and description, each possibly per language. */
const sectionSchema = z.object({
  slug: z.string().regex(SECTION_SLUG, "expected lower-case letters, digits and hyphens, such as business"),
  title: localizedText,
  description: localizedText.optional(),
});

/**
 * `sections`. That each slug is given once, and none takes a year's or Dateline's own top-level path, is
 * checked on the file as written, by `src/content/settings.ts` (with `reservedSegment` of `urls.ts`).
 */
const sectionList = z.array(sectionSchema);

const settingsObject = z.object({
  title: z.string().trim().min(1),
  description: z.string().default(""),
  /** Absolute base URL without a trailing slash, e.g. `https://news.example.org`. */
  baseUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, "")),
  /**
   * BCP 47 language tag for `<html lang>` and date formatting, canonical (`en`, `zh-CN`, `az-Latn`): a
   * one-language site. With `languages`, the default language (its first item).
   */
  language: languageTag.optional(),
  /** Every language the site publishes in, the default first; the others live under `/<tag>/`. */
  languages: z.array(languageTag).min(1, "expected at least one language tag").optional(),
  /** IANA time zone in which dates without an offset are read and URLs are dated. */
  timeZone: z.string().refine(isValidTimeZone, "expected an IANA time zone such as Asia/Baku"),
  /** Articles per listing page (home and entity pages). */
  perPage: z.number().int().min(1).max(1000).default(20),
  /**
   * Hosts whose `<iframe>` embeds article bodies may keep (`www.youtube-nocookie.com`,
   * `player.vimeo.com`): lower case, no scheme, no path. Read by the HTML sanitizer; none by default.
   */
  embedHosts: z.array(hostName).default([]),
  /** The site's sections, in navigation order; an article names its own with `section:`. None by default. */
  sections: sectionList.optional(),
});

/**
 * The checks of `sections` that need the languages: a title or description given per language names only the
 * site's languages and includes the default one.
 */
function checkSectionLanguages(s: z.output<typeof settingsObject>, ctx: z.RefinementCtx): void {
  const all = s.languages ?? (s.language === undefined ? [] : [s.language]);
  const defaultTag = all[0];
  s.sections?.forEach((section, i) => {
    for (const key of ["title", "description"] as const) {
      const value = section[key];
      if (value === undefined || typeof value === "string") continue;
      for (const tag of Object.keys(value))
        if (!all.includes(tag))
          ctx.addIssue({
            code: "custom",
            path: ["sections", i, key, tag],
            message: `${tag} is not one of the site's languages (${all.join(", ")})`,
          });
      if (defaultTag !== undefined && !(defaultTag in value))
        ctx.addIssue({
          code: "custom",
          path: ["sections", i, key],
          message: `expected a ${key} in the default language, ${defaultTag}`,
        });
    }
  });
}

/**
 * `content/site.json`. The one description of the settings: `SiteSettings` is inferred from it, and
 * `src/content/settings.ts` reads the file and turns its issues into diagnostics at the key's line. After
 * parsing, `language` is the default language and `languages` lists every language, the default first.
 */
export const settingsSchema = settingsObject
  .superRefine((s, ctx) => {
    if (s.language === undefined && s.languages === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["language"],
        message: 'expected "language" (one language) or "languages" (several, the default first)',
      });
    if (s.language !== undefined && s.languages !== undefined && s.languages[0] !== s.language)
      ctx.addIssue({
        code: "custom",
        path: ["language"],
        message: `"language" is ${s.language} but the first of "languages" is ${s.languages[0]}; expected the default language first in "languages"`,
      });
    const seen = new Set<string>();
    s.languages?.forEach((tag, i) => {
      if (seen.has(tag.toLowerCase()))
        ctx.addIssue({
          code: "custom",
          path: ["languages", i],
          message: `${tag} is listed twice; expected each language once`,
        });
      seen.add(tag.toLowerCase());
    });
    checkSectionLanguages(s, ctx);
  })
  .transform(({ language, languages, ...rest }) => {
    const all = languages ?? (language === undefined ? [] : [language]);
    return { ...rest, language: all[0] ?? "en", languages: all };
  });

export type SiteSettings = z.output<typeof settingsSchema>;
