import { describe, expect, it } from "vitest";
import { indexEntities } from "../../src/content/entities.ts";
import { nameKey } from "../../src/core/names.ts";
import type { ArticleInput } from "../../src/core/types.ts";

const collator = new Intl.Collator("en", { sensitivity: "base" });

function input(file: string, people: string[], organizations: string[] = []): ArticleInput {
  return {
    file,
    title: file,
    slug: file,
    date: { iso: "2024-01-01", text: "January 1, 2024", epoch: 0 },
    datePath: "2024/01/01",
    draft: false,
    names: { person: people, organization: organizations, place: [] },
    fieldLines: { people: 5, organizations: 7 },
    body: "",
  };
}

describe("nameKey", () => {
  it("ignores letter case and surrounding or repeated spaces", () => {
    expect(nameKey("  jeyhun   BAYRAMOV ")).toBe(nameKey("Jeyhun Bayramov"));
  });
});

describe("indexEntities", () => {
  it("maps each entity to its articles in the given (newest-first) order", () => {
    const articles = [
      input("c", ["Aynur Qasımova"]),
      input("b", ["Leyla Rzayeva"]),
      input("a", ["Aynur Qasımova", "Leyla Rzayeva"]),
    ];
    const { entities, refs, diagnostics } = indexEntities(articles, [], collator);
    expect(diagnostics).toEqual([]);
    expect(entities.person.map((e) => [e.name, e.slug, e.url, e.articleIndexes])).toEqual([
      ["Aynur Qasımova", "aynur-qasimova", "/people/aynur-qasimova/", [0, 2]],
      ["Leyla Rzayeva", "leyla-rzayeva", "/people/leyla-rzayeva/", [1, 2]],
    ]);
    expect(refs[2]?.person.map((r) => r.url)).toEqual(["/people/aynur-qasimova/", "/people/leyla-rzayeva/"]);
  });

  it("merges names that differ only in case or spaces, shown with the most used spelling", () => {
    const articles = [
      input("a", ["caspian ferry authority"]),
      input("b", ["Caspian Ferry Authority"]),
      input("c", ["  Caspian  Ferry Authority "]),
      input("d", ["CASPIAN FERRY AUTHORITY"]),
    ];
    const { entities, refs } = indexEntities(articles, [], collator);
    expect(entities.person).toHaveLength(1);
    expect(entities.person[0]?.name).toBe("Caspian Ferry Authority");
    expect(entities.person[0]?.articleIndexes).toEqual([0, 1, 2, 3]);
    expect(refs[0]?.person[0]?.name).toBe("Caspian Ferry Authority");
  });

  it("lists an entity once per article even when the article names it twice", () => {
    const { entities, refs } = indexEntities([input("a", ["Leyla Rzayeva", "leyla rzayeva"])], [], collator);
    expect(entities.person[0]?.articleIndexes).toEqual([0]);
    expect(refs[0]?.person).toHaveLength(1);
  });

  it("keeps people and organizations apart, sorted A–Z", () => {
    const { entities } = indexEntities(
      [input("a", ["Zaur Zeynalov", "Əli Babayev", "Anar Məmmədov"], ["Zəfər Group"])],
      [],
      collator,
    );
    expect(entities.person.map((e) => e.name)).toEqual(["Anar Məmmədov", "Əli Babayev", "Zaur Zeynalov"]);
    expect(entities.organization.map((e) => e.url)).toEqual(["/organizations/zefer-group/"]);
  });

  it("reports two different names with the same slug where the newer spelling appears", () => {
    const articles = [input("newer.md", ["Rustem Nadirli"]), input("older.md", ["Rüstəm Nadirli"])];
    const { entities, diagnostics } = indexEntities(articles, [], collator);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: "newer.md",
        line: 5,
        field: "people",
        rule: "entity/slug-collision",
        severity: "error",
      }),
    ]);
    expect(diagnostics[0]?.message).toBe(
      '"Rustem Nadirli" and "Rüstəm Nadirli" (older.md) are different names with the same URL /people/rustem-nadirli/',
    );
    expect(entities.person.map((e) => e.name)).toEqual(["Rüstəm Nadirli"]);
  });

  it("reports a name that has nothing to put in a URL", () => {
    const { diagnostics } = indexEntities([input("a.md", [], ["???"])], [], collator);
    expect(diagnostics[0]).toMatchObject({ rule: "entity/empty-slug", line: 7, field: "organizations" });
  });
});
