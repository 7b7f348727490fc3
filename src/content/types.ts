import type { DateTime } from "luxon";
import type {
  ArticleInput,
  ArticleStatus,
  AuthorEntry,
  Diagnostic,
  RegistryEntry,
  SiteSettings,
} from "../core/types.ts";
import type { AuthorIndex } from "./bylines.ts";
import type { EntityIndex } from "./entities.ts";
import type { ParsedDocument } from "./frontmatter.ts";

/** A valid article with its status and the parsed file it came from. */
export interface ContentArticle {
  input: ArticleInput;
  status: ArticleStatus;
  document: ParsedDocument;
}

/**
 * The content folder, read and checked once: what the build, `npm run check`, the dev server and
 * `npm run import` all work from. Nothing downstream reads a content file again or re-indexes.
 */
export interface Content {
  settings: SiteSettings;
  buildTime: DateTime;
  registry: RegistryEntry[];
  /** The parsed registry files (for their keys), in file order. */
  registryDocuments: ParsedDocument[];
  /** The articles shown (published ones; all in preview), newest first. */
  articles: ContentArticle[];
  /** Parsed articles that failed validation: `check` looks at their keys (`titel:` → missing title). */
  invalidDocuments: ParsedDocument[];
  /** Every person, organization and place the articles name, resolved through the registry. */
  index: EntityIndex;
  collator: Intl.Collator;
  /** The author files (`content/authors/*.md`). */
  authorEntries: AuthorEntry[];
  /** The parsed author files (for their keys), in file order. */
  authorDocuments: ParsedDocument[];
  /** The bylines resolved to authors, with their articles. */
  authors: AuthorIndex;
  /** Every problem found, errors and warnings, in the order found. */
  diagnostics: Diagnostic[];
  /**
   * The epoch (ms) of the earliest scheduled article, the next moment an article's status changes with
   * time alone (the build's output is the same until then); absent when none is scheduled.
   */
  nextScheduled?: number;
  /**
   * With the content cache: a warning rule's result for one file, kept between runs while the file and
   * `key` (what else the rule looked at) are the same (`ContentCache.memo`). Absent without a cache.
   */
  memo?: (file: string, rule: string, key: string, compute: () => Diagnostic[]) => Diagnostic[];
  /**
   * With `articleWarnings`: a per-file warning rule's result for an article file, found while the file was
   * read (on either of `check`'s threads) with the same `key`; undefined when there is none.
   */
  readWarnings?: (file: string, rule: string, key: string) => Diagnostic[] | undefined;
}
