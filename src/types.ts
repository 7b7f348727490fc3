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

export interface SiteSettings {
  title: string;
  description: string;
  /** Absolute base URL without a trailing slash, e.g. `https://news.example.org`. */
  baseUrl: string;
  /** BCP 47 language tag for `<html lang>` and date formatting. */
  language: string;
  /** IANA time zone in which dates without an offset are read and URLs are dated. */
  timeZone: string;
  /** Articles per listing page (home and entity pages). */
  perPage: number;
}

export type EntityKind = "person" | "organization";

export const ENTITY_KINDS: readonly EntityKind[] = ["person", "organization"];

/** The article frontmatter field that lists each kind. */
export const ENTITY_FIELD: Record<EntityKind, "people" | "organizations"> = {
  person: "people",
  organization: "organizations",
};

/** A link from an article to an entity page. */
export interface EntityRef {
  kind: EntityKind;
  name: string;
  slug: string;
  url: string;
}

/** A moment as the templates need it: machine-readable, human-readable and sortable. */
export interface Moment {
  /** For `<time datetime>`: `2022-12-15` for a date, full ISO 8601 with offset for a date-time. */
  iso: string;
  /** In the site's language and time zone, e.g. `December 15, 2022`. */
  text: string;
  /** Milliseconds since the epoch, for sorting. */
  epoch: number;
}

/** A validated article, before entity resolution and rendering. */
export interface ArticleInput {
  file: string;
  title: string;
  slug: string;
  date: Moment;
  /** `YYYY/MM/DD` of the publication date in the site's time zone. */
  datePath: string;
  dateline?: string;
  summary?: string;
  updated?: Moment;
  author?: string;
  source?: string;
  draft: boolean;
  /** Entity names as written in the frontmatter, trimmed, in order. */
  names: Record<EntityKind, string[]>;
  /** Line of each entity field in the file, for diagnostics found later (slug collisions). */
  fieldLines: Partial<Record<string, number>>;
  body: string;
}

export interface Article {
  file: string;
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
  people: EntityRef[];
  organizations: EntityRef[];
  html: string;
}

export interface Entity {
  kind: EntityKind;
  name: string;
  slug: string;
  url: string;
  /** Newest first. */
  articles: Article[];
}

/** One page of a paginated listing (home or entity page). */
export interface ListPage {
  url: string;
  pageNumber: number;
  totalPages: number;
  totalItems: number;
  items: Article[];
  previousUrl?: string;
  nextUrl?: string;
  /** The URL of every page of this listing, page 1 first. */
  hrefs: string[];
  /** Set on entity pages. */
  entity?: EntityRef;
}

/** The A–Z list of one kind of entity, e.g. `/people/`. */
export interface EntityDirectory {
  kind: EntityKind;
  title: string;
  url: string;
  entries: { name: string; url: string; count: number }[];
}

export interface Site {
  settings: SiteSettings;
  buildTime: string;
  /** Published articles, newest first. */
  articles: Article[];
  entities: Record<EntityKind, Entity[]>;
  homePages: ListPage[];
  entityPages: ListPage[];
  directories: EntityDirectory[];
}
