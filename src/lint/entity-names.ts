import type { ParsedDocument } from "../content/frontmatter.ts";
import type { ContentArticle } from "../content/types.ts";
import { ENTITY_KINDS, type EntityKind, type RegistryEntry } from "../core/types.ts";
import type { LintInput, Position } from "./types.ts";

/** One place where an article names an entity: the `index`-th item of `field`, or its dateline. */
export interface Occurrence {
  article: ContentArticle;
  field: string;
  index: number;
}

/** An entity as the articles and the registry name it, with every spelling and where it occurs. */
export interface NamedEntity {
  kind: EntityKind;
  /** The name its page shows: the registry's, else the most used spelling. */
  name: string;
  entry?: RegistryEntry;
  /** Spellings as written (spaces collapsed), each with its occurrences in articles. */
  spellings: Map<string, Occurrence[]>;
  articleCount: number;
}

const entitiesByInput = new WeakMap<LintInput, Record<EntityKind, NamedEntity[]>>();

/**
 * The entities of the content stage's index, with each occurrence tied to its article, plus the registry
 * entities no article names (their pages would be empty). Computed once for all rules.
 */
export function namedEntities(input: LintInput): Record<EntityKind, NamedEntity[]> {
  const known = entitiesByInput.get(input);
  if (known) return known;
  const result = { person: [], organization: [], place: [] } as Record<EntityKind, NamedEntity[]>;
  for (const kind of ENTITY_KINDS) {
    const indexed = input.index.entities[kind];
    const withEntry = new Set(indexed.flatMap((e) => (e.entry ? [e.entry] : [])));
    result[kind] = indexed.map((entity) => ({
      kind,
      name: entity.name,
      ...(entity.entry ? { entry: entity.entry } : {}),
      articleCount: entity.articleIndexes.length,
      spellings: new Map(
        [...entity.spellings].map(([spelling, occurrences]) => [
          spelling,
          occurrences.flatMap(({ article, field, index }) => {
            const found = input.articles[article];
            return found ? [{ article: found, field, index }] : [];
          }),
        ]),
      ),
    }));
    for (const entry of input.registry) {
      if (entry.kind === kind && !withEntry.has(entry))
        result[kind].push({ kind, name: entry.name, entry, spellings: new Map(), articleCount: 0 });
    }
  }
  entitiesByInput.set(input, result);
  return result;
}

/**
 * Where the `index`-th item of the list under `key` is in a file (block or flow list), from the parser's
 * source ranges; the key's line for a single value.
 */
export function itemPosition(document: ParsedDocument, key: string, index: number): Position {
  return document.positionOf([key, index]) ?? { line: document.keyLines.get(key) ?? 1, column: 1 };
}

/** Where an occurrence is in its file. */
export function positionOf(occurrence: Occurrence): Position {
  const { document } = occurrence.article;
  if (occurrence.field === "dateline") return { line: document.keyLines.get("dateline") ?? 1, column: 1 };
  return itemPosition(document, occurrence.field, occurrence.index);
}

const documentsByFile = new WeakMap<LintInput, Map<string, LintInput["registryDocuments"][number]>>();

/** The line of a registry file's `name` key. */
export function registryNameLine(input: LintInput, entry: RegistryEntry): number {
  let byFile = documentsByFile.get(input);
  if (!byFile) {
    byFile = new Map(input.registryDocuments.map((d) => [d.file, d]));
    documentsByFile.set(input, byFile);
  }
  return byFile.get(entry.file)?.keyLines.get("name") ?? 1;
}
