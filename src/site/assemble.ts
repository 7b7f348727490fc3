import type { AuthorIndex } from "../content/bylines.ts";
import { type EntityIndex, emptyByKind, toRef } from "../content/entities.ts";
import { MAX_SEEN_WITH } from "../content/limits.ts";
import {
  type Article,
  ENTITY_FIELD,
  ENTITY_KINDS,
  type Entity,
  type EntityDirectory,
  type EntityProfile,
  type EntityRef,
  type FeedSpec,
  type Language,
  type Messages,
  type PhotoJob,
  type Section,
  type Site,
  type SiteSettings,
} from "../core/types.ts";
import { directoryUrl, entityFeedUrls, feedUrlsAt, SEARCH_URL, SITE_FEEDS } from "../core/urls.ts";
import { archivePages } from "./archives.ts";
import { authorListings } from "./authors.ts";
import { correctionListings } from "./corrections.ts";
import { directoryPages } from "./directory.ts";
import { frontPage } from "./front-page.ts";
import { type MessageParams, translate } from "./messages.ts";
import { paginate } from "./paginate.ts";
import { redirectsOf } from "./redirects.ts";
import { nameOrder, seenWith } from "./related.ts";
import { languageShards } from "./search-shards.ts";
import { localText } from "./sections.ts";
import { localRef } from "./translations.ts";

export interface AssembleInput {
  settings: SiteSettings;
  buildTime: string;
  preview: boolean;
  /** Newest first, in the same order as the index's articles. */
  articles: Article[];
  index: EntityIndex;
  /** Every entity of each article, all kinds together (the index's own refs, before localisation). */
  allRefs: EntityRef[][];
  collator: Intl.Collator;
  render: (markdown: string) => string;
  /** The site's languages, the default first. */
  languages: Language[];
  messages: Record<string, Messages>;
  /** The bylines resolved to authors; no author pages when absent. */
  authors?: AuthorIndex;
  /** Every local photo the pages show, for the photo stage. */
  photos?: PhotoJob[];
}

/** How many of the newest articles each feed carries. */
const FEED_SIZE = 50;

/**
 * Builds the Site's entities, listings, directories and feeds from the checked articles and the index, once
 * per language: each language has its own front page, archives, directories, feeds and entity pages (an
 * entity has a page in a language only if it has articles in it). Entities are shared: one registry entry,
 * one slug, a page under each language's prefix.
 */
export function assemble(input: AssembleInput): Site {
  const { settings, articles, index, allRefs, collator, languages, messages } = input;
  const t = (lang: Language, key: string, params?: MessageParams) =>
    translate(messages, lang.tag, key, params);
  const pageTitle = (lang: Language) => (title: string, page: number) =>
    t(lang, "listing.page-title", { title, page });
  const entities = emptyByKind<Entity[]>(() => []);
  const entityPages: Site["entityPages"] = [];
  const directories: EntityDirectory[] = [];
  const feeds: FeedSpec[] = [];
  const homePages: Site["homePages"] = [];
  const archives: Site["archivePages"] = [];
  const sections: Section[] = [];
  const sectionPages: Site["sectionPages"] = [];
  const authorPages: Site["authorPages"] = [];
  const authorDirectories: Site["authorDirectories"] = [];
  const correctionPages: Site["correctionPages"] = [];

  // Every entity's companions are ordered A–Z with one sort, not the collator once per companion.
  const order = nameOrder(
    ENTITY_KINDS.flatMap((kind) => index.entities[kind].map(toRef)),
    collator,
  );
  const tags = articles.map((a) => a.lang.tag);
  for (const lang of languages) {
    const inLang = (i: number) => tags[i] === lang.tag;
    const own = articles.filter((a) => a.lang.tag === lang.tag);
    feeds.push({
      title: settings.title,
      description: settings.description,
      pageUrl: lang.homeUrl,
      feeds: lang.isDefault ? SITE_FEEDS : lang.feeds,
      articles: own.filter((a) => a.status === "published").slice(0, FEED_SIZE),
      fullText: true,
      language: lang.tag,
    });
    for (const kind of ENTITY_KINDS) {
      const listed: Entity[] = [];
      for (const indexed of index.entities[kind]) {
        const indexes = indexed.articleIndexes.filter(inLang);
        // A registry entry no article names yet keeps its page in the default language, as before.
        if (indexes.length === 0 && !(lang.isDefault && indexed.articleIndexes.length === 0)) continue;
        const list = indexes.map((i) => articles[i]).filter((a): a is Article => a !== undefined);
        const shared = toRef(indexed);
        const ref = localRef(shared, lang);
        const entry = indexed.entry;
        const profile: EntityProfile = {
          ...ref,
          aliases: entry?.aliases ?? [],
          articleCount: list.length,
          seenWith: seenWith(
            shared,
            indexes.map((i) => allRefs[i] ?? []),
            collator,
            MAX_SEEN_WITH,
            order,
          ).map((seen) => ({ ...seen, ref: localRef(seen.ref, lang) })),
          feeds: entityFeedUrls(kind, indexed.slug, lang.prefix),
        };
        const latest = list[0];
        const first = list.at(-1);
        if (latest) profile.latestSeen = latest.date;
        if (first) profile.firstSeen = first.date;
        if (entry?.description) profile.description = entry.description;
        if (entry?.role) profile.role = entry.role;
        if (entry?.image) profile.image = entry.image;
        if (entry?.body.trim()) profile.html = input.render(entry.body);
        listed.push({ ...profile, articles: list });
        entityPages.push(
          ...paginate(ref.url, list, settings.perPage, ref.name, {
            entity: profile,
            feeds: profile.feeds,
            lang,
            pageTitle: pageTitle(lang),
          }),
        );
        feeds.push({
          title: `${ref.name} · ${settings.title}`,
          description: entry?.description ?? t(lang, "feed.about", { name: ref.name }),
          pageUrl: ref.url,
          feeds: profile.feeds,
          articles: list.filter((a) => a.status === "published").slice(0, FEED_SIZE),
          fullText: false,
          language: lang.tag,
        });
      }
      entities[kind].push(...listed);
      const directoryTitle = t(lang, `directory.${ENTITY_FIELD[kind]}`);
      directories.push(
        ...directoryPages({
          kind,
          lang,
          title: directoryTitle,
          url: directoryUrl(kind, lang.prefix),
          entries: listed.map((e) => ({ name: e.name, url: e.url, count: e.articles.length })),
          letterTitle: (letter) => t(lang, "directory.letter-title", { title: directoryTitle, letter }),
        }),
      );
    }
    const home = paginate(lang.homeUrl, own, settings.perPage, t(lang, "home.title"), {
      feeds: lang.isDefault ? SITE_FEEDS : lang.feeds,
      lang,
      pageTitle: pageTitle(lang),
    });
    const front = home[0];
    if (front) front.front = frontPage(front.items, own, lang.sections);
    homePages.push(...home);
    // Each section has its page and feeds in every language, even before it has articles there.
    for (const link of lang.sections) {
      const given = settings.sections?.find((s) => s.slug === link.slug)?.description;
      const description = given === undefined ? undefined : localText(given, lang.tag, settings.language);
      const section: Section = {
        ...link,
        lang,
        feeds: feedUrlsAt(link.url),
        ...(description ? { description } : {}),
      };
      const list = own.filter((a) => a.section?.slug === link.slug);
      sections.push(section);
      sectionPages.push(
        ...paginate(link.url, list, settings.perPage, link.title, {
          feeds: section.feeds,
          lang,
          pageTitle: pageTitle(lang),
          section,
        }),
      );
      feeds.push({
        title: `${link.title} · ${settings.title}`,
        description: description ?? t(lang, "section.feed-description", { section: link.title }),
        pageUrl: link.url,
        feeds: section.feeds,
        articles: list.filter((a) => a.status === "published").slice(0, FEED_SIZE),
        fullText: true,
        language: lang.tag,
      });
    }
    archives.push(...archivePages(own, lang, pageTitle(lang)));
    const authors = authorListings(input.authors ?? { authors: [], byArticle: [], diagnostics: [] }, {
      settings,
      lang,
      articles,
      collator,
      render: input.render,
      t: (key, params) => t(lang, key, params),
      feedSize: FEED_SIZE,
    });
    authorPages.push(...authors.pages);
    authorDirectories.push(authors.directory);
    feeds.push(...authors.feeds);
    const corrections = correctionListings(
      articles,
      lang,
      settings,
      (key, params) => t(lang, key, params),
      FEED_SIZE,
    );
    correctionPages.push(...corrections.pages);
    feeds.push(corrections.feed);
  }

  const defaultLanguage = languages[0] as Language;
  return {
    settings,
    buildTime: input.buildTime,
    preview: input.preview,
    articles,
    entities,
    homePages,
    entityPages,
    archivePages: archives,
    sectionPages,
    sections,
    directories,
    feeds,
    siteFeeds: SITE_FEEDS,
    searchUrl: SEARCH_URL,
    languages,
    defaultLanguage,
    searchPages: languages.map((lang) => ({
      url: lang.searchUrl,
      lang,
      shards: languageShards(articles, lang.tag),
    })),
    messages,
    redirects: redirectsOf(articles),
    authorPages,
    authorDirectories,
    correctionPages,
    photos: input.photos ?? [],
  };
}
