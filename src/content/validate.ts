import path from "node:path";
import type MarkdownIt from "markdown-it";
import { z } from "zod";
import { datePath, toMoment } from "../core/dates.ts";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import { spellingOf, titleCase } from "../core/names.ts";
import { slugify } from "../core/slug.ts";
import type { ArticleInput, Diagnostic, SiteSettings } from "../core/types.ts";
import { readCorrections } from "./fields/corrections.ts";
import { type ImageFrontmatter, imageField } from "./fields/image.ts";
import { isoDate } from "./fields/iso-date.ts";
import { articleLanguage } from "./fields/lang.ts";
import { nameList } from "./fields/name.ts";
import { checkRedirectFrom, redirectFromList } from "./fields/redirect-from.ts";
import { articleSection } from "./fields/section.ts";
import { text } from "./fields/text.ts";
import type { ParsedDocument } from "./frontmatter.ts";
import { MAX_NAME_LENGTH, MAX_SLUG_LENGTH } from "./limits.ts";
import { createMarkdown } from "./markdown.ts";
import { schemaIssues } from "./schema-issues.ts";
import { renderSummary } from "./summary.ts";

/**
 * An article's frontmatter, as written: the one description of its keys. Dates are read in the site's time
 * zone, so there is one object per time zone.
 */
function frontmatterSchema(timeZone: string) {
  return z.object({
    title: text("title"),
    date: isoDate("date", timeZone),
    dateline: text("dateline").optional(),
    people: nameList("people").default([]),
    organizations: nameList("organizations").default([]),
    places: nameList("places").default([]),
    summary: text("summary").optional(),
    updated: isoDate("updated", timeZone).optional(),
    author: text("author").optional(),
    authors: nameList("authors").optional(),
    // Read item by item by `readCorrections`, so that a problem is reported at its item's line.
    corrections: z.unknown().optional(),
    source: text("source").optional(),
    slug: text("slug").optional(),
    lang: text("lang").optional(),
    translationKey: text("translationKey").optional(),
    section: text("section").optional(),
    redirect_from: redirectFromList().optional(),
    image: imageField().optional(),
    draft: z
      .boolean({
        error: (issue) => `expected "draft" to be true or false, found ${describeValue(issue.input)}`,
      })
      .default(false),
  });
}

/** The frontmatter keys an article may have. */
export const ARTICLE_FIELDS = frontmatterSchema("UTC").keyof().options;

/** The frontmatter as the schema returns it: text trimmed, lists of names, dates parsed. */
export type ArticleFrontmatter = z.output<ReturnType<typeof frontmatterSchema>>;

/** The fields of an `ArticleInput` that come straight from the frontmatter, dates in the article's language. */
function fromFrontmatter(fm: ArticleFrontmatter, timeZone: string, language: string) {
  const {
    date,
    updated,
    people,
    organizations,
    places,
    slug: _slug,
    lang: _lang,
    redirect_from: _redirectFrom,
    authors,
    corrections: _corrections,
    image: _image,
    ...texts
  } = fm;
  const authorNames = authors ?? (texts.author === undefined ? [] : [texts.author]);
  return {
    ...texts,
    ...(authorNames.length > 0 ? { authorNames } : {}),
    date: toMoment(date.value, date.dateOnly, timeZone, language),
    datePath: datePath(date.value, timeZone),
    ...(updated && { updated: toMoment(updated.value, updated.dateOnly, timeZone, language) }),
    names: { person: people, organization: organizations, place: [...places] },
  } satisfies Partial<ArticleInput>;
}

const schemas = new Map<string, ReturnType<typeof frontmatterSchema>>();

/** The frontmatter schema for one time zone, built once and reused for every article. */
function articleSchema(timeZone: string) {
  let schema = schemas.get(timeZone);
  if (!schema) {
    schema = frontmatterSchema(timeZone);
    schemas.set(timeZone, schema);
  }
  return schema;
}

const pipelines = new Map<string, MarkdownIt>();

/** The markdown pipeline of a site's settings (the one the site renders with), made once per set of hosts. */
function markdownFor(embedHosts: readonly string[] | undefined): MarkdownIt {
  const key = JSON.stringify(embedHosts ?? []);
  let md = pipelines.get(key);
  if (!md) {
    md = createMarkdown({ embedHosts: embedHosts ?? [] });
    pipelines.set(key, md);
  }
  return md;
}

/** The city of a dateline: `BAKU, Azerbaijan` → `BAKU`. Undefined when there is nothing city-like. */
export function datelineCity(dateline: string): string | undefined {
  const city = dateline.split(",")[0]?.trim() ?? "";
  return /\p{L}/u.test(city) ? city : undefined;
}

/**
 * The dateline's city as a place name: as written when it mixes cases (`Sumqayıt`, `McAllen`); in capitals
 * (`SUMQAYIT`, wire style) or all small letters, title-cased by the site language's case rules (`titleCase` in
 * `core/names.ts`). The index then gives a city in capitals the known spelling of that place, if there is one.
 */
export function datelinePlace(city: string, language: string): string {
  return /\p{Ll}/u.test(city) && /\p{Lu}/u.test(city)
    ? spellingOf(city)
    : titleCase(spellingOf(city), language);
}

/** The slug from the file name: `bayramov-meets-omuraliev.md` → `bayramov-meets-omuraliev`; `x/index.md` → `x`. */
export function slugFromFile(file: string): string {
  const base = path.posix.basename(file, ".md");
  return base === "index" ? path.posix.basename(path.posix.dirname(file)) : base;
}

/**
 * The article's URL slug, from `slug` or else the file name, or the diagnostic saying why there is none:
 * empty (`article/invalid-slug`) or longer than `MAX_SLUG_LENGTH` (`article/slug-too-long`), since the slug
 * becomes a folder name in the output.
 */
function checkSlug(given: string | undefined, doc: ParsedDocument): string | Diagnostic {
  const slug = slugify(given ?? slugFromFile(doc.file));
  const source = given === undefined ? "file name" : "slug";
  const line = given === undefined ? 1 : (doc.keyLines.get("slug") ?? 1);
  if (slug === "")
    return diagnostic(
      "error",
      "article/invalid-slug",
      doc.file,
      line,
      `the ${source} gives an empty URL slug; expected letters or digits`,
      { field: "slug" },
    );
  if (slug.length > MAX_SLUG_LENGTH)
    return diagnostic(
      "error",
      "article/slug-too-long",
      doc.file,
      line,
      `the ${source} gives a URL slug of ${slug.length} characters ("${slug.slice(0, 40)}…"); expected at most ${MAX_SLUG_LENGTH}`,
      {
        field: "slug",
        hint:
          given === undefined
            ? "rename the file, or give a shorter `slug:` in the frontmatter"
            : "shorten the slug",
      },
    );
  return slug;
}

/** The dateline's city becomes a place with its own page: it has the length limit of a name. */
function checkCity(city: string | undefined, doc: ParsedDocument): Diagnostic | undefined {
  if (city === undefined || city.length <= MAX_NAME_LENGTH) return undefined;
  return diagnostic(
    "error",
    "article/name-too-long",
    doc.file,
    doc.keyLines.get("dateline") ?? 1,
    `the dateline's city (before the first comma) has ${city.length} characters; expected at most ${MAX_NAME_LENGTH}`,
    { field: "dateline", hint: "write the dateline as CITY, Country" },
  );
}

/** `article/author-and-authors`: a byline is given once, as `author` (one name) or `authors` (a list). */
function checkBylines(data: Record<string, unknown>, doc: ParsedDocument): Diagnostic | undefined {
  if (data.author === undefined || data.authors === undefined) return undefined;
  return diagnostic(
    "error",
    "article/author-and-authors",
    doc.file,
    doc.keyLines.get("authors") ?? 1,
    'both "author" and "authors" are given; expected one of them',
    { field: "authors", hint: "move the name of `author` into the `authors` list and remove `author`" },
  );
}

/**
 * Validates one article's frontmatter into an `ArticleInput`. Never throws: every problem becomes a
 * diagnostic at the line of the offending key (or line 1 when the key is missing).
 */
export function validateArticle(
  doc: ParsedDocument,
  settings: SiteSettings,
): { article?: ArticleInput; diagnostics: Diagnostic[]; image?: ImageFrontmatter } {
  // An empty YAML value (`summary:`) means "not given".
  const data = Object.fromEntries(Object.entries(doc.data).filter(([, v]) => v !== null));
  const result = articleSchema(settings.timeZone).safeParse(data);

  // The slug and the dateline's city are checked even when other fields are wrong: every problem at once.
  const diagnostics = result.success ? [] : schemaIssues("article", result.error.issues, data, doc);
  const reported = new Set(diagnostics.map((d) => d.field));
  const textOf = (field: string) =>
    reported.has(field) || typeof data[field] !== "string" ? undefined : (data[field] as string).trim();
  const slug = reported.has("slug") ? undefined : checkSlug(textOf("slug"), doc);
  const dateline = textOf("dateline");
  const city = dateline === undefined ? undefined : datelineCity(dateline);
  const cityProblem = checkCity(city, doc);
  const language = reported.has("lang")
    ? undefined
    : articleLanguage(data.lang, settings, doc.file, doc.keyLines.get("lang") ?? 1);
  const sectionGiven = textOf("section");
  const section =
    sectionGiven === undefined
      ? undefined
      : articleSection(sectionGiven, settings, doc.file, doc.keyLines.get("section") ?? 1);
  for (const problem of [slug, cityProblem, language, section, checkBylines(data, doc)])
    if (typeof problem === "object" && "rule" in problem) diagnostics.push(problem);
  const redirects =
    result.success && result.data.redirect_from
      ? checkRedirectFrom(result.data.redirect_from, doc)
      : undefined;
  if (redirects) diagnostics.push(...redirects.diagnostics);
  const published = result.success ? result.data.date : undefined;
  const corrections = readCorrections(
    data.corrections,
    doc,
    settings.timeZone,
    typeof language === "object" && "lang" in language ? language.lang : settings.language,
    published,
  );
  diagnostics.push(...corrections.diagnostics);
  if (!result.success || typeof slug !== "string" || diagnostics.length > 0 || !language)
    return { diagnostics };
  const article: ArticleInput = {
    ...fromFrontmatter(
      result.data,
      settings.timeZone,
      "lang" in language ? language.lang : settings.language,
    ),
    ...("lang" in language ? language : {}),
    file: doc.file,
    slug,
    fieldLines: Object.fromEntries(
      [
        "people",
        "organizations",
        "places",
        "slug",
        "dateline",
        "lang",
        "translationKey",
        "section",
        "author",
        "authors",
      ]
        .filter((k) => doc.keyLines.has(k))
        .map((k) => [k, doc.keyLines.get(k)]),
    ),
    body: doc.body,
    ...(redirects && redirects.redirects.length > 0 ? { redirectFrom: redirects.redirects } : {}),
    ...(corrections.corrections.length > 0 ? { corrections: corrections.corrections } : {}),
  };
  if (article.summary !== undefined)
    article.renderedSummary = renderSummary(markdownFor(settings.embedHosts), article.summary);
  if (city) {
    article.datelineCity = city;
    article.names.place.push(datelinePlace(city, settings.language));
  }
  return { article, diagnostics: [], ...(result.data.image ? { image: result.data.image } : {}) };
}
