import type MarkdownIt from "markdown-it";
import { type Content, type ContentArticle, type ContentOptions, loadContent } from "../content/content.ts";
import { createMarkdown } from "../content/markdown.ts";
import { hasErrors } from "../core/diagnostics.ts";
import { mark } from "../core/trace.ts";
import {
  type Article,
  type ArticleInput,
  type ArticleLink,
  type Diagnostic,
  ENTITY_KINDS,
  type EntityRef,
  type Language,
  type Messages,
  type Moment,
  type Site,
} from "../core/types.ts";
import { articleUrl, authorUrl } from "../core/urls.ts";
import { archiveOf } from "./archives.ts";
import { assemble } from "./assemble.ts";
import { languagesOf } from "./languages.ts";
import { loadMessages, translate } from "./messages.ts";
import { articleImage, photoJobs, withBodyPictures, withPhotoKeys } from "./photos.ts";
import { redirectsOverPages } from "./redirects.ts";
import { relatedArticles } from "./related.ts";
import { type RenderedSummary, renderSummary } from "./summary.ts";
import { localRef, spellingsIn, translationsOf } from "./translations.ts";

/** What a site is built from: the content folder, the build's moment, and whether to preview. */
export type BuildSiteOptions = ContentOptions;

export interface SiteResult {
  site?: Site;
  diagnostics: Diagnostic[];
  /** When a scheduled article becomes due (epoch ms; see `Content.nextScheduled`). */
  nextScheduled?: number;
  /** The articles shown, in the site's order, and the link to each that other pages hold (`modelSite`). */
  model?: { articles: ContentArticle[]; links: ArticleLink[] };
  /** The content cache being written (`backgroundCacheWrite`): to await before the command ends. */
  cacheWritten?: Promise<void>;
  /** How many article files a helper thread read (the render worker, sharing the reading). */
  helped?: number;
}

/**
 * Gives an article its rendered body as a property computed on each use and not kept: an incremental build
 * renders the markdown of the changed pages only, and a full build (or the search index, which reads every
 * body) never holds every body at once: each is garbage once its page or record is written. The property
 * is not enumerable, so page hashes and JSON views of the article leave it out.
 */
export function withLazyHtml(article: Omit<Article, "html">, render: () => string): Article {
  if (lastBody?.article === article) lastBody = undefined;
  Object.defineProperty(article, "html", {
    enumerable: false,
    // Defined again when the publishing mode gives the article new words (patch.ts).
    configurable: true,
    get: () => {
      // Nunjucks reads a property twice (is it a function? then its value): the last body is kept.
      if (lastBody?.article !== article) lastBody = { article, html: render() };
      return lastBody.html;
    },
  });
  return article as Article;
}

/** An article's summary fields: the plain text and the rendered inline markdown. */
function summaryFields({ text, html }: RenderedSummary): Pick<Article, "summary" | "summaryHtml"> {
  return { summary: text, summaryHtml: html };
}

/** The body rendered last, the only one kept. */
let lastBody: { article: object; html: string } | undefined;

/**
 * Reads and checks the content folder and the message files of the site's languages, then models the site.
 * Every problem of both is reported; valid content and messages give a `Site`, any error none.
 */
export async function buildSite(options: BuildSiteOptions): Promise<SiteResult> {
  const { content, diagnostics, cacheWritten, helped } = await loadContent(options);
  // Passed on whatever the outcome: the cache being written, and the helper thread's share of the reading.
  const reading = { ...(cacheWritten ? { cacheWritten } : {}), ...(helped ? { helped } : {}) };
  if (!content) return { diagnostics, ...reading };
  const loaded = loadMessages(content.settings.languages);
  diagnostics.push(...loaded.diagnostics);
  if (!loaded.messages || hasErrors(diagnostics)) return { diagnostics, ...reading };
  const { site, links } = modelSite(content, options.preview ?? false, loaded.messages);
  mark("site modelled");
  const overPages = redirectsOverPages(site, redirectLines(content));
  if (overPages.length > 0) return { diagnostics: [...diagnostics, ...overPages], ...reading };
  const next = content.nextScheduled;
  return {
    ...reading,
    site,
    diagnostics,
    ...(next !== undefined ? { nextScheduled: next } : {}),
    model: { articles: content.articles, links },
  };
}

/** The line of each article's old URL, by file and URL, for `redirectsOverPages`. */
function redirectLines(content: Content): Map<string, number> {
  return new Map(
    content.articles.flatMap(({ input }) =>
      (input.redirectFrom ?? []).map((r) => [`${input.file}\u0000${r.url}`, r.line] as const),
    ),
  );
}

/** The article's authors, linked to their pages in the article's language. */
function bylineOf(content: Content, i: number, lang: Language): Pick<Article, "authors"> {
  const authors = content.authors.byArticle[i] ?? [];
  if (authors.length === 0) return {};
  return {
    authors: authors.map((a) => ({
      name: a.name,
      slug: a.slug,
      url: authorUrl(a.slug, lang.prefix),
      sameAs: a.entry?.sameAs ?? [],
    })),
  };
}

/** The article's corrections and its latest change: the later of `updated` and the newest correction. */
function correctionsOf(input: ArticleInput): Pick<Article, "corrections" | "modified"> {
  const corrections = input.corrections ?? [];
  const latest = corrections.reduce<Moment | undefined>(
    (best, c) => (best === undefined || c.date.epoch > best.epoch ? c.date : best),
    input.updated,
  );
  return {
    ...(corrections.length > 0 ? { corrections } : {}),
    ...(latest ? { modified: latest } : {}),
  };
}

/** For each article (by index), the indexes of the articles in the same language, newest first. */
function byLanguage(tags: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  tags.forEach((tag, i) => {
    const group = groups.get(tag);
    if (group) group.push(i);
    else groups.set(tag, [i]);
  });
  return groups;
}

/**
 * The site model of checked content: articles with their entities, related coverage and neighbours, each in
 * its language (related coverage and previous/next stay within the language; entity links go to the
 * language's entity pages), and the translations of each story linked.
 */
export function siteFrom(content: Content, preview: boolean, messages: Record<string, Messages>): Site {
  return modelSite(content, preview, messages).site;
}

/** A modelled site, with the link to each article (by the content's order) that other articles hold. */
export interface ModelledSite {
  site: Site;
  links: ArticleLink[];
}

/** `siteFrom`, also giving the links each article is shown by on other articles' pages. */
export function modelSite(
  content: Content,
  preview: boolean,
  messages: Record<string, Messages>,
): ModelledSite {
  const { settings, buildTime, index } = content;
  const md = createMarkdown({ embedHosts: settings.embedHosts });
  const languages = languagesOf(settings, (tag, key) => translate(messages, tag, key));
  const languageOf = new Map(languages.map((l) => [l.tag, l]));
  const defaultLanguage = languages[0] as Language;
  const langs = content.articles.map(
    ({ input }) => languageOf.get(input.lang ?? settings.language) ?? defaultLanguage,
  );
  const allRefs = index.refs.map((r) => [...r.person, ...r.organization, ...r.place]);
  const groups = byLanguage(langs.map((l) => l.tag));
  // In languages other than the default, entities are named as that language's articles spell them.
  const names = new Map<string, Map<EntityRef, string>>();
  for (const [tag, members] of groups) {
    if (tag === settings.language) continue;
    names.set(
      tag,
      spellingsIn(
        members.map((i) => {
          const input = content.articles[i]?.input;
          if (!input) return [];
          return ENTITY_KINDS.flatMap((kind) =>
            input.names[kind].flatMap((name) => {
              const ref = index.resolve(kind, name);
              return ref ? [{ ref, name }] : [];
            }),
          );
        }),
      ),
    );
  }
  const inLanguage = (ref: EntityRef, lang: Language) => localRef(ref, lang, names.get(lang.tag)?.get(ref));
  const related: number[][] = [];
  const older: (number | undefined)[] = [];
  const newer: (number | undefined)[] = [];
  for (const members of groups.values()) {
    const local = relatedArticles(members.map((i) => allRefs[i] ?? []));
    members.forEach((i, j) => {
      related[i] = (local[j] ?? []).map((k) => members[k] as number);
      older[i] = members[j + 1];
      newer[i] = members[j - 1];
    });
  }
  const links: ArticleLink[] = content.articles.map(({ input }) => ({
    url: articleUrl(input.datePath, input.slug, input.langPrefix),
    title: input.title,
    date: input.date,
  }));
  const linkAt = (i: number | undefined) => (i === undefined ? undefined : links[i]);
  const linksAt = (indexes: number[]) =>
    indexes.map((i) => links[i]).filter((l): l is ArticleLink => l !== undefined);
  const translations = translationsOf(
    content.articles.map(({ input }, i) => ({
      lang: langs[i] as Language,
      url: links[i]?.url ?? "",
      title: input.title,
      ...(input.translationKey !== undefined ? { translationKey: input.translationKey } : {}),
    })),
    languages,
  );

  const articles: Article[] = content.articles.map(({ input, status }, i) => {
    const lang = langs[i] as Language;
    const refs = index.refs[i] ?? { person: [], organization: [], place: [] };
    const local = (list: typeof refs.person) => list.map((ref) => inLanguage(ref, lang));
    const shared = input.datelineCity ? index.resolve("place", input.datelineCity) : undefined;
    const place = shared ? inLanguage(shared, lang) : undefined;
    const previous = linkAt(older[i]);
    const next = linkAt(newer[i]);
    const section = lang.sections.find((s) => s.slug === input.section);
    const byline = bylineOf(content, i, lang).authors;
    return articleOf(
      input,
      status,
      {
        url: links[i]?.url ?? "",
        lang,
        translations: translations[i]?.translations ?? [],
        alternates: translations[i]?.alternates ?? [],
        people: local(refs.person),
        organizations: local(refs.organization),
        places: local(refs.place),
        related: linksAt(related[i] ?? []),
        archive: archiveOf(input.datePath, lang.tag, lang.prefix),
        previous,
        next,
        datelinePlace: place,
        section,
        authors: byline,
      },
      md,
    );
  });

  const site = assemble({
    settings,
    buildTime: buildTime.toISO() ?? "",
    preview,
    articles,
    index,
    allRefs,
    collator: content.collator,
    render: (body) => md.render(body),
    languages,
    messages,
    authors: content.authors,
    photos: photoJobs(
      content.articles.map(({ input }) => input.image?.photo),
      [
        ...content.articles.flatMap(({ input }) => Object.values(input.bodyPhotos ?? {})),
        ...content.authorEntries.flatMap((entry) => (entry.photo ? [entry.photo] : [])),
      ],
    ),
  });
  return { site, links };
}

/**
 * What an article takes from the rest of the site (the other articles, the entity index, the registry,
 * the settings) rather than from its own file: the same for an edit that changes only the article's own
 * words (see patch.ts).
 */
export interface ArticleContext {
  url: string;
  lang: Language;
  translations: Article["translations"];
  alternates: Article["alternates"];
  people: EntityRef[];
  organizations: EntityRef[];
  places: EntityRef[];
  related: ArticleLink[];
  archive: Article["archive"];
  previous: ArticleLink | undefined;
  next: ArticleLink | undefined;
  /** The dateline city's place page, in the article's language. */
  datelinePlace: EntityRef | undefined;
  section: Article["section"];
  authors: Article["authors"];
}

/** The context an article was modelled with, read back from the article. */
export function contextOf(article: Article): ArticleContext {
  return {
    url: article.url,
    lang: article.lang,
    translations: article.translations,
    alternates: article.alternates,
    people: article.people,
    organizations: article.organizations,
    places: article.places,
    related: article.related,
    archive: article.archive,
    previous: article.previous,
    next: article.next,
    datelinePlace: article.datelineParts?.place,
    section: article.section,
    authors: article.authors,
  };
}

/** One article of the site model: its own fields from `input`, the rest from `context`. */
export function articleOf(
  input: ArticleInput,
  status: Article["status"],
  context: ArticleContext,
  md: MarkdownIt,
): Article {
  const { dateline, datelineCity, summary, updated, author, source, translationKey } = input;
  const { previous, next, section, authors, datelinePlace: place } = context;
  const image = input.image ? articleImage(input.image) : undefined;
  const article: Omit<Article, "html"> = {
    file: input.file,
    // The body's photos are part of what the page shows: a replaced photo file changes the page.
    sourceHash: withPhotoKeys(input.sourceHash ?? "", input.bodyPhotos),
    url: context.url,
    title: input.title,
    slug: input.slug,
    date: input.date,
    draft: input.draft,
    status,
    lang: context.lang,
    ...(translationKey !== undefined ? { translationKey } : {}),
    translations: context.translations,
    alternates: context.alternates,
    people: context.people,
    organizations: context.organizations,
    places: context.places,
    related: context.related,
    archive: context.archive,
    ...(previous ? { previous } : {}),
    ...(next ? { next } : {}),
    ...(dateline !== undefined ? { dateline } : {}),
    ...(dateline !== undefined && datelineCity
      ? {
          datelineParts: {
            city: datelineCity,
            rest: dateline.slice(dateline.indexOf(datelineCity) + datelineCity.length),
            ...(place ? { place } : {}),
          },
        }
      : {}),
    ...(summary !== undefined ? summaryFields(input.renderedSummary ?? renderSummary(md, summary)) : {}),
    ...(updated !== undefined ? { updated } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(section ? { section } : {}),
    ...(input.redirectFrom?.length ? { redirectFrom: input.redirectFrom.map((r) => r.url) } : {}),
    ...(authors ? { authors } : {}),
    ...correctionsOf(input),
    ...(image ? { image } : {}),
  };
  return withLazyHtml(article, bodyOf(input, md));
}

/** How an article's body is rendered when a page asks for it. */
export function bodyOf(input: ArticleInput, md: MarkdownIt): () => string {
  return () => withBodyPictures(md.render(input.body), input.bodyPhotos);
}
