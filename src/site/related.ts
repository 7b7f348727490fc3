import { MAX_NAMES_PER_LIST, MAX_SEEN_WITH } from "../content/limits.ts";
import type { EntityRef } from "../core/types.ts";

/**
 * How many of an entity's articles, the nearest in time, count toward relatedness. Without a bound, an
 * entity named in thousands of articles would make the work grow with the square of its article count.
 */
export const NEIGHBOURHOOD = 100;

/**
 * For every article, the indexes of up to `limit` other articles that share the most entities with it,
 * newer first on ties. `refs[i]` are article i's entities; articles are in newest-first order, so a
 * smaller index is newer. Uses the inverted index (entity → articles) and one reusable counter array,
 * so the cost follows the number of shared mentions, not the number of article pairs; through an entity
 * with more than `neighbourhood` articles, only the `neighbourhood` nearest in time count.
 */
export function relatedArticles(
  refs: readonly EntityRef[][],
  limit = 5,
  neighbourhood = NEIGHBOURHOOD,
): number[][] {
  const postings = new Map<EntityRef, number[]>();
  refs.forEach((list, i) => {
    for (const ref of list) {
      const ids = postings.get(ref);
      if (ids) ids.push(i);
      else postings.set(ref, [i]);
    }
  });
  const counts = new Int32Array(refs.length);
  const touched: number[] = [];
  // Where each article stands in each of its entities' lists: articles are visited in list order.
  const cursor = new Map<EntityRef, number>();
  const half = Math.floor(neighbourhood / 2);
  return refs.map((list, self) => {
    for (const ref of list) {
      const ids = postings.get(ref) ?? [];
      const position = cursor.get(ref) ?? 0;
      cursor.set(ref, position + 1);
      let from = 0;
      let to = ids.length;
      if (ids.length > neighbourhood) {
        from = Math.max(0, Math.min(position - half, ids.length - neighbourhood));
        to = from + neighbourhood;
      }
      for (let k = from; k < to; k++) {
        const other = ids[k] as number;
        if (other === self) continue;
        if (counts[other] === 0) touched.push(other);
        counts[other] = (counts[other] ?? 0) + 1;
      }
    }
    const best = topByCount(touched, counts, limit);
    for (const i of touched) counts[i] = 0;
    touched.length = 0;
    return best;
  });
}

/** The `limit` candidates with the highest count; on equal counts the smaller (newer) index first. */
function topByCount(candidates: readonly number[], counts: Int32Array, limit: number): number[] {
  const top: number[] = [];
  const better = (a: number, b: number) => (counts[a] ?? 0) - (counts[b] ?? 0) || b - a;
  for (const c of candidates) {
    if (top.length === limit && better(c, top[limit - 1] ?? 0) <= 0) continue;
    let pos = top.length < limit ? top.length : limit - 1;
    top[pos] = c;
    while (pos > 0 && better(top[pos] ?? 0, top[pos - 1] ?? 0) > 0) {
      const tmp = top[pos - 1] ?? 0;
      top[pos - 1] = top[pos] ?? 0;
      top[pos] = tmp;
      pos--;
    }
  }
  return top;
}

/**
 * An article list longer than this (possible only past the names-per-list limit) is a long list: instead
 * of counting every pair in it, which costs the square of its length, an entity named there finds its most
 * frequent companions among the counted ones and the first names of the list A–Z (sorted once).
 */
export const LONG_LIST = 3 * MAX_NAMES_PER_LIST;

interface LongList {
  collator: Intl.Collator;
  /** A–Z, then by URL. */
  sorted: readonly EntityRef[];
  members: ReadonlySet<EntityRef>;
}

const longLists = new WeakMap<readonly EntityRef[], LongList>();

function byName(collator: Intl.Collator) {
  return (a: EntityRef, b: EntityRef) =>
    collator.compare(a.name, b.name) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

function longListOf(list: readonly EntityRef[], collator: Intl.Collator): LongList {
  const cached = longLists.get(list);
  if (cached?.collator === collator) return cached;
  const made = { collator, sorted: [...list].sort(byName(collator)), members: new Set(list) };
  longLists.set(list, made);
  return made;
}

interface Seen {
  ref: EntityRef;
  count: number;
}

/**
 * The A–Z order of `refs` (by the collator, then URL) as a rank each, equal names and URLs equal ranks: for
 * `seenWith`, which would otherwise ask the collator again for every companion of every entity.
 */
export function nameOrder(refs: readonly EntityRef[], collator: Intl.Collator): Map<EntityRef, number> {
  const compare = byName(collator);
  const sorted = [...new Set(refs)].sort(compare);
  const order = new Map<EntityRef, number>();
  let rank = 0;
  sorted.forEach((ref, i) => {
    const previous = sorted[i - 1];
    if (previous && compare(previous, ref) !== 0) rank = i;
    order.set(ref, rank);
  });
  return order;
}

/** The `keep` best of some counts, most frequent first, then A–Z: one pass, without sorting them all. */
function best(
  counts: ReadonlyMap<EntityRef, number>,
  keep: number,
  collator: Intl.Collator,
  order?: ReadonlyMap<EntityRef, number>,
): Seen[] {
  const byCollator = byName(collator);
  const name = order
    ? (a: EntityRef, b: EntityRef) => {
        const x = order.get(a);
        const y = order.get(b);
        return x !== undefined && y !== undefined ? x - y : byCollator(a, b);
      }
    : byCollator;
  const before = (a: Seen, b: Seen) => b.count - a.count || name(a.ref, b.ref);
  const top: Seen[] = [];
  if (keep <= 0) return top;
  for (const [ref, count] of counts) {
    const candidate = { ref, count };
    const worst = top[keep - 1];
    if (worst && before(candidate, worst) >= 0) continue;
    let pos = Math.min(top.length, keep - 1);
    while (pos > 0 && before(candidate, top[pos - 1] as Seen) < 0) {
      top[pos] = top[pos - 1] as Seen;
      pos--;
    }
    top[pos] = candidate;
  }
  return top;
}

/**
 * For one entity, the entities it most often appears with: `[ref, count]`, most frequent first, then A–Z,
 * at most `MAX_SEEN_WITH`. `articleRefs` are the entity lists of its articles (the same arrays for every
 * entity, so that a long list is sorted once). Pairs are counted in lists of up to `LONG_LIST` entities;
 * a long list adds one to the companions counted elsewhere that it names, and offers its first names A–Z.
 * The result is exact unless two long lists name the same two entities; the work per article is bounded
 * whatever its length.
 */
export function seenWith(
  self: EntityRef,
  articleRefs: readonly (readonly EntityRef[])[],
  collator: Intl.Collator,
  limit = MAX_SEEN_WITH,
  /** The A–Z order of the refs (`nameOrder`), made once for every entity's call; the collator otherwise. */
  order?: ReadonlyMap<EntityRef, number>,
): Seen[] {
  const keep = Math.min(limit, MAX_SEEN_WITH);
  const counts = new Map<EntityRef, number>();
  const long: LongList[] = [];
  for (const list of articleRefs) {
    if (list.length > LONG_LIST) long.push(longListOf(list, collator));
    else for (const ref of list) if (ref !== self) counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  if (long.length > 0) {
    const inLong = (ref: EntityRef) => long.filter((l) => l.members.has(ref)).length;
    for (const [ref, count] of counts) counts.set(ref, count + inLong(ref));
    for (const list of long) {
      let offered = 0;
      for (const ref of list.sorted) {
        if (offered === keep) break;
        if (ref === self || counts.has(ref)) continue;
        counts.set(ref, inLong(ref));
        offered++;
      }
    }
  }
  return best(counts, keep, collator, order);
}
