import nunjucks from "nunjucks";
import { describe, expect, it } from "vitest";
import { directLink } from "../../src/render/renderer.ts";

const article = { data: "site.articles", size: 1, alias: "article" };
const render = (permalink: string, item: unknown) =>
  new nunjucks.Template(permalink, new nunjucks.Environment([], { autoescape: true }), "permalink").render({
    article: item,
  });

describe("a permalink read without Nunjucks", () => {
  it("gives what Nunjucks prints for `{{ alias.field }}`", () => {
    const direct = directLink("{{ article.url }}", article);
    for (const url of ["/2024/03/12/ferry-update-12/", "/people/bəhman-çindanzadə/", "/ru/новости/"])
      expect(direct?.({ url })).toBe(render("{{ article.url }}", { url }));
    expect(directLink(" {{article.url}} ", article)?.({ url: "/a/" })).toBe("/a/");
  });

  it("leaves to Nunjucks what it could print otherwise", () => {
    const direct = directLink("{{ article.url }}", article);
    expect(direct?.({ url: "/a&b/" })).toBeUndefined();
    expect(render("{{ article.url }}", { url: "/a&b/" })).toBe("/a&amp;b/");
    expect(direct?.({ url: 5 })).toBeUndefined();
    expect(direct?.({})).toBeUndefined();
    expect(directLink("{{ article.url | lower }}", article)).toBeUndefined();
    expect(directLink("/{{ article.url }}", article)).toBeUndefined();
    expect(directLink("{{ listing.url }}", article)).toBeUndefined();
    expect(directLink("{{ article.url }}", { ...article, size: 20 })).toBeUndefined();
  });
});
