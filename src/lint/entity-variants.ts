import { createHash } from "node:crypto";
import { distance } from "fastest-levenshtein";
import { diagnostic } from "../core/diagnostics.ts";
import { nameKey, variantKey } from "../core/names.ts";
import { type Diagnostic, ENTITY_FIELD, ENTITY_KINDS, type EntityKind } from "../core/types.ts";
import {
  type NamedEntity,
  namedEntities,
  type Occurrence,
  positionOf,
  registryNameLine,
} from "./entity-names.ts";
import type { LintInput } from "./types.ts";

/**
 * `entity/probable-variant`: a name that is probably another spelling of a known entity.
 *
 * - Letter case: `jeyhun BAYRAMOV` beside `Jeyhun Bayramov` (one entity, two spellings on its pages).
 * - One or two letters (after folding diacritics): `Jeyhun Bayramow` beside `Jeyhun Bayramov`.
 *
 * Names that differ only in diacritics (`Bayramöv`) give the same slug, which the build already reports as
 * the error `entity/slug-collision`, so they are not repeated here.
 *
 * To scale to tens of thousands of names, names are compared only within buckets: each name is filed under
 * each of its words of four letters or more and every one-letter deletion of them, so two names one or two
 * edits apart share a bucket (a word left intact, or the same deletion of both edited words).
 */
export function probableVariants(input: LintInput): Diagnostic[] {
  if (!input.memo) return variants(input);
  // Over the whole archive, so kept (with the content cache) only while no article or registry file changed.
  const key = createHash("sha1");
  for (const { input: article, status } of input.articles)
    key.update(`${article.file}\0${article.sourceHash ?? ""}\0${status}\n`);
  key.update(JSON.stringify(input.registry));
  key.update(JSON.stringify(input.registryDocuments.map((d) => [d.file, [...d.keyLines]])));
  return input.memo("", "entity/probable-variant", key.digest("hex"), () => variants(input));
}

function variants(input: LintInput): Diagnostic[] {
  const entities = namedEntities(input);
  const diagnostics: Diagnostic[] = [];
  for (const kind of ENTITY_KINDS) {
    diagnostics.push(...caseVariants(entities[kind]));
    diagnostics.push(...nearVariants(input, kind, entities[kind]));
  }
  return diagnostics;
}

/** Spellings of one entity that differ from its usual spelling only in letter case. */
function caseVariants(entities: readonly NamedEntity[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const entity of entities) {
    if (entity.spellings.size < 2 && !entity.entry) continue;
    const usual = entity.name;
    const canonical = new Map<string, string>();
    if (entity.entry) {
      for (const name of [entity.entry.name, ...entity.entry.aliases]) {
        const spelling = name.replace(/\s+/g, " ").trim();
        if (!canonical.has(nameKey(spelling))) canonical.set(nameKey(spelling), spelling);
      }
    } else canonical.set(nameKey(usual), usual);
    for (const [spelling, occurrences] of entity.spellings) {
      const expected = canonical.get(nameKey(spelling));
      if (expected === undefined || expected === spelling) continue;
      const source = entity.entry
        ? `the spelling in ${entity.entry.file}`
        : `the spelling in ${entity.spellings.get(expected)?.length ?? 0} other articles`;
      for (const occurrence of occurrences) {
        diagnostics.push(
          at(
            occurrence,
            `"${spelling}" differs from "${expected}" only in letter case; expected "${expected}" (${source})`,
          ),
        );
      }
    }
  }
  return diagnostics;
}

function at(occurrence: Occurrence, message: string, hint?: string): Diagnostic {
  const { line, column } = positionOf(occurrence);
  return diagnostic("warning", "entity/probable-variant", occurrence.article.input.file, line, message, {
    column,
    field: occurrence.field,
    ...(hint ? { hint } : {}),
  });
}

/** How many edits apart two names may be to count as variants, by the length of the shorter one. */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  return length < 10 ? 1 : 2;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** The buckets a name is filed under: see `probableVariants`. */
export function bucketKeys(key: string): string[] {
  const words = key.split(" ").filter((w) => w.length >= 4);
  const keys = new Set<string>();
  for (const word of words) {
    keys.add(word);
    for (const d of deletions(word)) keys.add(d);
  }
  const compact = key.replace(/ /g, "");
  keys.add(`=${compact}`);
  if (words.length <= 1) {
    // One long word: two edits in it leave no word intact, so file it under two-letter deletions too.
    for (const d of deletions(compact)) {
      keys.add(`=${d}`);
      if (compact.length >= 10) for (const dd of deletions(d)) keys.add(`=${dd}`);
    }
  }
  return [...keys];
}

/** Buckets larger than this hold a word too common to tell names apart (`ministry`); they are skipped. */
const MAX_BUCKET = 400;

interface Candidate {
  entity: NamedEntity;
  key: string;
  spelling: string;
}

/** Pairs of different entities whose names are one or two letters apart. */
export function findNearPairs<T extends { key: string }>(
  items: readonly T[],
  sameOwner: (a: T, b: T) => boolean,
  stats: { comparisons: number } = { comparisons: 0 },
): { a: T; b: T; edits: number }[] {
  const buckets = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const k of bucketKeys(item.key)) {
      const bucket = buckets.get(k);
      if (bucket) bucket.push(i);
      else buckets.set(k, [i]);
    }
  });
  const seen = new Set<string>();
  const pairs: { a: T; b: T; edits: number }[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length < 2 || bucket.length > MAX_BUCKET) continue;
    for (let x = 0; x < bucket.length; x++) {
      const i = bucket[x] ?? 0;
      const a = items[i];
      if (!a) continue;
      for (let y = x + 1; y < bucket.length; y++) {
        const j = bucket[y] ?? 0;
        const b = items[j];
        if (!b || a.key === b.key || sameOwner(a, b)) continue;
        const allowed = allowedEdits(Math.min(a.key.length, b.key.length));
        if (Math.abs(a.key.length - b.key.length) > allowed) continue;
        const pairId = i < j ? `${i},${j}` : `${j},${i}`;
        if (seen.has(pairId)) continue;
        seen.add(pairId);
        stats.comparisons++;
        const edits = distance(a.key, b.key);
        if (edits >= 1 && edits <= allowed) pairs.push({ a, b, edits });
      }
    }
  }
  return pairs;
}

/** Which of two entities is the known one: the registry's, else the one in more articles, else the first A–Z. */
function isKnowner(a: NamedEntity, b: NamedEntity): boolean {
  if (Boolean(a.entry) !== Boolean(b.entry)) return Boolean(a.entry);
  if (a.articleCount !== b.articleCount) return a.articleCount > b.articleCount;
  return a.name < b.name;
}

function nearVariants(input: LintInput, kind: EntityKind, entities: readonly NamedEntity[]): Diagnostic[] {
  const items: Candidate[] = [];
  for (const entity of entities) {
    const names = new Set(entity.spellings.keys());
    if (entity.entry) for (const n of [entity.entry.name, ...entity.entry.aliases]) names.add(n);
    const keys = new Set<string>();
    for (const spelling of names) {
      const key = variantKey(spelling);
      if (key === "" || keys.has(key)) continue;
      keys.add(key);
      items.push({ entity, key, spelling });
    }
  }
  // For each probable variant, the known entity it is closest to.
  const best = new Map<NamedEntity, { known: NamedEntity; edits: number; spelling: string }>();
  for (const { a, b, edits } of findNearPairs(items, (x, y) => x.entity === y.entity)) {
    const [known, variant] = isKnowner(a.entity, b.entity) ? [a, b] : [b, a];
    const current = best.get(variant.entity);
    if (
      !current ||
      edits < current.edits ||
      (edits === current.edits && isKnowner(known.entity, current.known))
    ) {
      best.set(variant.entity, { known: known.entity, edits, spelling: variant.spelling });
    }
  }

  const field = ENTITY_FIELD[kind];
  const diagnostics: Diagnostic[] = [];
  for (const [variant, { known, edits }] of best) {
    const knownName = known.name;
    const where = known.entry
      ? `in the registry, ${known.entry.file}`
      : `in ${known.articleCount} article${known.articleCount === 1 ? "" : "s"}`;
    const apart = edits === 1 ? "one letter" : "two letters";
    const hint = known.entry
      ? `if it is the same ${kind}, write "${knownName}" or add this spelling to "aliases" in ${known.entry.file}`
      : `if it is the same ${kind}, write "${knownName}" everywhere; if not, ignore this warning`;
    if (variant.entry) {
      diagnostics.push(
        diagnostic(
          "warning",
          "entity/probable-variant",
          variant.entry.file,
          registryNameLine(input, variant.entry),
          `"${variant.entry.name}" is ${apart} away from "${knownName}" (${where}); expected one registry file per ${kind}`,
          {
            field: "name",
            hint: `if it is the same ${kind}, merge the two files and keep this spelling as an alias`,
          },
        ),
      );
      continue;
    }
    for (const [spelling, occurrences] of variant.spellings) {
      for (const occurrence of occurrences) {
        diagnostics.push(
          at(
            occurrence,
            `"${spelling}" in "${occurrence.field === "dateline" ? "dateline" : field}" is probably a variant of "${knownName}" (${apart} apart; ${where}); expected one spelling per ${kind}`,
            hint,
          ),
        );
      }
    }
  }
  return diagnostics;
}
