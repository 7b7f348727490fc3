import { nameKey, registryLookup } from "../content/entities.ts";
import type { ParsedDocument } from "../content/frontmatter.ts";
import {
  type ArticleInput,
  ENTITY_FIELD,
  ENTITY_KINDS,
  type EntityKind,
  type RegistryEntry,
} from "../core/types.ts";
import type { LintInput, Position } from "./types.ts";

/** One place where an article names an entity: the `index`-th item of `field`, or its dateline. */
export interface Occurrence {
  input: ArticleInput;
  document: ParsedDocument;
  field: string;
  index: number;
}

/** An entity as the articles and the registry name it, with every spelling and where it occurs. */
export interface NamedEntity {
  kind: EntityKind;
  entry?: RegistryEntry;
  /** Spellings as written (spaces collapsed), each with its occurrences in articles. */
  spellings: Map<string, Occurrence[]>;
  articleCount: number;
}

const keyCache = new Map<string, string>();

/**
 * `nameKey`, remembered: a few thousand names recur across tens of thousands of articles. The cache is
 * dropped when it grows past 200,000 names.
 */
export function keyOf(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    if (keyCache.size > 200_000) keyCache.clear();
    key = nameKey(name);
    keyCache.set(name, key);
  }
  return key;
}

/** A name as written, with runs of spaces made one: how it counts as a spelling. */
export function spellingOf(name: string): string {
  return /\s\s|^\s|\s$|[\t\n\r]/.test(name) ? name.replace(/\s+/g, " ").trim() : name;
}

export { registryLookup };

/** The names of one kind an article gives, with the field and item each comes from. */
export function namesOf(
  input: ArticleInput,
  kind: EntityKind,
): { name: string; field: string; index: number }[] {
  const names = input.names[kind];
  return names.map((name, index) => {
    // validate.ts appends the dateline's city to the places after the `places` list.
    const fromDateline = kind === "place" && input.datelineCity !== undefined && index === names.length - 1;
    return fromDateline ? { name, field: "dateline", index: 0 } : { name, field: ENTITY_FIELD[kind], index };
  });
}

/** Groups every name in the articles and the registry into entities, resolving registry names and aliases. */
export function collectEntities(input: LintInput): Record<EntityKind, NamedEntity[]> {
  const result = { person: [], organization: [], place: [] } as Record<EntityKind, NamedEntity[]>;
  for (const kind of ENTITY_KINDS) {
    const lookup = registryLookup(input.registry, kind);
    const byId = new Map<string, NamedEntity & { lastArticle?: ArticleInput }>();
    for (const entry of input.registry) {
      if (entry.kind === kind)
        byId.set(`@${entry.slug}`, { kind, entry, spellings: new Map(), articleCount: 0 });
    }
    for (const { input: article, document } of input.articles) {
      for (const { name, field, index } of namesOf(article, kind)) {
        const spelling = spellingOf(name);
        const key = keyOf(spelling);
        const entry = lookup.get(key);
        const id = entry ? `@${entry.slug}` : key;
        let entity = byId.get(id);
        if (!entity) {
          entity = { kind, spellings: new Map(), articleCount: 0 };
          byId.set(id, entity);
        }
        if (entity.lastArticle !== article) {
          entity.articleCount++;
          entity.lastArticle = article;
        }
        const occurrences = entity.spellings.get(spelling) ?? [];
        occurrences.push({ input: article, document, field, index });
        entity.spellings.set(spelling, occurrences);
      }
    }
    result[kind] = [...byId.values()].map(({ lastArticle: _, ...entity }) => entity);
  }
  return result;
}

/** The name an entity's page shows: the registry name, else the most used spelling (the first on a tie). */
export function displayName(entity: NamedEntity): string {
  if (entity.entry) return entity.entry.name;
  let best = "";
  let bestCount = 0;
  for (const [spelling, occurrences] of entity.spellings) {
    if (occurrences.length > bestCount) {
      best = spelling;
      bestCount = occurrences.length;
    }
  }
  return best;
}

/** Where an occurrence is in its file. */
export function positionOf(input: LintInput, occurrence: Occurrence): Position {
  if (occurrence.field === "dateline") {
    return { line: occurrence.document.keyLines.get("dateline") ?? 1, column: 1 };
  }
  return input.itemPosition(occurrence.document, occurrence.field, occurrence.index);
}

const documentsByFile = new WeakMap<LintInput, Map<string, ParsedDocument>>();

/** The line of a registry file's `name` key. */
export function registryNameLine(input: LintInput, entry: RegistryEntry): number {
  let byFile = documentsByFile.get(input);
  if (!byFile) {
    byFile = new Map(input.registryDocuments.map((d) => [d.file, d]));
    documentsByFile.set(input, byFile);
  }
  return byFile.get(entry.file)?.keyLines.get("name") ?? 1;
}
