import { describe, expect, it } from "vitest";
import { MAX_SEEN_WITH } from "../../src/content/limits.ts";
import type { EntityRef } from "../../src/core/types.ts";
import { LONG_LIST, nameOrder, relatedArticles, seenWith } from "../../src/site/related.ts";

const ref = (name: string): EntityRef => ({
  kind: "person",
  name,
  slug: name,
  url: `/people/${name}/`,
  sameAs: [],
});
const [a, b, c, d] = [ref("a"), ref("b"), ref("c"), ref("d")];

describe("relatedArticles", () => {
  it("ranks by shared entities, then newer (lower index) first, and never lists the article itself", () => {
    // Articles are newest first: index 0 is the newest.
    const refs = [[a, b, c], [a], [a, b], [d], [a, b, c], [b]];
    const related = relatedArticles(refs);
    expect(related[0]).toEqual([4, 2, 1, 5]);
    expect(related[3]).toEqual([]);
    expect(related[5]).toEqual([0, 2, 4]);
  });

  it("keeps at most the limit", () => {
    const refs = Array.from({ length: 9 }, () => [a]);
    expect(relatedArticles(refs, 5)[4]).toEqual([0, 1, 2, 3, 5]);
  });
});

describe("relatedArticles in a very large entity", () => {
  it("counts only the articles nearest in time through an entity named in more than the neighbourhood", () => {
    // 10 articles all naming `a`; with a neighbourhood of 4, article 5 sees articles 3, 4, 6 (and itself).
    const refs = Array.from({ length: 10 }, () => [a]);
    expect(relatedArticles(refs, 5, 4)[5]).toEqual([3, 4, 6]);
    expect(relatedArticles(refs, 5, 4)[0]).toEqual([1, 2, 3]);
    expect(relatedArticles(refs, 5, 4)[9]).toEqual([6, 7, 8]);
  });

  it("still prefers articles sharing more entities within the neighbourhood", () => {
    const refs = Array.from({ length: 10 }, (_, i) => (i === 4 || i === 6 ? [a, b] : [a]));
    expect(relatedArticles(refs, 2, 4)[6]?.[0]).toBe(4);
  });
});

describe("seenWith", () => {
  it("counts co-mentions, most frequent first, then A–Z", () => {
    const collator = new Intl.Collator("en");
    expect(
      seenWith(
        a,
        [
          [a, c, b],
          [a, c],
          [a, d],
        ],
        collator,
      ).map((s) => [s.ref.name, s.count]),
    ).toEqual([
      ["c", 2],
      ["b", 1],
      ["d", 1],
    ]);
  });
});

/** Every entity's articles' lists, as assemble.ts passes them: the same arrays for every entity. */
function postingsOf(lists: EntityRef[][]): Map<EntityRef, EntityRef[][]> {
  const postings = new Map<EntityRef, EntityRef[][]>();
  for (const list of lists) for (const r of list) postings.set(r, [...(postings.get(r) ?? []), list]);
  return postings;
}

/** The definition, by brute force: count every co-mention, sort all, keep the first. */
function seenWithByHand(self: EntityRef, lists: EntityRef[][], collator: Intl.Collator, limit: number) {
  const counts = new Map<EntityRef, number>();
  for (const list of lists) for (const r of list) if (r !== self) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts]
    .map(([r, count]) => ({ ref: r, count }))
    .sort(
      (x, y) =>
        y.count - x.count || collator.compare(x.ref.name, y.ref.name) || (x.ref.url < y.ref.url ? -1 : 1),
    )
    .slice(0, limit);
}

describe("seenWith at scale", () => {
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

  it("agrees with counting every pair and sorting, for lists within the limits", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const people = Array.from({ length: 60 }, (_, i) => ref(`p${i}`));
    const lists = Array.from({ length: 200 }, () => [
      ...new Set(
        Array.from(
          { length: 1 + Math.floor(random() * 8) },
          () => people[Math.floor(random() * 60)] as EntityRef,
        ),
      ),
    ]);
    const postings = postingsOf(lists);
    for (const person of people) {
      const mine = postings.get(person) ?? [];
      expect(seenWith(person, mine, collator)).toEqual(seenWithByHand(person, mine, collator, MAX_SEEN_WITH));
    }
  });

  it("gives the same companions in the same order with the A–Z ranks made once (nameOrder)", () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // Names the collator holds equal (case, accents at base sensitivity), numbers in names, one name twice.
    const spellings = [
      "Əli",
      "Eli",
      "eli",
      "Élan",
      "elan",
      "p2",
      "p10",
      "P1",
      "Zəfər",
      "zafar",
      "Bay",
      "bay",
    ];
    const people = spellings.map((name, i) => ({ ...ref(name), url: `/people/x${i}/` }));
    const lists = Array.from({ length: 150 }, () => [
      ...new Set(
        Array.from(
          { length: 1 + Math.floor(random() * 6) },
          () => people[Math.floor(random() * people.length)] as EntityRef,
        ),
      ),
    ]);
    const order = nameOrder(people, collator);
    expect(order.size).toBe(people.length);
    const postings = postingsOf(lists);
    for (const person of people) {
      const mine = postings.get(person) ?? [];
      const ranked = seenWith(person, mine, collator, MAX_SEEN_WITH, order);
      expect(ranked).toEqual(seenWith(person, mine, collator));
      expect(ranked).toEqual(seenWithByHand(person, mine, collator, MAX_SEEN_WITH));
    }
  });

  it("keeps at most MAX_SEEN_WITH, whatever the limit asked", () => {
    const many = Array.from({ length: 40 }, (_, i) => ref(`q${i}`));
    expect(seenWith(a, [[a, ...many]], new Intl.Collator("en"), 25)).toHaveLength(MAX_SEEN_WITH);
  });

  it("bounds the work of an article naming 5,000 people among 300 articles", () => {
    const names = Array.from({ length: 5000 }, (_, i) => ref(`Person ${String(i).padStart(4, "0")}`));
    const big = [...names].reverse();
    const small = Array.from({ length: 300 }, (_, i) => [
      names[7 * i] as EntityRef,
      names[7 * i + 1] as EntityRef,
      names[4999] as EntityRef,
    ]);
    const postings = postingsOf([big, ...small]);
    // Name comparisons measure the work: counting every pair and sorting would take some 300 million.
    let comparisons = 0;
    const counting = {
      compare: (x: string, y: string) => {
        comparisons++;
        return collator.compare(x, y);
      },
    } as Intl.Collator;
    const results = names.map((person) => seenWith(person, postings.get(person) ?? [], counting));
    expect(comparisons).toBeLessThan(100 * names.length);
    const named = (i: number) => results[i]?.map((s) => [s.ref.name, s.count]);
    expect(results.every((r) => r.length === MAX_SEEN_WITH)).toBe(true);
    // Named only in the long article: the first ten A–Z, once each.
    expect(named(4000)).toEqual(Array.from({ length: 10 }, (_, i) => [`Person 000${i}`, 1]));
    // Person 4999 is in every short article too: its companions there come first (twice each), A–Z.
    expect(named(4999)?.slice(0, 4)).toEqual([
      ["Person 0000", 2],
      ["Person 0001", 2],
      ["Person 0007", 2],
      ["Person 0008", 2],
    ]);
    // Person 0014 shares a short article with 0015 and 4999 (counted twice, though 4999 sorts last).
    expect(named(14)?.slice(0, 3)).toEqual([
      ["Person 0015", 2],
      ["Person 4999", 2],
      ["Person 0000", 1],
    ]);
    expect(LONG_LIST).toBeLessThan(5000);
  }, 60_000);
});
