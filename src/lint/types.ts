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
  "articles" | "registry" | "registryDocuments" | "invalidDocuments" | "index" | "memo" | "readWarnings"
> &
  Partial<Pick<Content, "authorDocuments">> & {
    /** Hosts an `<iframe>` may show (`settings.embedHosts`), for `html/removed`; none when absent. */
    embedHosts?: readonly string[];
    /** What the previous build published (read from its manifest by the CLI), for `article/vanished-url`. */
    published?: PublishedArticles;
  };

/** The article pages a previous build published, as its manifest records them. */
export interface PublishedArticles {
  /** The manifest they come from, for a warning about an article that is gone. */
  manifestFile: string;
  /** Each article page's URL (`/2024/01/02/slug/`) and, when the manifest recorded it, its content file. */
  pages: { url: string; file?: string }[];
}
