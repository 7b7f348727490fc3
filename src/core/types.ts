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
  /** This language's list of authors (`/authors/`) and corrections page (`/corrections/`), for the footer. */
  authorsUrl?: string;
  correctionsUrl?: string;
  /** The site's sections (`sections` in site.json), in their order, titled in the language; for the navigation. */
  sections: SectionLink[];
}

/** A section of the site as a link, in one language: `{ slug: "business", title: "Business", url: "/business/" }`. */
export interface SectionLink {
  slug: string;
  title: string;
  url: string;
}

/** A section in one language: its page (`/<slug>/`, `/ru/<slug>/`) and feeds. */
export interface Section extends SectionLink {
  description?: string;
  lang: Language;
  feeds: FeedLinks;
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
  /** The byline's names, in order: `authors`, or `author` as a list of one; empty when neither is given. */
  authorNames?: string[];
  /** The dated corrections (`corrections:`), oldest first. */
  corrections?: Correction[];
  /** The article's language tag, one of the site's `languages`; absent means the default language. */
  lang?: string;
  /** Where the article's language lives: absent or `""` for the default language, `/ru` for Russian. */
  langPrefix?: string;
  /** Shared by the translations of one story. */
  translationKey?: string;
  /** The slug of the article's section (`section:`), one of the site's `sections`. */
  section?: string;
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
  /** Old URLs of the article (`redirect_from`), normalized, each with the line of its list item. */
  redirectFrom?: { url: string; line: number }[];
  /** The lead photo, once the content stage has read it (`image:`). */
  image?: ImageInput;
  /** Local photos in the body, by `src` as written in the markdown. */
  bodyPhotos?: Record<string, PhotoSource>;
  /**
   * The summary rendered when the article was validated (so the content cache keeps it): its plain text and
   * its inline markdown as sanitized HTML, as `Article.summary` and `Article.summaryHtml` show them.
   */
  renderedSummary?: { text: string; html: string };
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
  /** The responsive `<picture>` of a local photo; absent for a remote image (shown as a plain `<img>`). */
  picture?: Picture;
  /** For JSON-LD `image`: 1,200 px wide crops at 16:9, 4:3 and 1:1 of a local photo; the remote image itself. */
  crops: ImageFile[];
  /** The small version listing pages show. */
  thumbnail: ImageFile;
}

/** A local photo read by the content stage: the file, a key from its bytes, and its size and format. */
export interface PhotoSource {
  /** Absolute path of the file. */
  file: string;
  /** Hex digest of the file's bytes and of the processing settings: names the outputs, keys the cache. */
  key: string;
  width: number;
  height: number;
  /** `jpeg`, `png`, `webp`… as sharp reads it. */
  format: string;
}

/** What the photo stage writes of one local photo: every width in every format, and the crops. */
export interface PhotoJob {
  source: PhotoSource;
  /** Output widths, ascending; each is written as AVIF, WebP and JPEG. */
  widths: number[];
  /** The crops to write as JPEG. */
  crops: { width: number; height: number }[];
}

/** A responsive image: `<source>`s for AVIF and WebP, and the JPEG `<img>` with its own srcset. */
export interface Picture {
  sources: { type: string; srcset: string }[];
  /** The fallback JPEG `<img>`: the largest width, its size for `width`/`height`. */
  img: ImageFile & { srcset: string };
  sizes: string;
}

/** An article's `image:` as validated: either a local photo (read and measured) or a remote image. */
export interface ImageInput {
  alt: string;
  caption?: string;
  credit?: string;
  /** The local photo; absent for a remote image. */
  photo?: PhotoSource;
  /** The remote image (with the dimensions the frontmatter gives); absent for a local photo. */
  remote?: ImageFile;
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
  /**
   * The summary as plain text (its inline markdown read, markup dropped): for feeds, `<meta>` descriptions,
   * JSON-LD and search. On an `ArticleInput`, the markdown as the editor wrote it.
   */
  summary?: string;
  /** The summary's inline markdown rendered and sanitized, for pages (teasers). */
  summaryHtml?: string;
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
  /** The article's section (`section:`), titled in the article's language. */
  section?: SectionLink;
  /** Old URLs of this article (`redirect_from`), normalized (see `redirectUrl` in urls.ts); empty when none. */
  redirectFrom?: string[];
  /** The byline, linked to the author pages, in the order written (`authors:`, or `author:`). */
  authors?: AuthorRef[];
  /** Dated corrections, oldest first; empty or absent when there are none. */
  corrections?: Correction[];
  /** The latest change: the later of `updated` and the newest correction; absent when neither exists. */
  modified?: Moment;
}

/** One dated correction of an article (`corrections:` in the frontmatter); `text` is plain text. */
export interface Correction {
  date: Moment;
  text: string;
}

/** A byline's link to an author page (`/authors/<slug>/`). Authors are not entities: no person page. */
export interface AuthorRef {
  name: string;
  slug: string;
  url: string;
  /** Authoritative pages about the author, from the author's registry file. */
  sameAs: string[];
}

/** An optional author file: `content/authors/<slug>.md`, as `src/content/authors.ts` reads it. */
export interface AuthorEntry {
  file: string;
  name: string;
  slug: string;
  role?: string;
  /** The one-line bio (`bio:`); the body, when given, is the longer one. */
  bio?: string;
  image?: string;
  /** The photo `image` names when it is a site path to a file in the content folder, read by the content stage. */
  photo?: PhotoSource;
  sameAs: string[];
  email?: string;
  /** The markdown body, rendered later. */
  body: string;
}

/** What an author page shows besides the articles. */
export interface AuthorProfile extends AuthorRef {
  role?: string;
  bio?: string;
  image?: string;
  email?: string;
  /** The author file's body, rendered. */
  html?: string;
  articleCount: number;
  feeds: FeedLinks;
}

/** The list of authors of one language: `/authors/`. */
export interface AuthorDirectory {
  lang: Language;
  title: string;
  url: string;
  entries: { name: string; url: string; role?: string; count: number }[];
}

/** One entry of the corrections page: the correction and the article it corrects. */
export interface CorrectionEntry {
  date: Moment;
  text: string;
  article: ArticleLink;
}

/** One page of the corrections listing (`/corrections/`), newest correction first. */
export interface CorrectionsPage {
  url: string;
  pageNumber: number;
  totalPages: number;
  title: string;
  items: CorrectionEntry[];
  previousUrl?: string;
  nextUrl?: string;
  pageLinks: PageLink[];
  feeds: FeedLinks;
  lang: Language;
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
  /** RSS 2.0, beside the Atom file: `<base>rss.xml`. */
  rss: string;
}

/**
 * A page that moved: an old URL an article lists in `redirect_from`, written as a small page that sends the
 * reader (and search engines) to the article, and as a line of `_redirects`.
 */
export interface Redirect {
  /** The old root-relative URL: `/old/path/` (a folder) or `/old/page.html` (a file). */
  from: string;
  /** The article's URL. */
  to: string;
  /** The article's title, for the redirect page's link. */
  title: string;
  lang: Language;
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
  /** Set on author pages. */
  author?: AuthorProfile;
  /** Feeds to announce with `<link rel="alternate">`. */
  feeds?: FeedLinks;
  lang: Language;
  /** Set on section pages. */
  section?: Section;
  /** Set on page 1 of a language's home page: the front page's blocks. */
  front?: FrontPage;
}

/**
 * The blocks of the front page (page 1 of the home listing): the newest story as the lead, the newest
 * stories of each section, then the latest overall (the rest of page 1, so that `/page/2/` continues it).
 */
export interface FrontPage {
  lead?: Article;
  /** Sections with articles, in the site's order; each with its newest few, the lead left out. */
  sections: { section: SectionLink; articles: Article[] }[];
  /** Page 1's articles after the lead. */
  latest: Article[];
}

/** One entity in a directory. */
export interface DirectoryEntry {
  name: string;
  url: string;
  count: number;
}

/** The entries of a directory under one letter heading (people by family name, the rest by name). */
export interface DirectoryGroup {
  /** The heading: `A`, `Ə`, `Ш`, or `#` for names that do not start with a letter. */
  letter: string;
  /** The heading's id on the page, for the jump list: `letter-a`. */
  id: string;
  entries: DirectoryEntry[];
}

/** One letter of a directory's jump list. */
export interface DirectoryLetter {
  letter: string;
  /** `#letter-a` on the directory's page, or the letter's own page when the directory is split. */
  url: string;
  count: number;
  /** Whether this is the letter page being shown. */
  current: boolean;
}

/**
 * The A–Z list of one kind of entity, e.g. `/people/`: grouped under letter headings (people by family name)
 * with a jump list. A directory of more than 500 entries is split: its page lists the letters, and each letter
 * has its own page (`/people/letter/a/`), which is an `EntityDirectory` too, with `letter` set.
 */
export interface EntityDirectory {
  kind: EntityKind;
  lang: Language;
  title: string;
  url: string;
  /** The entries this page lists, in order: all of them, one letter's, or none on a split directory's page. */
  entries: DirectoryEntry[];
  /** The entries under their letter headings, in alphabetical order. */
  groups: DirectoryGroup[];
  /** The jump list: every letter of the whole directory. */
  letters: DirectoryLetter[];
  /** Whether the directory is split into one page per letter. */
  split: boolean;
  /** On a letter page: its letter and the directory's own page. */
  letter?: string;
  directoryUrl?: string;
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
  /** Every section's pages, in each language. */
  sectionPages: ListPage[];
  /** Every section, once per language. */
  sections: Section[];
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
  /** Every old URL of an article (`redirect_from`), sorted by old URL. */
  redirects: Redirect[];
  /** Every author page (`/authors/<slug>/`, paginated), each language's. */
  authorPages: ListPage[];
  /** The list of authors (`/authors/`), one per language. */
  authorDirectories: AuthorDirectory[];
  /** The corrections listing (`/corrections/`), paginated, per language. */
  correctionPages: CorrectionsPage[];
  /** Every local photo the pages show (lead and body), once each, for the photo stage to write. */
  photos: PhotoJob[];
}

/** One shard of the search index: a Pagefind bundle of one language's published articles of one year. */
export interface SearchShard {
  /** `en/2024`: the language tag in lower case and the year. */
  key: string;
  /** The bundle's folder: `/pagefind/en/2024/`. */
  url: string;
}
