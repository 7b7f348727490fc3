/** The frontmatter keys that both Dateline and the Hugo anchor read. */
export interface BenchFrontmatter {
  title: string;
  /** ISO 8601, written unquoted as editors do. */
  date: string;
  dateline: string;
  summary: string;
  people: readonly string[];
  organizations: readonly string[];
  /** A lead photo (Dateline's `image:`), for a share of the articles. */
  image?: { src: string; alt: string; credit: string };
}

/** A YAML double-quoted scalar; JSON's string syntax is a subset of it. */
const quote = (text: string) => JSON.stringify(text);

function list(key: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`${key}:`, ...items.map((item) => `  - ${quote(item)}`)];
}

/** The whole file: a `---` frontmatter block, a blank line, then the markdown body. */
export function renderArticle(fm: BenchFrontmatter, body: string): string {
  return [
    "---",
    `title: ${quote(fm.title)}`,
    `date: ${fm.date}`,
    `dateline: ${quote(fm.dateline)}`,
    `summary: ${quote(fm.summary)}`,
    ...list("people", fm.people),
    ...list("organizations", fm.organizations),
    ...(fm.image
      ? [
          "image:",
          `  src: ${quote(fm.image.src)}`,
          `  alt: ${quote(fm.image.alt)}`,
          `  credit: ${quote(fm.image.credit)}`,
        ]
      : []),
    "---",
    "",
    body,
  ].join("\n");
}
