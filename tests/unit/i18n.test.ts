import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { settingsSchema } from "../../src/core/settings-schema.ts";
import {
  archiveUrl,
  articleUrl,
  entityUrl,
  languagePrefix,
  searchUrl,
  siteFeedUrls,
} from "../../src/core/urls.ts";
import { newsLanguage } from "../../src/render/sitemaps.ts";
import { directionOf, languagesOf, ownName } from "../../src/site/languages.ts";
import {
  formatMessage,
  loadMessageFile,
  loadMessages,
  MESSAGES_DIR,
  requiredKeys,
} from "../../src/site/messages.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

const ARTICLES = { one: "{count} article", other: "{count} articles" };
const RU_ARTICLES = {
  one: "{count} статья",
  few: "{count} статьи",
  many: "{count} статей",
  other: "{count} статьи",
};

async function messagesDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dateline-messages-"));
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe("message files", () => {
  it("ships en, az, ru, tr and ar, each with every key the templates use", () => {
    const { messages, diagnostics } = loadMessages(["en", "az", "ru", "tr", "ar"]);
    expect(diagnostics).toEqual([]);
    expect(Object.keys(messages ?? {})).toEqual(["en", "az", "ru", "tr", "ar"]);
  });

  it("finds the keys in the templates, quoted either way, besides the model's own", () => {
    const keys = requiredKeys();
    expect(keys).toEqual(
      expect.arrayContaining(["article.people", "article.related", "nav.languages", "home.title"]),
    );
    expect(keys).toContain("feed.about");
  });

  it("names the missing key and the message file", async () => {
    const dir = await messagesDir({ "az.json": '{\n  "nav.latest": "Son xəbərlər"\n}\n' });
    const { messages, diagnostics } = loadMessageFile("az", ["nav.latest", "article.related"], dir);
    expect(messages).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      rule: "messages/missing-key",
      line: 1,
      field: "article.related",
      severity: "error",
    });
    expect(diagnostics[0]?.file).toMatch(/az\.json$/);
    expect(diagnostics[0]?.message).toContain('"article.related"');
    expect(diagnostics[0]?.message).toContain("az.json");
  });

  it("reports a syntax error at its line and column", async () => {
    const dir = await messagesDir({
      "ru.json": '{\n  "nav.latest": "Последние"\n  "nav.search": "Поиск"\n}\n',
    });
    const { diagnostics } = loadMessageFile("ru", [], dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: "messages/json-syntax", line: 3 });
  });

  it("reports a language without a message file", async () => {
    const dir = await messagesDir({});
    const { diagnostics } = loadMessageFile("ka", [], dir);
    expect(diagnostics[0]).toMatchObject({ rule: "messages/missing-file", line: 1 });
    expect(diagnostics[0]?.file).toMatch(/ka\.json$/);
  });

  it("falls back to the base language's file: zh-CN reads zh.json", async () => {
    const dir = await messagesDir({ "zh.json": '{ "nav.latest": "最新" }' });
    const { messages, diagnostics } = loadMessageFile("zh-CN", ["nav.latest"], dir);
    expect(diagnostics).toEqual([]);
    expect(messages?.["nav.latest"]).toBe("最新");
  });

  it("requires every plural form the language has, at the key's line", async () => {
    const dir = await messagesDir({
      "ru.json": `{\n  "nav.latest": "Последние",\n  "count.articles": { "one": "{count} статья", "other": "{count} статьи" }\n}\n`,
    });
    const { diagnostics } = loadMessageFile("ru", [], dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      rule: "messages/invalid-message",
      line: 3,
      field: "count.articles",
    });
    expect(diagnostics[0]?.message).toContain("few, many");
  });

  it("checks every language the site uses before the site is built", async () => {
    const result = await buildSite({ contentDir: fixtureDir("multilingual"), buildTime: BUILD_TIME });
    expect(result.diagnostics).toEqual([]);
    expect(Object.keys(result.site?.messages ?? {})).toEqual(["en", "ru", "az"]);
    expect(MESSAGES_DIR).toMatch(/templates[/\\]_messages$/);
  });
});

describe("placeholders", () => {
  it("fills every placeholder, the same one twice, side by side, and keeps an unknown one as written", () => {
    const text = "{title}{page} of {title}: {missing} {page}";
    expect(formatMessage(text, "en", { title: "Ferries", page: 1200 })).toBe(
      "Ferries1,200 of Ferries: {missing} 1,200",
    );
    // The split text is kept: formatting it again with other values gives their text.
    expect(formatMessage(text, "en", { title: "Ports", page: 2 })).toBe("Ports2 of Ports: {missing} 2");
    expect(formatMessage("No placeholders", "en", { title: "x" })).toBe("No placeholders");
  });
});

describe("plural forms", () => {
  it("writes 1 article and 2 articles in English", () => {
    expect(formatMessage(ARTICLES, "en", { count: 1 })).toBe("1 article");
    expect(formatMessage(ARTICLES, "en", { count: 2 })).toBe("2 articles");
    expect(formatMessage(ARTICLES, "en", { count: 1234 })).toBe("1,234 articles");
  });

  it("uses Russian one, few and many", () => {
    expect([1, 2, 5, 21, 22, 25, 111].map((count) => formatMessage(RU_ARTICLES, "ru", { count }))).toEqual([
      "1 статья",
      "2 статьи",
      "5 статей",
      "21 статья",
      "22 статьи",
      "25 статей",
      "111 статей",
    ]);
  });

  it("uses the six Arabic forms from the shipped message file", () => {
    const { messages } = loadMessages(["ar"]);
    const value = messages?.ar?.["count.articles"];
    if (value === undefined) throw new Error("no count.articles in ar.json");
    expect([0, 1, 2, 3, 11, 100].map((count) => formatMessage(value, "ar", { count }))).toEqual([
      "لا مقالات",
      "مقال واحد",
      "مقالان",
      "3 مقالات",
      "11 مقالًا",
      "100 مقال",
    ]);
  });
});

describe("dates in the article's language", () => {
  it("writes 2 May 2024 in az and ru, from the same fixture site", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("multilingual"), buildTime: BUILD_TIME });
    const byUrl = new Map(site?.articles.map((a) => [a.url, a]));
    expect(byUrl.get("/2024/05/02/ferry-route-opens/")?.date.text).toBe("May 2, 2024");
    expect(byUrl.get("/ru/2024/05/02/paromnaya-liniya-otkryta/")?.date.text).toBe("2 мая 2024 г.");
    expect(byUrl.get("/az/2024/05/02/bere-xetti-acildi/")?.date.text).toBe("2 may 2024");
    expect(byUrl.get("/az/2024/05/02/bere-xetti-acildi/")?.archive).toMatchObject({
      month: "may 2024",
      monthUrl: "/az/2024/05/",
    });
  });
});

describe("languages and their URLs", () => {
  let languages: ReturnType<typeof languagesOf>;
  beforeAll(() => {
    const settings = settingsSchema.parse({
      ...TEST_SETTINGS,
      language: undefined,
      languages: ["en", "ru", "zh-CN", "ar"],
    });
    languages = languagesOf(settings, (_, key) => key);
  });

  it("keeps the default language at the root and puts the others under /<tag>/ in lower case", () => {
    expect(languages.map((l) => l.prefix)).toEqual(["", "/ru", "/zh-cn", "/ar"]);
    expect(languages.map((l) => l.homeUrl)).toEqual(["/", "/ru/", "/zh-cn/", "/ar/"]);
    expect(languagePrefix("zh-CN", "en")).toBe("/zh-cn");
    expect(articleUrl("2024/05/02", "ferry", "/ru")).toBe("/ru/2024/05/02/ferry/");
    expect(articleUrl("2024/05/02", "ferry")).toBe("/2024/05/02/ferry/");
    expect(entityUrl("person", "elvin-tagizade", "/az")).toBe("/az/people/elvin-tagizade/");
    expect(archiveUrl("2024", "05", "/ru")).toBe("/ru/2024/05/");
    expect(searchUrl("/ru")).toBe("/ru/search/");
    expect(siteFeedUrls("/ru")).toEqual({ atom: "/ru/feed.xml", json: "/ru/feed.json", rss: "/ru/rss.xml" });
    expect(languages[1]?.nav.map((n) => n.url)).toEqual(["/ru/people/", "/ru/organizations/", "/ru/places/"]);
  });

  it("knows each language's direction and its own name", () => {
    expect(["en", "ru", "ar", "fa", "he", "ur"].map(directionOf)).toEqual([
      "ltr",
      "ltr",
      "rtl",
      "rtl",
      "rtl",
      "rtl",
    ]);
    expect(ownName("ru")).toBe("Русский");
    expect(ownName("az")).toBe("Azərbaycan");
    expect(languages.map((l) => l.ogLocale)).toEqual(["en", "ru", "zh_CN", "ar"]);
  });

  it("writes news:language in lower case with its region", () => {
    expect(newsLanguage("zh-CN")).toBe("zh-cn");
    expect(newsLanguage("zh-TW")).toBe("zh-tw");
    expect(newsLanguage("en")).toBe("en");
  });

  it("reads languages from site.json: the first is the default; language alone is a one-language site", () => {
    const several = settingsSchema.parse({ ...TEST_SETTINGS, language: undefined, languages: ["ru", "en"] });
    expect(several.language).toBe("ru");
    expect(several.languages).toEqual(["ru", "en"]);
    const one = settingsSchema.parse({ ...TEST_SETTINGS, languages: undefined, language: "az" });
    expect(one.languages).toEqual(["az"]);
    const clash = settingsSchema.safeParse({ ...TEST_SETTINGS, language: "en", languages: ["ru", "en"] });
    expect(clash.success).toBe(false);
    const twice = settingsSchema.safeParse({
      ...TEST_SETTINGS,
      language: undefined,
      languages: ["ru", "RU"],
    });
    expect(twice.error?.issues[0]?.path).toEqual(["languages", 1]);
  });
});
