/** Dateline's domain types: everything the data layer produces and the templates read. */

export type Severity = "error" | "warning";

/** One problem found in the content. Lines and columns are 1-based, as an editor shows them. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  field?: string;
  rule: string;
  severity: Severity;
  message: string;
  hint?: string;
}

/** `content/site.json`, as its schema reads it (see `settings-schema.ts`). */
export type { SiteSettings } from "./settings-schema.ts";

import type { SiteSettings } from "./settings-schema.ts";

/** The kinds of entity, in the order pages and feeds list them. */
export const ENTITY_KINDS = ["person", "organization", "place"] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * The article frontmatter field that lists each kind; also the registry folder under `content/` and the
 * URL segment of its pages (`/people/<slug>/`).
 */
export const ENTITY_FIELD = {
  person: "people",
  organization: "organizations",
  place: "places",
} as const satisfies Record<EntityKind, string>;

export type EntityField = (typeof ENTITY_FIELD)[EntityKind];

/**
 * One language the site publishes in (`languages` in site.json; the first is the default). Everything a page
 * needs to speak it: the tag for `<html lang>`, the direction, its own name for the language switcher, and
 * where its pages live (the default language at the root, the others under `/<tag>/`).
 */
export interface Language {
  /** Canonical BCP 47 tag: `en`, `ru`, `zh-CN`. */
  tag: string;
  /** The language's name in itself (`Русский`, `azərbaycan`), from `Intl.DisplayNames`. */
  name: string;
  dir: "ltr" | "rtl";
  isDefault: boolean;
  /** `""` for the default language, else `/<tag in lower case>`. */
  prefix: string;
  /** For `og:locale`: `zh_CN`. */
  ogLocale: string;
  homeUrl: string;
  searchUrl: string;
  feeds: FeedLinks;
  /** The entity directories of this language, for the navigation, titled in the language. */
  nav: { url: string; title: string }[];
}

/** An interface string: plain text, or one text per plural category (`one`, `few`, `many`, `other`…). */
export type MessageValue = string | Partial<Record<Intl.LDMLPluralRule, string>>;

/** One language's message file (`templates/_messages/<lang>.json`): key → text. */
export type Messages = Record<string, MessageValue>;

/** One version of a translated article, for hreflang alternates and the language switcher. */
export interface Translation {
  /** The language tag (`ru`), or `x-default` for the alternate naming the default language's version. */
  hreflang: string;
  /** The language's own name. */
  name: string;
  url: string;
  title: string;
  current: boolean;
}

/** A link from an article to an entity page. One object per entity, shared by every article that names it. */
export interface EntityRef {
  kind: EntityKind;
  name: string;
  slug: string;
  url: string;
  /** Authoritative pages about the entity (Wikidata, an official site), from the registry. */
  sameAs: string[];
}

/**
 * An optional registry file: `content/people/<slug>.md`, `content/organizations/<slug>.md`,
 * `content/places/<slug>.md`. Its fields are those of the entity page (`EntityProfile`), as
 * `src/content/registry.ts` reads them from the registry schema.
 */
export type RegistryEntry = Pick<
  EntityProfile,
  "kind" | "name" | "slug" | "aliases" | "description" | "role" | "image" | "sameAs"
> & {
  file: string;
  /** The markdown body, rendered later. */
  body: string;
  /** Line of each alias (the `aliases` key's line when the list is inline). */
  aliasLines: number[];
};

/** A moment as the templates need it: machine-readable, human-readable and sortable. */
export interface Moment {
  /** For `<time datetime>`: `2022-12-15` for a date, full ISO 8601 with offset for a date-time. */
  iso: string;
  /** In the site's language and time zone, e.g. `December 15, 2022`. */
  text: string;
  /** Milliseconds since the epoch, for sorting. */
  epoch: number;
}

/** Where an article stands at build time: drafts and scheduled (future) articles appear only in the dev server. */
export type ArticleStatus = "published" | "draft" | "scheduled";

/** A compact link to an article, for related, previous and next lists. */
export interface ArticleLink {
  url: string;
  title: string;
  date: Moment;
}

/**
 * A validated article, before entity resolution and rendering: the fields it shares with `Article`, as
 * `src/content/validate.ts` reads them from the frontmatter schema, plus what entity resolution needs.
 */
export type ArticleInput = Pick<
  Article,
  "file" | "title" | "slug" | "date" | "dateline" | "summary" | "updated" | "author" | "source" | "draft"
> & {
  /** The article's language tag, one of the site's `languages`; absent means the default language. */
  lang?: string;
  /** Where the article's language lives: absent or `""` for the default language, `/ru` for Russian. */
  langPrefix?: string;
  /** Shared by the translations of one story. */
  translationKey?: string;
  /** Hash of the source file's bytes, for incremental builds. */
  sourceHash?: string;
  /** `YYYY/MM/DD` of the publication date in the site's time zone. */
  datePath: string;
  /** Entity names as written in the frontmatter, trimmed, in order. */
  names: Record<EntityKind, string[]>;
  /** The dateline's city (`BAKU` in `BAKU, Azerbaijan`), which is also a place of the article. */
  datelineCity?: string;
  /** Line of each entity field in the file, for diagnostics found later (slug collisions). */
  fieldLines: Partial<Record<string, number>>;
  body: string;
};

/** One image file as published: a site path (or, for a remote image, its absolute URL) and its size. */
export interface ImageFile {
  url: string;
  width: number;
  height: number;
  /** MIME type: `image/jpeg`, `image/webp`, `image/avif`. */
  type: string;
}

/**
 * An article's lead photo (`image:` in the frontmatter), as pages, feeds and structured data use it. Its
 * processed versions (responsive sources, crops, thumbnail) are added by the photo stage.
 */
export interface ArticleImage {
  alt: string;
  caption?: string;
  credit?: string;
  /** The largest JPEG of a local photo, or the remote image: what feeds and `og:image` point at. */
  main: ImageFile;
}

export interface Article {
  file: string;
  /** Hash of the source file's bytes, for incremental builds. */
  sourceHash: string;
  url: string;
  title: string;
  slug: string;
  date: Moment;
  dateline?: string;
  summary?: string;
  updated?: Moment;
  author?: string;
  source?: string;
  draft: boolean;
  status: ArticleStatus;
  lang: Language;
  translationKey?: string;
  /**
   * Every version of the story, this one included, in the order of the site's languages, when it has
   * translations; empty otherwise.
   */
  translations: Translation[];
  /** The hreflang alternates for the page head: the translations plus `x-default`; empty without translations. */
  alternates: Translation[];
  /** The dateline split so that its city can link to the place page: `BAKU` + `, Azerbaijan`. */
  datelineParts?: { city: string; rest: string; place?: EntityRef };
  people: EntityRef[];
  organizations: EntityRef[];
  places: EntityRef[];
  html: string;
  /** Up to 5 other articles sharing the most entities, newer first on ties. */
  related: ArticleLink[];
  /** The next older and next newer published article. */
  previous?: ArticleLink;
  next?: ArticleLink;
  archive: { year: string; yearUrl: string; month: string; monthUrl: string };
  /** The lead photo, when the article has one. */
  image?: ArticleImage;
}

/** What an entity page shows about the entity besides its articles. */
export interface EntityProfile extends EntityRef {
  aliases: string[];
  description?: string;
  role?: string;
  image?: string;
  /** The registry file's body, rendered. */
  html?: string;
  articleCount: number;
  firstSeen?: Moment;
  latestSeen?: Moment;
  /** The entities it most often appears with, most frequent first. */
  seenWith: { ref: EntityRef; count: number }[];
  feeds: FeedLinks;
}

export interface Entity extends EntityProfile {
  /** Newest first. */
  articles: Article[];
}

export interface FeedLinks {
  atom: string;
  json: string;
}

/** One feed, written as Atom and as JSON Feed. */
export interface FeedSpec {
  title: string;
  description: string;
  /** The HTML page the feed belongs to. */
  pageUrl: string;
  feeds: FeedLinks;
  /** Newest first, at most 50. */
  articles: Article[];
  /**
   * Whether entries carry the full text. The site's feed does; an entity's feed carries summaries, so one
   * article naming hundreds of entities is not copied whole into hundreds of feeds.
   */
  fullText: boolean;
  /** The language tag of the feed's articles. */
  language: string;
}

export type PageLink = { number: number; url: string; current: boolean; gap?: undefined } | { gap: true };

/** One page of a paginated listing (home or entity page). */
export interface ListPage {
  url: string;
  pageNumber: number;
  totalPages: number;
  totalItems: number;
  items: Article[];
  previousUrl?: string;
  nextUrl?: string;
  /** The pager: first, last and nearby pages, with gaps (see `pageLinks` in paginate.ts). */
  pageLinks: PageLink[];
  /** The page's title, e.g. `Aynur Qasımova, page 2`. */
  title: string;
  /** Set on entity pages. */
  entity?: EntityProfile;
  /** Feeds to announce with `<link rel="alternate">`. */
  feeds?: FeedLinks;
  lang: Language;
}

/** The A–Z list of one kind of entity, e.g. `/people/`. */
export interface EntityDirectory {
  kind: EntityKind;
  lang: Language;
  title: string;
  url: string;
  entries: { name: string; url: string; count: number }[];
}

export interface Site {
  settings: SiteSettings;
  buildTime: string;
  /** Whether drafts and scheduled articles are shown (dev server). */
  preview: boolean;
  /** Published articles, newest first (plus drafts and scheduled ones in preview). */
  articles: Article[];
  entities: Record<EntityKind, Entity[]>;
  homePages: ListPage[];
  entityPages: ListPage[];
  archivePages: ListPage[];
  directories: EntityDirectory[];
  feeds: FeedSpec[];
  siteFeeds: FeedLinks;
  /** The default language's search page. */
  searchUrl: string;
  /** The site's languages, the default first. */
  languages: Language[];
  defaultLanguage: Language;
  /** One search page per language, with the search index shards it searches (newest first). */
  searchPages: { url: string; lang: Language; shards: SearchShard[] }[];
  /** The interface strings of each language, by tag. */
  messages: Record<string, Messages>;
}

/** One shard of the search index: a Pagefind bundle of one language's published articles of one year. */
export interface SearchShard {
  /** `en/2024`: the language tag in lower case and the year. */
  key: string;
  /** The bundle's folder: `/pagefind/en/2024/`. */
  url: string;
}
