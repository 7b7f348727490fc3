import { describe, expect, it } from "vitest";
import type { EntityRef } from "../../src/core/types.ts";
import { relatedArticles, seenWith } from "../../src/site/related.ts";

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
