import { describe, expect, it } from "vitest";
import type { Article } from "../../src/core/types.ts";
import { languagesOf } from "../../src/site/languages.ts";
import { pageLinks, paginate } from "../../src/site/paginate.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

const [language] = languagesOf(TEST_SETTINGS, (_, key) => key);
if (!language) throw new Error("no language");
const lang = { lang: language };
const articles = Array.from({ length: 45 }, (_, i) => ({ url: `/a/${i}/` }) as Article);

describe("paginate", () => {
  it("splits a listing into pages of 20 with page URLs from page 2 on", () => {
    const pages = paginate("/people/aynur-qasimova/", articles, 20, "Aynur Qasımova", lang);
    expect(pages.map((p) => [p.url, p.pageNumber, p.items.length])).toEqual([
      ["/people/aynur-qasimova/", 1, 20],
      ["/people/aynur-qasimova/page/2/", 2, 20],
      ["/people/aynur-qasimova/page/3/", 3, 5],
    ]);
    expect(pages[1]?.items[0]?.url).toBe("/a/20/");
    expect(pages[1]).toMatchObject({
      previousUrl: "/people/aynur-qasimova/",
      nextUrl: "/people/aynur-qasimova/page/3/",
      totalPages: 3,
      totalItems: 45,
      title: "Aynur Qasımova, page 2",
    });
    expect(pages[0]?.title).toBe("Aynur Qasımova");
    expect(pages[0]?.previousUrl).toBeUndefined();
    expect(pages[2]?.nextUrl).toBeUndefined();
    expect(pages[0]?.pageLinks).toEqual([
      { number: 1, url: "/people/aynur-qasimova/", current: true },
      { number: 2, url: "/people/aynur-qasimova/page/2/", current: false },
      { number: 3, url: "/people/aynur-qasimova/page/3/", current: false },
    ]);
  });

  it("gives an empty listing one empty page", () => {
    expect(
      paginate("/", [], 20, "Latest news", lang).map((p) => [p.url, p.items.length, p.totalPages]),
    ).toEqual([["/", 0, 1]]);
  });

  it("makes exactly one page for exactly 20 items", () => {
    expect(paginate("/", articles.slice(0, 20), 20, "Latest news", lang)).toHaveLength(1);
  });
});

describe("pageLinks", () => {
  const numbers = (current: number, total: number) =>
    pageLinks("/", current, total).map((l) => (l.gap ? "…" : l.current ? `[${l.number}]` : String(l.number)));

  it("links the first, last and nearby pages, with gaps, whatever the length", () => {
    expect(numbers(1, 1000)).toEqual(["[1]", "2", "3", "…", "1000"]);
    expect(numbers(500, 1000)).toEqual(["1", "…", "498", "499", "[500]", "501", "502", "…", "1000"]);
    expect(numbers(999, 1000)).toEqual(["1", "…", "997", "998", "[999]", "1000"]);
    expect(numbers(4, 7)).toEqual(["1", "2", "3", "[4]", "5", "6", "7"]);
  });

  it("builds page URLs from the listing's base", () => {
    expect(pageLinks("/places/baku/", 2, 3)[1]).toEqual({
      number: 2,
      url: "/places/baku/page/2/",
      current: true,
    });
  });
});
