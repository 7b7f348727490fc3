import { type EntityIndex, emptyByKind, toRef } from "../content/entities.ts";
import {
  type Article,
  ENTITY_KINDS,
  ENTITY_TITLE,
  type Entity,
  type EntityDirectory,
  type EntityProfile,
  type EntityRef,
  type FeedSpec,
  type Site,
  type SiteSettings,
} from "../core/types.ts";
import { directoryUrl, entityFeedUrls, SEARCH_URL, SITE_FEEDS } from "../core/urls.ts";
import { archivePages } from "./archives.ts";
import { paginate } from "./paginate.ts";
import { seenWith } from "./related.ts";

export interface AssembleInput {
  settings: SiteSettings;
  buildTime: string;
  preview: boolean;
  /** Newest first, in the same order as the index's articles. */
  articles: Article[];
  index: EntityIndex;
  /** Every entity of each article, all kinds together. */
  allRefs: EntityRef[][];
  collator: Intl.Collator;
  render: (markdown: string) => string;
}

/** How many of the newest articles each feed carries. */
const FEED_SIZE = 50;

/** Builds the Site's entities, listings, directories and feeds from the checked articles and the index. */
export function assemble(input: AssembleInput): Site {
  const { settings, articles, index, allRefs, collator } = input;
  const entities = emptyByKind<Entity[]>(() => []);
  const entityPages: Site["entityPages"] = [];
  const directories: EntityDirectory[] = [];
  const feeds: FeedSpec[] = [
    {
      title: settings.title,
      description: settings.description,
      pageUrl: "/",
      feeds: SITE_FEEDS,
      articles: articles.filter((a) => a.status === "published").slice(0, FEED_SIZE),
      fullText: true,
    },
  ];

  for (const kind of ENTITY_KINDS) {
    for (const indexed of index.entities[kind]) {
      const list = indexed.articleIndexes
        .map((i) => articles[i])
        .filter((a): a is Article => a !== undefined);
      const ref = toRef(indexed);
      const entry = indexed.entry;
      const profile: EntityProfile = {
        ...ref,
        aliases: entry?.aliases ?? [],
        articleCount: list.length,
        seenWith: seenWith(
          ref,
          indexed.articleIndexes.map((i) => allRefs[i] ?? []),
          collator,
        ),
        feeds: entityFeedUrls(kind, indexed.slug),
      };
      const latest = list[0];
      const first = list.at(-1);
      if (latest) profile.latestSeen = latest.date;
      if (first) profile.firstSeen = first.date;
      if (entry?.description) profile.description = entry.description;
      if (entry?.role) profile.role = entry.role;
      if (entry?.image) profile.image = entry.image;
      if (entry?.body.trim()) profile.html = input.render(entry.body);
      entities[kind].push({ ...profile, articles: list });
      entityPages.push(
        ...paginate(ref.url, list, settings.perPage, ref.name, { entity: profile, feeds: profile.feeds }),
      );
      feeds.push({
        title: `${ref.name} · ${settings.title}`,
        description: entry?.description ?? `Articles about ${ref.name}`,
        pageUrl: ref.url,
        feeds: profile.feeds,
        articles: list.filter((a) => a.status === "published").slice(0, FEED_SIZE),
        fullText: false,
      });
    }
    directories.push({
      kind,
      title: ENTITY_TITLE[kind],
      url: directoryUrl(kind),
      entries: entities[kind].map((e) => ({ name: e.name, url: e.url, count: e.articles.length })),
    });
  }

  const homePages = paginate("/", articles, settings.perPage, "Latest news", { feeds: SITE_FEEDS });
  const archives = archivePages(articles);
  return {
    settings,
    buildTime: input.buildTime,
    preview: input.preview,
    articles,
    entities,
    homePages,
    entityPages,
    archivePages: archives,
    directories,
    feeds,
    siteFeeds: SITE_FEEDS,
    searchUrl: SEARCH_URL,
  };
}
