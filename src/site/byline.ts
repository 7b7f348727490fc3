import type { AuthorRef } from "../core/types.ts";

/** A piece of a byline: text, or an author's name linking to the author page. */
export interface BylinePart {
  text: string;
  url?: string;
}

/**
 * A byline as pieces for the template to print and link: the message (`By {author}`, `Müəllif: {author}`)
 * with the authors joined as the language joins a list (`A and B`, `A, B и C`). Templates escape every piece.
 */
export function bylineParts(message: string, authors: readonly AuthorRef[], tag: string): BylinePart[] {
  const at = message.indexOf("{author}");
  const before = at === -1 ? message : message.slice(0, at);
  const after = at === -1 ? "" : message.slice(at + "{author}".length);
  const byName = new Map(authors.map((a) => [a.name, a]));
  const names = new Intl.ListFormat(tag, { style: "long", type: "conjunction" }).formatToParts(
    authors.map((a) => a.name),
  );
  const parts: BylinePart[] = [];
  if (before) parts.push({ text: before });
  let next = 0;
  for (const piece of names) {
    if (piece.type === "element") {
      const author = authors[next++] ?? byName.get(piece.value);
      parts.push(author ? { text: piece.value, url: author.url } : { text: piece.value });
    } else parts.push({ text: piece.value });
  }
  if (after) parts.push({ text: after });
  return parts;
}
