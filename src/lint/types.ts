import type { ParsedDocument } from "../content/frontmatter.ts";
import type { Content } from "../content/types.ts";

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

/**
 * Everything the warning rules look at: the checked content as the content stage gives it (articles with
 * their parsed files, the registry, the entity index), never read again from disk.
 */
export type LintInput = Pick<
  Content,
  "articles" | "registry" | "registryDocuments" | "invalidDocuments" | "index"
> & {
  itemPosition: ItemLocator;
  /** Hosts an `<iframe>` may show (`settings.embedHosts`), for `html/removed`; none when absent. */
  embedHosts?: readonly string[];
};
