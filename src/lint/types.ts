import type { ParsedDocument } from "../content/frontmatter.ts";
import type { ArticleInput, RegistryEntry } from "../core/types.ts";

/** Where something is in a file, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Finds the position of the `index`-th item of the list under a frontmatter `key` of a file: its own line
 * for a block list (`  - Jeyhun Bayramov`), the key's line for an inline list or a single value.
 */
export type ItemLocator = (document: ParsedDocument, key: string, index: number) => Position;

/** Everything the warning rules look at: the content as `loadContent` read it. */
export interface LintInput {
  /** Every valid article, whatever its status. */
  articles: readonly { input: ArticleInput; document: ParsedDocument }[];
  registry: readonly RegistryEntry[];
  /** The parsed registry files (for their keys), in any order. */
  registryDocuments: readonly ParsedDocument[];
  /** Articles that failed validation but could be parsed: only their keys are looked at. */
  invalidArticleDocuments?: readonly ParsedDocument[];
  itemPosition: ItemLocator;
  /** Hosts an `<iframe>` may show (`settings.embedHosts`), for `html/removed`; none when absent. */
  embedHosts?: readonly string[];
}
