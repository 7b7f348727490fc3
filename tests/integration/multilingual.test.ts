import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { type Content, loadContent } from "../../src/content/content.ts";
import type { Site } from "../../src/core/types.ts";
import { pageHashes } from "../../src/publish/incremental.ts";
import { searchRecord } from "../../src/render/search.ts";
import { sitemapFiles, sitemapXml } from "../../src/render/sitemaps.ts";
import { loadMessages } from "../../src/site/messages.ts";
import { buildSite, siteFrom } from "../../src/site/site.ts";
import { BUILD_TIME, buildFixture, buildInto, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";

const BASE = "https://courier.example.test";
const EN = "/2024/05/02/ferry-route-opens/";
const RU = "/ru/2024/05/02/paromnaya-liniya-otkryta/";
const AZ = "/az/2024/05/02/bere-xetti-acildi/";

/** The `<link rel="alternate" hreflang>` pairs of a page's head. */
function hreflangs(html: string): [string, string][] {
  return [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [
    m[1] ?? "",
    m[2] ?? "",
  ]);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["url", "xhtml:link"].includes(name),
});

describe("a site in English, Russian and Azerbaijani", () => {
  let outDir: string;
  const page = (url: string) => readFile(path.join(outDir, url, "index.html"), "utf8");

  beforeAll(async () => {
    const result = await buildFixture("multilingual");
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    outDir = result.outDir;
  });

  it("keeps the default language at the root and each other language under /<lang>/", async () => {
    expect(await page(EN)).toContain('<html lang="en">');
    expect(await page(RU)).toContain('<html lang="ru">');
    expect(await page(AZ)).toContain('<html lang="az">');
    for (const url of [
      "/ru/",
      "/az/",
      "/ru/people/",
      "/ru/2024/05/",
      "/az/2024/",
      "/ru/search/",
      "/az/search/",
    ])
      expect(await page(url)).toContain("<html lang=");
  });

  it("writes the interface in the page's language, with its dates", async () => {
    const ru = await page(RU);
    expect(ru).toContain("Люди в этом материале");
    expect(ru).toContain("2 мая 2024 г.");
    expect(ru).toContain("Перейти к содержанию");
    expect(ru).not.toContain("People in this story");
    const az = await page(AZ);
    expect(az).toContain("Bu xəbərdəki şəxslər");
    expect(az).toContain("2 may 2024");
    expect(await page("/ru/places/")).toContain("(2 статьи)");
    expect(await page("/")).toContain("Latest news");
    expect(await page("/page/2/")).toContain('Latest news<span class="page-number">, page 2</span>');
  });

  it("links each translation to all the others and itself, with x-default for the default language", async () => {
    const expected = [
      ["en", `${BASE}${EN}`],
      ["ru", `${BASE}${RU}`],
      ["az", `${BASE}${AZ}`],
      ["x-default", `${BASE}${EN}`],
    ];
    for (const url of [EN, RU, AZ]) expect(hreflangs(await page(url))).toEqual(expected);
    expect(hreflangs(await page("/2024/05/20/fish-market/"))).toEqual([]);
  });

  it("offers a language switcher of real links labelled in each language's own name", async () => {
    const ru = await page(RU);
    const switcher = /<nav class="translations"[^>]*>([\s\S]*?)<\/nav>/.exec(ru)?.[1] ?? "";
    expect(
      [...switcher.matchAll(/<a href="([^"]+)" hreflang="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [
        m[1],
        m[3],
      ]),
    ).toEqual([
      [EN, "English"],
      [RU, "Русский"],
      [AZ, "Azərbaycan"],
    ]);
    expect(switcher).toContain('aria-current="page"');
    const festival = /<nav class="translations"[\s\S]*?<\/nav>/.exec(
      await page("/2024/05/10/harbour-festival/"),
    )?.[0];
    expect(festival).toContain('href="/az/2024/05/10/liman-festivali/" hreflang="az"');
    expect(festival).not.toContain('hreflang="ru"');
  });

  it("joins entity names in both scripts through the registry, with a page per language that has articles", async () => {
    const ru = await page("/ru/people/elvin-tagizade/");
    expect(ru).toContain(`href="${RU}"`);
    // Named as the language's articles spell the entity; the default language keeps the registry's name.
    expect(ru).toContain("<h1>Эльвин Тагизаде</h1>");
    expect(await page(RU)).toContain(">Эльвин Тагизаде</a>");
    expect(await page("/az/people/elvin-tagizade/")).toContain("<h1>Elvin Tağızadə</h1>");
    expect(await page("/people/elvin-tagizade/")).toContain("<h1>Elvin Tağızadə</h1>");
    expect(ru).not.toContain(`href="${EN}"`);
    expect(await page(RU)).toContain('href="/ru/people/elvin-tagizade/"');
    const en = await page("/people/elvin-tagizade/");
    expect(en).toContain('href="/2024/05/20/fish-market/"');
    expect(en).not.toContain(`href="${RU}"`);
    // Russian articles name no one who is only in English or Azerbaijani articles.
    await expect(page("/ru/organizations/kura-ferry-company/")).resolves.toContain(`href="${RU}"`);
    await expect(readFile(path.join(outDir, "ru/2024/05/10/index.html"))).rejects.toThrow();
  });

  it("gives every language its feeds, in its language", async () => {
    const feed = JSON.parse(await readFile(path.join(outDir, "ru/feed.json"), "utf8")) as {
      language: string;
      items: { url: string }[];
    };
    expect(feed.language).toBe("ru");
    expect(feed.items.map((i) => i.url)).toEqual([`${BASE}/ru/2024/05/15/remont-prichala/`, `${BASE}${RU}`]);
    const entity = JSON.parse(
      await readFile(path.join(outDir, "az/people/elvin-tagizade/feed.json"), "utf8"),
    );
    expect(entity.language).toBe("az");
    expect(entity.description).toBe("An invented ferry captain used in Dateline's tests.");
  });

  it("writes reciprocal xhtml:link alternates in the sitemap", async () => {
    const xml = parser.parse(await readFile(path.join(outDir, "sitemap.xml"), "utf8")) as {
      urlset: {
        "@xmlns:xhtml": string;
        url: { loc: string; "xhtml:link"?: { "@hreflang": string; "@href": string }[] }[];
      };
    };
    expect(xml.urlset["@xmlns:xhtml"]).toBe("http://www.w3.org/1999/xhtml");
    const byLoc = new Map(xml.urlset.url.map((u) => [u.loc, u]));
    const translated = xml.urlset.url.filter((u) => u["xhtml:link"]);
    expect(translated.map((u) => u.loc).sort()).toEqual(
      [EN, RU, AZ, "/2024/05/10/harbour-festival/", "/az/2024/05/10/liman-festivali/"]
        .map((u) => `${BASE}${u}`)
        .sort(),
    );
    for (const entry of translated) {
      const links = entry["xhtml:link"] ?? [];
      expect(links.map((l) => l["@href"])).toContain(entry.loc);
      for (const link of links) {
        const target = byLoc.get(link["@href"]);
        expect(target, `${link["@href"]} is in the sitemap`).toBeDefined();
        const back = (target?.["xhtml:link"] ?? []).map((l) => l["@href"]);
        expect(back, `${link["@href"]} points back to ${entry.loc}`).toContain(entry.loc);
      }
    }
    for (const url of ["/ru/", "/az/search/", "/ru/people/elvin-tagizade/"])
      expect(byLoc.has(`${BASE}${url}`)).toBe(true);
  });

  it("builds one search index per language (one shard per language and year), and each search page loads its own", async () => {
    const counts: Record<string, Record<string, number>> = {};
    for (const lang of ["az", "en", "ru"]) {
      const entry = JSON.parse(
        await readFile(path.join(outDir, `pagefind/${lang}/2024/pagefind-entry.json`), "utf8"),
      ) as { languages: Record<string, { page_count: number }> };
      counts[lang] = Object.fromEntries(Object.entries(entry.languages).map(([l, v]) => [l, v.page_count]));
    }
    expect(counts).toEqual({ az: { az: 2 }, en: { en: 3 }, ru: { ru: 2 } });
    const page = await readFile(path.join(outDir, "ru/search/index.html"), "utf8");
    expect(page).toContain('bundlePath: "/pagefind/ru/2024/", mergeIndex: []');
  });

  it("indexes each record in its language and hashes every language's pages", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("multilingual"), buildTime: BUILD_TIME });
    const articles = (site as Site).articles;
    expect(articles.map((a) => [a.url, searchRecord(a).language])).toContainEqual([RU, "ru"]);
    expect(articles.map((a) => searchRecord(a).language)).toContain("az");
    const hashes = pageHashes(site as Site);
    for (const file of [
      "ru/index.html",
      "az/people/elvin-tagizade/index.html",
      "ru/2024/05/index.html",
      "az/feed.xml",
    ])
      expect(hashes.has(file), file).toBe(true);
  });

  it("re-renders a story's other versions in an incremental build when a translation is added", async () => {
    const content = await contentWith("multilingual");
    const before = await buildSite({ contentDir: content, buildTime: BUILD_TIME });
    // Only the new Russian version is written: the English and Azerbaijani files stay as they were.
    await writeFile(
      path.join(content, "articles/harbour-festival-ru.md"),
      "---\ntitle: Праздник в гавани\nlang: ru\nslug: prazdnik-v-gavani\ndate: 2024-05-10T18:00:00+04:00\ntranslationKey: festival\n---\nТекст.\n",
    );
    const after = await buildSite({ contentDir: content, buildTime: BUILD_TIME });
    const [old, changed] = [before.site, after.site].map((s) => pageHashes(s as Site));
    for (const file of ["2024/05/10/harbour-festival/index.html", "az/2024/05/10/liman-festivali/index.html"])
      expect(changed?.get(file), file).not.toBe(old?.get(file));
    expect(changed?.has("ru/2024/05/10/prazdnik-v-gavani/index.html")).toBe(true);
    const untouched = "2024/05/20/fish-market/index.html";
    expect(changed?.get(untouched)).toBe(old?.get(untouched));
  });

  it("writes news:language per article, with the region in lower case", async () => {
    const content = await contentWith("multilingual", {
      "site.json": JSON.stringify({
        title: "The Caspian Courier",
        baseUrl: BASE,
        languages: ["en", "zh-CN", "zh-TW"],
        timeZone: "Asia/Baku",
      }),
      "articles/ferry-route-opens-ru.md":
        "---\ntitle: 新航线开通\nlang: zh-CN\nslug: xin-hangxian\ndate: 2024-05-02T10:00:00+04:00\n---\n航线。\n",
      "articles/ferry-route-opens-az.md":
        "---\ntitle: 新航線開通\nlang: zh-tw\nslug: xin-hangxian\ndate: 2024-05-02T10:00:00+04:00\n---\n航線。\n",
      "articles/port-repairs-ru.md":
        "---\ntitle: Port repairs\ndate: 2024-05-01T10:00:00+04:00\n---\nRepairs.\n",
      "articles/harbour-festival-az.md":
        "---\ntitle: Festival\ndate: 2024-05-01T11:00:00+04:00\n---\nMusic.\n",
    });
    // No Chinese message files ship: the English texts stand in, since only the sitemap is looked at.
    const loaded = await loadContent({ contentDir: content, buildTime: "2024-05-02T12:00:00+04:00" });
    expect(loaded.diagnostics).toEqual([]);
    const en = loadMessages(["en"]).messages?.en ?? {};
    const site = siteFrom(loaded.content as Content, false, { en, "zh-CN": en, "zh-TW": en });
    const news = sitemapFiles(site as Site).find((f) => f.type === "news");
    if (!news) throw new Error("no news sitemap");
    const xml = sitemapXml(news, (site as Site).settings);
    expect([...xml.matchAll(/<news:language>([^<]+)<\/news:language>/g)].map((m) => m[1]).sort()).toEqual([
      "en",
      "en",
      "en",
      "zh-cn",
      "zh-tw",
    ]);
    expect(site?.articles.find((a) => a.url === "/zh-tw/2024/05/02/xin-hangxian/")?.lang.tag).toBe("zh-TW");
  });
});

describe("articles' languages and translations are checked", () => {
  it("refuses a lang the site does not publish in, at its line, listing the site's languages", async () => {
    const content = await contentWith("multilingual", {
      "articles/fish-market.md":
        "---\ntitle: Fish market\ndate: 2024-05-20T09:00:00+04:00\nlang: fr\n---\nText.\n",
    });
    const { diagnostics } = await buildSite({ contentDir: content, buildTime: BUILD_TIME });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      rule: "article/unknown-language",
      line: 4,
      field: "lang",
    });
    expect(diagnostics[0]?.file).toMatch(/articles\/fish-market\.md$/);
    expect(diagnostics[0]?.message).toContain("en, ru, az");
  });

  it("refuses two articles of one language sharing a translationKey, reporting both", async () => {
    const content = await contentWith("multilingual", {
      "articles/fish-market.md":
        "---\ntitle: Fish market\ndate: 2024-05-20T09:00:00+04:00\ntranslationKey: ferry-route\n---\nText.\n",
    });
    const { diagnostics, site } = await buildSite({ contentDir: content, buildTime: BUILD_TIME });
    expect(site).toBeUndefined();
    expect(diagnostics.map((d) => [d.rule, path.basename(d.file), d.line])).toEqual([
      ["article/duplicate-translation", "fish-market.md", 4],
      ["article/duplicate-translation", "ferry-route-opens.md", 4],
    ]);
  });

  it("builds nothing when a message file lacks a key, naming the key and the file", async () => {
    const content = await contentWith("multilingual", {
      "site.json": JSON.stringify({
        title: "T",
        baseUrl: BASE,
        languages: ["en", "ka"],
        timeZone: "Asia/Baku",
      }),
    });
    const result = await buildInto(content, path.join(path.dirname(content), "_site"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.rule, d.file])).toContainEqual([
      "messages/missing-file",
      "templates/_messages/ka.json",
    ]);
    await expect(readFile(path.join(path.dirname(content), "_site", "index.html"))).rejects.toThrow();
  });
});

describe("an Arabic site", () => {
  it("is written right to left in Arabic", async () => {
    const result = await buildFixture("arabic");
    expect(result.ok).toBe(true);
    const home = await readFile(path.join(result.outDir, "index.html"), "utf8");
    expect(home).toContain('<html lang="ar" dir="rtl">');
    expect(home).toContain("آخر الأخبار");
    const person = await readFile(path.join(result.outDir, "people/slma-alhdad/index.html"), "utf8");
    expect(person).toContain('<span class="count">مقالان</span>');
  });
});
