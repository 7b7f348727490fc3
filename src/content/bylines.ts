import { diagnostic } from "../core/diagnostics.ts";
import { nameKey } from "../core/names.ts";
import { slugify } from "../core/slug.ts";
import type { ArticleInput, AuthorEntry, Diagnostic } from "../core/types.ts";
import { MAX_SLUG_LENGTH } from "./limits.ts";

/** One author of the bylines: the name as first written (or as the author file gives it) and the slug. */
export interface IndexedAuthor {
  name: string;
  slug: string;
  entry?: AuthorEntry;
  /** Indexes of the articles (in the articles' order, newest first) the author signed. */
  articleIndexes: number[];
}

export interface AuthorIndex {
  /** Every author, by slug. */
  authors: IndexedAuthor[];
  /** For each article (by index), its authors in byline order. */
  byArticle: IndexedAuthor[][];
  diagnostics: Diagnostic[];
}

/**
 * Resolves the bylines of the articles to authors, with the name identity of entities (`nameKey` in the
 * site's language: letter case and spaces do not make another author): an author file's name gives the author its spelling; a
 * name without a file still has a page. Two different names with one slug are `author/slug-collision`, at
 * the later article's `authors` (or `author`) line; a name with no usable slug gets no page and no link
 * (`author/invalid-name`). Author files no article names keep their page too.
 */
export function indexAuthors(
  articles: readonly ArticleInput[],
  entries: readonly AuthorEntry[],
  language?: string,
): AuthorIndex {
  const diagnostics: Diagnostic[] = [];
  const byKey = new Map<string, IndexedAuthor>();
  const bySlug = new Map<string, IndexedAuthor>();
  for (const entry of entries) {
    const author: IndexedAuthor = { name: entry.name, slug: entry.slug, entry, articleIndexes: [] };
    byKey.set(nameKey(entry.name, language), author);
    bySlug.set(entry.slug, author);
  }
  const byArticle = articles.map((article, i) => {
    const line = article.fieldLines.authors ?? article.fieldLines.author ?? 1;
    const found: IndexedAuthor[] = [];
    for (const name of article.authorNames ?? []) {
      const key = nameKey(name, language);
      let author = byKey.get(key);
      if (!author) {
        const slug = slugify(name);
        if (slug === "" || slug.length > MAX_SLUG_LENGTH) {
          diagnostics.push(
            diagnostic(
              "error",
              "author/invalid-name",
              article.file,
              line,
              `the author "${name.slice(0, 40)}" gives a URL slug of ${slug.length} characters; expected 1 to ${MAX_SLUG_LENGTH}`,
              { field: "authors", hint: "write the author's name in letters" },
            ),
          );
          continue;
        }
        const other = bySlug.get(slug);
        if (other) {
          diagnostics.push(
            diagnostic(
              "error",
              "author/slug-collision",
              article.file,
              line,
              `the authors "${name}" and "${other.name}" would share the page /authors/${slug}/`,
              {
                field: "authors",
                hint: "write the name as the other articles do, or give each author a file under content/authors/",
              },
            ),
          );
          continue;
        }
        author = { name, slug, articleIndexes: [] };
        byKey.set(key, author);
        bySlug.set(slug, author);
      }
      if (found.includes(author)) continue;
      found.push(author);
      author.articleIndexes.push(i);
    }
    return found;
  });
  const authors = [...bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { authors, byArticle, diagnostics };
}
