import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/content.ts";
import { indexEntities } from "../../src/content/entities.ts";
import { datelinePlace } from "../../src/content/validate.ts";
import { nameKey } from "../../src/core/names.ts";
import { slugify } from "../../src/core/slug.ts";
import type { ArticleInput, RegistryEntry } from "../../src/core/types.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";

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

/** An article whose dateline's city is `city`, with the place the content stage derives from it. */
function datelined(file: string, city: string, language: string, places: string[] = []): ArticleInput {
  const article = input(file, []);
  article.dateline = `${city}, Somewhere`;
  article.datelineCity = city;
  article.names.place = [...places, datelinePlace(city, language)];
  article.fieldLines = { dateline: 4, places: 5 };
  return article;
}

function registryPlace(name: string, aliases: string[] = []): RegistryEntry {
  const slug = slugify(name);
  return {
    kind: "place",
    name,
    slug,
    aliases,
    sameAs: [],
    file: `places/${slug}.md`,
    body: "",
    aliasLines: [],
  };
}

describe("indexEntities: datelines in capitals", () => {
  // Each city in capitals, in the language it is written in, and the mixed-case spelling another article uses.
  const CITIES: [language: string, capitals: string, known: string][] = [
    ["az", "SUMQAYIT", "Sumqayıt"],
    ["az", "ŞƏKİ", "Şəki"],
    ["az", "GƏNCƏ", "Gəncə"],
    ["tr", "IĞDIR", "Iğdır"],
    ["tr", "İSTANBUL", "İstanbul"],
    ["tr", "ISPARTA", "Isparta"],
    ["kk", "ҚОСТАНАЙ", "Қостанай"],
    ["ky", "ӨЗГӨН", "Өзгөн"],
    ["ru", "ТВЕРЬ", "Тверь"],
    ["uk", "ЛЬВІВ", "Львів"],
    ["uk", "ЇЖАКІВ", "Їжаків"],
    ["be", "ЎЗДА", "Ўзда"],
    ["sr", "ЋУПРИЈА", "Ћуприја"],
    ["el", "ΑΘΗΝΑ", "Αθήνα"],
    ["el", "ΠΕΙΡΑΙΑΣ", "Πειραιάς"],
    ["hy", "ԵՐԵՎԱՆ", "Երևան"],
  ];

  for (const siteLanguage of ["en", "az", "tr", "ru"]) {
    it.each(CITIES)(
      `on a "${siteLanguage}" site, %s "%s" is the place "%s" another article names`,
      (_, capitals, known) => {
        for (const where of ["places", "dateline", "registry"] as const) {
          const articles = [
            datelined("wire.md", capitals, siteLanguage),
            where === "places"
              ? datelined("desk.md", "Baku", siteLanguage, [known])
              : datelined("desk.md", where === "dateline" ? known : "Baku", siteLanguage),
          ];
          const registry = where === "registry" ? [registryPlace(known)] : [];
          const index = indexEntities(articles, registry, collator, siteLanguage);
          expect(index.diagnostics).toEqual([]);
          const places = index.entities.place.filter((e) => e.name !== "Baku");
          expect(places.map((e) => [e.name, e.articleIndexes])).toEqual([
            [known, where === "registry" ? [0] : [0, 1]],
          ]);
          expect(index.refs[0]?.place.map((r) => r.name)).toEqual([known]);
          expect(index.resolve("place", capitals)?.name).toBe(known);
          expect(index.lookup("place", datelinePlace(capitals, siteLanguage))?.name).toBe(known);
        }
      },
    );
  }

  it("with no known spelling, title-cases the city by the site language's rules", () => {
    const on = (language: string, city: string) =>
      indexEntities([datelined("a.md", city, language)], [], collator, language).entities.place.map(
        (e) => e.name,
      );
    expect(on("en", "SUMQAYIT")).toEqual(["Sumqayit"]);
    expect(on("az", "SUMQAYIT")).toEqual(["Sumqayıt"]);
    expect(on("tr", "ISPARTA")).toEqual(["Isparta"]);
    // A letter only Turkic alphabets have gives Turkic rules on any site.
    expect(on("en", "IĞDIR")).toEqual(["Iğdır"]);
    expect(on("en", "ŞƏKİ")).toEqual(["Şəki"]);
    expect(on("el", "ΑΘΗΝΑ")).toEqual(["Αθηνα"]);
  });

  it("keeps a dateline's city in mixed case as written, and title-cases one in capitals or small letters", () => {
    expect(datelinePlace("McAllen", "en")).toBe("McAllen");
    expect(datelinePlace("Sumqayıt", "en")).toBe("Sumqayıt");
    expect(datelinePlace("NEW  YORK", "en")).toBe("New York");
    expect(datelinePlace("baku", "en")).toBe("Baku");
    expect(datelinePlace("SUMQAYIT", "az")).toBe("Sumqayıt");
  });

  it("prefers the registry's spelling, then the one in most articles", () => {
    const articles = [
      datelined("wire.md", "ISTANBUL", "en"),
      datelined("a.md", "Baku", "en", ["Istanbul"]),
      datelined("b.md", "Baku", "en", ["Istanbul"]),
    ];
    const index = indexEntities(articles, [], collator, "en");
    expect(index.entities.place.find((e) => e.slug === "istanbul")?.articleIndexes).toEqual([0, 1, 2]);
    const withRegistry = indexEntities(articles, [registryPlace("İstanbul", ["Istanbul"])], collator, "en");
    expect(withRegistry.diagnostics).toEqual([]);
    expect(withRegistry.entities.place.find((e) => e.slug === "istanbul")?.name).toBe("İstanbul");
  });

  it("does not make a city in mixed case another spelling: Sumqayit and Sumqayıt still collide", () => {
    const articles = [datelined("new.md", "Sumqayit", "en"), datelined("old.md", "Sumqayıt", "en")];
    const { diagnostics } = indexEntities(articles, [], collator, "en");
    expect(diagnostics.map((d) => [d.file, d.rule])).toEqual([["new.md", "entity/slug-collision"]]);
  });
});

describe("the turkic-capitals fixture site", () => {
  it("builds with one page a place, each shown in its mixed-case spelling", async () => {
    const { site, diagnostics } = await buildSite({
      contentDir: fixtureDir("turkic-capitals"),
      buildTime: BUILD_TIME,
    });
    expect(diagnostics).toEqual([]);
    if (!site) throw new Error("no site");
    const places = Object.fromEntries(site.entities.place.map((e) => [e.url, [e.name, e.articles.length]]));
    expect(places).toMatchObject({
      "/places/sumqayit/": ["Sumqayıt", 2],
      "/places/seki/": ["Şəki", 2],
      "/places/igdir/": ["Iğdır", 2],
      "/places/istanbul/": ["İstanbul", 2],
      "/places/kostanay/": ["Қостанай", 2],
      "/places/tver/": ["Тверь", 2],
      "/places/lviv/": ["Львів", 2],
      "/places/athina/": ["Αθήνα", 2],
      "/places/yerevan/": ["Երևան", 2],
      "/places/gence/": ["Gəncə", 1],
    });
    expect(new Set(site.entities.place.map((e) => e.slug)).size).toBe(site.entities.place.length);
    const wire = site.articles.find((a) => a.url === "/2024/05/20/sumqayit-wire/");
    expect(wire?.datelineParts).toMatchObject({
      city: "SUMQAYIT",
      place: { name: "Sumqayıt", url: "/places/sumqayit/" },
    });
    expect(wire?.places.map((p) => p.name)).toEqual(["Sumqayıt"]);
  });

  it.each(["az", "tr", "ru", "el"])(
    "builds the same places when the site's language is %s",
    async (language) => {
      const settings = JSON.parse(
        readFileSync(path.join(fixtureDir("turkic-capitals"), "site.json"), "utf8"),
      );
      const contentDir = await contentWith("turkic-capitals", {
        "site.json": JSON.stringify({ ...settings, language }),
      });
      // The content stage: its places do not depend on whether the interface has a message file (el has none).
      const { content, diagnostics } = await loadContent({ contentDir, buildTime: BUILD_TIME });
      expect(diagnostics).toEqual([]);
      const names = content?.index.entities.place.map((e) => e.name);
      for (const name of [
        "Sumqayıt",
        "Şəki",
        "Iğdır",
        "İstanbul",
        "Қостанай",
        "Тверь",
        "Львів",
        "Αθήνα",
        "Երևան",
      ])
        expect(names).toContain(name);
      expect(names).toHaveLength(14);
    },
  );
});
