import { slugify } from "../core/slug.ts";
import type {
  DirectoryEntry,
  DirectoryGroup,
  DirectoryLetter,
  EntityDirectory,
  EntityKind,
  Language,
} from "../core/types.ts";
import { directoryLetterUrl } from "../core/urls.ts";
import { familyName, initialOf, OTHER_INITIAL } from "./family-name.ts";

/** A directory with more entries than this is split into one page per letter. */
export const DIRECTORY_PAGE_LIMIT = 500;

export interface DirectoryInput {
  kind: EntityKind;
  lang: Language;
  title: string;
  url: string;
  /** In any order. */
  entries: DirectoryEntry[];
  /** The title of one letter's page: `People: A`. */
  letterTitle: (letter: string) => string;
  limit?: number;
}

/**
 * Each letter's URL segment: an ASCII letter or digit is itself; another letter its slug (`Ш` → `sh`) when
 * no other letter of the directory has it, else the slug and its code point (`Ş` → `s-15e` beside `S`).
 */
export function letterSlugs(letters: readonly string[]): Map<string, string> {
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  const ascii = (l: string) => /^[A-Za-z0-9]$/.test(l);
  for (const l of letters.filter(ascii)) {
    slugs.set(l, l.toLowerCase());
    taken.add(l.toLowerCase());
  }
  for (const l of letters.filter((x) => !ascii(x))) {
    const slug = l === OTHER_INITIAL ? "other" : slugify(l);
    const free = slug !== "" && slug !== "page" && !taken.has(slug);
    const chosen = free ? slug : `${slug || "u"}-${(l.codePointAt(0) ?? 0).toString(16)}`;
    slugs.set(l, chosen);
    taken.add(chosen);
  }
  return slugs;
}

const collators = new Map<string, Intl.Collator>();

function collatorFor(tag: string): Intl.Collator {
  let collator = collators.get(tag);
  if (!collator) {
    collator = new Intl.Collator(tag, { sensitivity: "base", numeric: true });
    collators.set(tag, collator);
  }
  return collator;
}

/**
 * The entries in directory order, under their letters: people by family name then full name, organizations
 * and places by name, with the collation of the directory's language; letters in that language's alphabetical
 * order, `#` last.
 */
export function groupEntries(
  kind: EntityKind,
  tag: string,
  entries: readonly DirectoryEntry[],
): DirectoryGroup[] {
  const collator = collatorFor(tag);
  const keyed = entries.map((entry) => ({
    entry,
    key: kind === "person" ? familyName(entry.name) : entry.name,
  }));
  keyed.sort(
    (a, b) =>
      collator.compare(a.key, b.key) ||
      collator.compare(a.entry.name, b.entry.name) ||
      (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0) ||
      (a.entry.url < b.entry.url ? -1 : a.entry.url > b.entry.url ? 1 : 0),
  );
  const byLetter = new Map<string, DirectoryEntry[]>();
  for (const { entry, key } of keyed) {
    const letter = initialOf(key, tag);
    const list = byLetter.get(letter);
    if (list) list.push(entry);
    else byLetter.set(letter, [entry]);
  }
  const letters = [...byLetter.keys()].sort(
    (a, b) =>
      Number(a === OTHER_INITIAL) - Number(b === OTHER_INITIAL) ||
      collator.compare(a, b) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  const slugs = letterSlugs(letters);
  return letters.map((letter) => ({
    letter,
    id: `letter-${slugs.get(letter) ?? ""}`,
    entries: byLetter.get(letter) ?? [],
  }));
}

/**
 * The pages of one directory: one page with every entry under letter headings and an A–Z jump list, or, past
 * `limit` entries, a page listing the letters and one page per letter (`/people/letter/a/`).
 */
export function directoryPages(input: DirectoryInput): EntityDirectory[] {
  const { kind, lang, title, url } = input;
  const groups = groupEntries(kind, lang.tag, input.entries);
  const entries = groups.flatMap((g) => g.entries);
  const split = entries.length > (input.limit ?? DIRECTORY_PAGE_LIMIT);
  const slugOf = (g: DirectoryGroup) => g.id.slice("letter-".length);
  const letterUrl = (g: DirectoryGroup) =>
    split ? directoryLetterUrl(kind, slugOf(g), lang.prefix) : `#${g.id}`;
  const letters = (current?: DirectoryGroup): DirectoryLetter[] =>
    groups.map((g) => ({
      letter: g.letter,
      url: letterUrl(g),
      count: g.entries.length,
      current: g === current,
    }));
  if (!split) return [{ kind, lang, title, url, entries, groups, letters: letters(), split }];
  return [
    { kind, lang, title, url, entries: [], groups: [], letters: letters(), split },
    ...groups.map((g) => ({
      kind,
      lang,
      title: input.letterTitle(g.letter),
      url: letterUrl(g),
      entries: g.entries,
      groups: [g],
      letters: letters(g),
      split,
      letter: g.letter,
      directoryUrl: url,
    })),
  ];
}
