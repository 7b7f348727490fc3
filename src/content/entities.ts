import { diagnostic } from "../core/diagnostics.ts";
import { isCapitals, KnownSpellings, nameKey, spellingOf } from "../core/names.ts";
import { slugify } from "../core/slug.ts";
import {
  type ArticleInput,
  type Diagnostic,
  ENTITY_FIELD,
  ENTITY_KINDS,
  type EntityKind,
  type EntityRef,
  type RegistryEntry,
} from "../core/types.ts";
import { entityUrl } from "../core/urls.ts";
import { MAX_SLUG_LENGTH } from "./limits.ts";
import { namesOf } from "./names-of.ts";

/** Where an article names an entity: the `index`-th item of `field`, or the city of its dateline. */
export interface NameOccurrence {
  /** Index into the article list given to `indexEntities`. */
  article: number;
  field: string;
  index: number;
}

export interface IndexedEntity extends EntityRef {
  /** Indexes into the article list given to `indexEntities`, in that list's order. */
  articleIndexes: number[];
  /** The registry file describing the entity, if there is one. */
  entry?: RegistryEntry;
  /** Each spelling the articles use for it, with every place it is written (for `check`). */
  spellings: ReadonlyMap<string, readonly NameOccurrence[]>;
}

export interface EntityIndex {
  entities: Record<EntityKind, IndexedEntity[]>;
  /** For each article (same order as the input), its entities of each kind, deduplicated, in frontmatter order. */
  refs: Record<EntityKind, EntityRef[]>[];
  /** Resolves any name or alias of a kind to its entity. */
  resolve(kind: EntityKind, name: string): EntityRef | undefined;
  /** The indexed entity a name or alias of a kind stands for. */
  lookup(kind: EntityKind, name: string): IndexedEntity | undefined;
  diagnostics: Diagnostic[];
}

interface Group {
  /** `@slug` for a registry entity, the name key otherwise. */
  id: string;
  entry?: RegistryEntry;
  /** Spelling → articles using it (one count an article). */
  spellings: Map<string, number>;
  occurrences: Map<string, NameOccurrence[]>;
  first: { file: string; line: number; spelling: string };
  articleIndexes: number[];
}

export function emptyByKind<T>(make: () => T): Record<EntityKind, T> {
  return { person: make(), organization: make(), place: make() };
}

/** The position of the group's oldest article (articles come newest first). */
function oldest(group: Group): number {
  return group.articleIndexes.at(-1) ?? 0;
}

/** The registry name; else the most used spelling; on a tie, the one seen first (articles come newest first). */
function displayName(group: Group): string {
  if (group.entry) return group.entry.name;
  let best = "";
  let bestCount = 0;
  for (const [spelling, count] of group.spellings) {
    if (count > bestCount) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

/** Maps the key of each registry name and alias of one kind to its entry; the first claim wins. */
export function registryLookup(
  registry: readonly RegistryEntry[],
  kind: EntityKind,
  language?: string,
): Map<string, RegistryEntry> {
  const lookup = new Map<string, RegistryEntry>();
  for (const entry of registry) {
    if (entry.kind !== kind) continue;
    for (const name of [entry.name, ...entry.aliases]) {
      const key = nameKey(name, language);
      if (!lookup.has(key)) lookup.set(key, entry);
    }
  }
  return lookup;
}

/** Weights of known spellings: a registry name beats its aliases, which beat any count of articles. */
const REGISTRY_NAME = 2 ** 40;
const REGISTRY_ALIAS = 2 ** 30;

/**
 * The spellings of one kind that a dateline in capitals may take: registry names and aliases, and the names
 * articles write in mixed case (the dateline cities among them, but not the title case of one in capitals).
 */
function knownSpellings(
  articles: readonly ArticleInput[],
  registry: readonly RegistryEntry[],
  kind: EntityKind,
): KnownSpellings {
  const known = new KnownSpellings();
  for (const entry of registry) {
    if (entry.kind !== kind) continue;
    known.add(entry.name, REGISTRY_NAME);
    for (const alias of entry.aliases) known.add(alias, REGISTRY_ALIAS);
  }
  const counts = new Map<string, number>();
  for (const article of articles) {
    const fromCapitals = article.datelineCity !== undefined && isCapitals(article.datelineCity);
    for (const { name, field } of namesOf(article, kind))
      if (!(field === "dateline" && fromCapitals)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const [name, count] of counts) known.add(name, count);
  return known;
}

/**
 * Each article's names of one kind as the index counts them: spaces collapsed, and a dateline's city written
 * in capitals (`SUMQAYIT, Azerbaijan`) replaced by the known spelling it stands for (`Sumqayıt`); with none
 * known, the title case the content stage gave it (`Sumqayit`, or `Sumqayıt` on an `az` site).
 */
function countedNames(
  articles: readonly ArticleInput[],
  kind: EntityKind,
  known: () => KnownSpellings,
): { name: string; field: string; index: number }[][] {
  return articles.map((article) => {
    const names = namesOf(article, kind);
    for (const named of names) {
      const city = named.field === "dateline" ? article.datelineCity : undefined;
      named.name = (city !== undefined && isCapitals(city) && known().find(city)) || spellingOf(named.name);
    }
    return names;
  });
}

function groupNames(
  articles: readonly ArticleInput[],
  names: readonly { name: string; field: string; index: number }[][],
  lookup: Map<string, RegistryEntry>,
  kind: EntityKind,
  language: string | undefined,
): Group[] {
  const groups = new Map<string, Group>();
  articles.forEach((article, index) => {
    const seenInArticle = new Set<string>();
    for (const { name: spelling, field, index: item } of names[index] ?? []) {
      const entry = lookup.get(nameKey(spelling, language));
      const id = entry ? `@${entry.slug}` : nameKey(spelling, language);
      let group = groups.get(id);
      if (!group) {
        const line = article.fieldLines[ENTITY_FIELD[kind]] ?? article.fieldLines.dateline ?? 1;
        group = {
          id,
          spellings: new Map(),
          occurrences: new Map(),
          first: { file: article.file, line, spelling },
          articleIndexes: [],
        };
        if (entry) group.entry = entry;
        groups.set(id, group);
      }
      const written = group.occurrences.get(spelling);
      const occurrence = { article: index, field, index: item };
      if (written) written.push(occurrence);
      else group.occurrences.set(spelling, [occurrence]);
      if (seenInArticle.has(id)) continue;
      seenInArticle.add(id);
      group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
      group.articleIndexes.push(index);
    }
  });
  return [...groups.values()];
}

/**
 * Builds the index from each person, organization and place to its articles. Names and aliases in the
 * registry resolve to their registry entity. `articles` must already be in display order (newest first);
 * each entity's `articleIndexes` keep that order. Each slug is computed once here. `language` is the site's
 * (`settings.language`): names are compared by `nameKey` in it, so on an `az` or `tr` site `I`/`ı` and
 * `İ`/`i` stay apart; a dateline in capitals takes the known spelling of its city (`knownSpellings`).
 */
export function indexEntities(
  articles: readonly ArticleInput[],
  registry: readonly RegistryEntry[],
  collator: Intl.Collator,
  language?: string,
): EntityIndex {
  const diagnostics: Diagnostic[] = [];
  const refs = articles.map(() => emptyByKind<EntityRef[]>(() => []));
  const entities = emptyByKind<IndexedEntity[]>(() => []);
  const byKey = emptyByKind(() => new Map<string, IndexedEntity>());
  // Built on first need: a dateline in capitals, or a lookup of a name in capitals.
  const knownByKind = emptyByKind<KnownSpellings | undefined>(() => undefined);
  const known = (kind: EntityKind) => {
    knownByKind[kind] ??= knownSpellings(articles, registry, kind);
    return knownByKind[kind];
  };

  for (const kind of ENTITY_KINDS) {
    const field = ENTITY_FIELD[kind];
    const lookup = registryLookup(registry, kind, language);
    const names = countedNames(articles, kind, () => known(kind));
    const bySlug = new Map<string, Group>();
    // Registry entities claim their slugs first, then the oldest names, so a collision is reported where
    // the newer spelling appears.
    const groups = groupNames(articles, names, lookup, kind, language).sort(
      (a, b) => Number(Boolean(b.entry)) - Number(Boolean(a.entry)) || oldest(b) - oldest(a),
    );
    for (const group of groups) {
      const name = displayName(group);
      const slug = group.entry?.slug ?? slugify(name);
      if (slug === "") {
        diagnostics.push(
          diagnostic(
            "error",
            "entity/empty-slug",
            group.first.file,
            group.first.line,
            `the name "${group.first.spelling}" in "${field}" has no letters or digits for a URL`,
            { field },
          ),
        );
        continue;
      }
      if (slug.length > MAX_SLUG_LENGTH) {
        diagnostics.push(
          diagnostic(
            "error",
            "article/name-too-long",
            group.first.file,
            group.first.line,
            `the name "${group.first.spelling.slice(0, 40)}…" in "${field}" gives a URL slug of ${slug.length} characters; expected at most ${MAX_SLUG_LENGTH}`,
            { field, hint: "use the name's short form, and add the long one to the registry as an alias" },
          ),
        );
        continue;
      }
      const other = bySlug.get(slug);
      if (other) {
        const where = other.entry ? other.entry.file : other.first.file;
        diagnostics.push(
          diagnostic(
            "error",
            "entity/slug-collision",
            group.first.file,
            group.first.line,
            `"${group.first.spelling}" and "${displayName(other)}" (${where}) are different names with the same URL ${entityUrl(kind, slug)}`,
            {
              field,
              hint: "if they are the same, spell the name the same way everywhere, or add an alias to the registry",
            },
          ),
        );
        continue;
      }
      bySlug.set(slug, group);
      const entity: IndexedEntity = {
        kind,
        name,
        slug,
        url: entityUrl(kind, slug),
        sameAs: group.entry?.sameAs ?? [],
        articleIndexes: group.articleIndexes,
        spellings: group.occurrences,
      };
      if (group.entry) entity.entry = group.entry;
      for (const spelling of group.spellings.keys()) byKey[kind].set(nameKey(spelling, language), entity);
      entities[kind].push(entity);
    }
    entities[kind].sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));

    articles.forEach((article, index) => {
      const list = refs[index]?.[kind];
      if (!list) return;
      names[index]?.forEach(({ name, field }, item) => {
        const entity = byKey[kind].get(nameKey(name, language));
        if (!entity) return;
        // A dateline's city as the article gives it (`Sumqayit`, title-cased from `SUMQAYIT`) finds it too.
        const given = nameKey(article.names[kind][item] ?? name, language);
        if (field === "dateline" && !byKey[kind].has(given)) byKey[kind].set(given, entity);
        const ref = toRef(entity);
        if (!list.includes(ref)) list.push(ref);
      });
    });
  }
  const find = (kind: EntityKind, name: string): IndexedEntity | undefined => {
    const entity = byKey[kind].get(nameKey(name, language));
    if (entity || !isCapitals(name)) return entity;
    const spelling = known(kind).find(name);
    return spelling === undefined ? undefined : byKey[kind].get(nameKey(spelling, language));
  };
  return {
    entities,
    refs,
    diagnostics,
    resolve: (kind, name) => {
      const entity = find(kind, name);
      return entity ? toRef(entity) : undefined;
    },
    lookup: find,
  };
}

const refCache = new WeakMap<IndexedEntity, EntityRef>();

/** One shared `EntityRef` per entity, so thousands of articles naming it hold one small object. */
export function toRef(entity: IndexedEntity): EntityRef {
  let ref = refCache.get(entity);
  if (!ref) {
    ref = { kind: entity.kind, name: entity.name, slug: entity.slug, url: entity.url, sameAs: entity.sameAs };
    refCache.set(entity, ref);
  }
  return ref;
}
