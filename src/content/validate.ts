import path from "node:path";
import { z } from "zod";
import { datePath, parseIsoDate, toMoment } from "../core/dates.ts";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import type { ParsedDocument } from "./frontmatter.ts";
import { schemaIssues } from "./schema-issues.ts";
import { slugify } from "../core/slug.ts";
import type { ArticleInput, Diagnostic, SiteSettings } from "../core/types.ts";

/** The frontmatter keys an article may have. */
export const ARTICLE_FIELDS = [
  "title",
  "date",
  "dateline",
  "people",
  "organizations",
  "places",
  "summary",
  "updated",
  "author",
  "source",
  "slug",
  "draft",
] as const;

const text = (field: string) =>
  z
    .string({ error: (issue) => `expected "${field}" to be text, found ${describeValue(issue.input)}` })
    .trim()
    .min(1, `"${field}" is empty`);

const isoDate = (field: string, settings: SiteSettings) =>
  z
    .string({
      error: (issue) =>
        `expected "${field}" to be an ISO 8601 date such as 2022-12-15, found ${describeValue(issue.input)}`,
    })
    .transform((value, ctx) => {
      const parsed = parseIsoDate(value, settings.timeZone);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: `"${field}": ${parsed.message}` });
        return z.NEVER;
      }
      return parsed;
    });

const nameList = (field: string) =>
  z.preprocess(
    (value) => (typeof value === "string" ? [value] : value),
    z.array(
      z
        .string({
          error: (issue) =>
            `expected every item of "${field}" to be a name, found ${describeValue(issue.input)}`,
        })
        .trim()
        .min(1, `"${field}" has an empty name`),
      { error: (issue) => `expected "${field}" to be a list of names, found ${describeValue(issue.input)}` },
    ),
  );

const schemas = new WeakMap<SiteSettings, ReturnType<typeof createArticleSchema>>();

/** The article schema for one site's settings, built once and reused for every article. */
function articleSchema(settings: SiteSettings) {
  let schema = schemas.get(settings);
  if (!schema) {
    schema = createArticleSchema(settings);
    schemas.set(settings, schema);
  }
  return schema;
}

function createArticleSchema(settings: SiteSettings) {
  return z.object({
    title: text("title"),
    date: isoDate("date", settings),
    dateline: text("dateline").optional(),
    people: nameList("people").default([]),
    organizations: nameList("organizations").default([]),
    places: nameList("places").default([]),
    summary: text("summary").optional(),
    updated: isoDate("updated", settings).optional(),
    author: text("author").optional(),
    source: text("source").optional(),
    slug: text("slug").optional(),
    draft: z
      .boolean({
        error: (issue) => `expected "draft" to be true or false, found ${describeValue(issue.input)}`,
      })
      .default(false),
  });
}

/** The city of a dateline: `BAKU, Azerbaijan` → `BAKU`. Undefined when there is nothing city-like. */
export function datelineCity(dateline: string): string | undefined {
  const city = dateline.split(",")[0]?.trim() ?? "";
  return /\p{L}/u.test(city) ? city : undefined;
}

/** `BAKU` → `Baku`, `NEW YORK` → `New York`, `GƏNCƏ` → `Gəncə`: how a place is named on its page. */
export function titleCase(text: string, language: string): string {
  return text
    .toLocaleLowerCase(language)
    .replace(
      /(^|[\s\-'’])(\p{L})/gu,
      (_, before: string, letter: string) => before + letter.toLocaleUpperCase(language),
    );
}

/** The slug from the file name: `bayramov-meets-omuraliev.md` → `bayramov-meets-omuraliev`; `x/index.md` → `x`. */
export function slugFromFile(file: string): string {
  const base = path.posix.basename(file, ".md");
  return base === "index" ? path.posix.basename(path.posix.dirname(file)) : base;
}

/**
 * Validates one article's frontmatter into an `ArticleInput`. Never throws: every problem becomes a
 * diagnostic at the line of the offending key (or line 1 when the key is missing).
 */
export function validateArticle(
  doc: ParsedDocument,
  settings: SiteSettings,
): { article?: ArticleInput; diagnostics: Diagnostic[] } {
  // An empty YAML value (`summary:`) means "not given".
  const data = Object.fromEntries(Object.entries(doc.data).filter(([, v]) => v !== null));
  const result = articleSchema(settings).safeParse(data);
  const lineOf = (field: string) => doc.keyLines.get(field) ?? 1;

  if (!result.success) return { diagnostics: schemaIssues("article", result.error.issues, data, doc) };

  const fm = result.data;
  const slug = slugify(fm.slug ?? slugFromFile(doc.file));
  if (slug === "") {
    const field = fm.slug === undefined ? "file name" : "slug";
    return {
      diagnostics: [
        diagnostic(
          "error",
          "article/invalid-slug",
          doc.file,
          fm.slug === undefined ? 1 : lineOf("slug"),
          `the ${field} gives an empty URL slug; expected letters or digits`,
          { field: "slug" },
        ),
      ],
    };
  }
  const { timeZone, language } = settings;
  const article: ArticleInput = {
    file: doc.file,
    title: fm.title,
    slug,
    date: toMoment(fm.date.value, fm.date.dateOnly, timeZone, language),
    datePath: datePath(fm.date.value, timeZone),
    draft: fm.draft,
    names: { person: fm.people, organization: fm.organizations, place: [...fm.places] },
    fieldLines: Object.fromEntries(
      ["people", "organizations", "places", "slug", "dateline"]
        .filter((k) => doc.keyLines.has(k))
        .map((k) => [k, lineOf(k)]),
    ),
    body: doc.body,
  };
  if (fm.dateline !== undefined) {
    article.dateline = fm.dateline;
    const city = datelineCity(fm.dateline);
    if (city) {
      article.datelineCity = city;
      article.names.place.push(titleCase(city, language));
    }
  }
  if (fm.summary !== undefined) article.summary = fm.summary;
  if (fm.updated !== undefined)
    article.updated = toMoment(fm.updated.value, fm.updated.dateOnly, timeZone, language);
  if (fm.author !== undefined) article.author = fm.author;
  if (fm.source !== undefined) article.source = fm.source;
  return { article, diagnostics: [] };
}
