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

/** For one entity, the entities it most often appears with: `[ref, count]`, most frequent first, then A–Z. */
export function seenWith(
  self: EntityRef,
  articleRefs: readonly (readonly EntityRef[])[],
  collator: Intl.Collator,
  limit = 10,
): { ref: EntityRef; count: number }[] {
  const counts = new Map<EntityRef, number>();
  for (const list of articleRefs) {
    for (const ref of list) if (ref !== self) counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return [...counts]
    .map(([ref, count]) => ({ ref, count }))
    .sort(
      (a, b) =>
        b.count - a.count || collator.compare(a.ref.name, b.ref.name) || (a.ref.url < b.ref.url ? -1 : 1),
    )
    .slice(0, limit);
}
