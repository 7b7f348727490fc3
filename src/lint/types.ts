import type { Content } from "../content/types.ts";

/** Where something is in a file, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Everything the warning rules look at: the checked content as the content stage gives it (articles with
 * their parsed files, the registry, the entity index), never read again from disk.
 */
export type LintInput = Pick<
  Content,
  "articles" | "registry" | "registryDocuments" | "invalidDocuments" | "index" | "memo"
> & {
  /** Hosts an `<iframe>` may show (`settings.embedHosts`), for `html/removed`; none when absent. */
  embedHosts?: readonly string[];
};
