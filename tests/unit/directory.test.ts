import { describe, expect, it } from "vitest";
import type { DirectoryEntry, Language } from "../../src/core/types.ts";
import { DIRECTORY_PAGE_LIMIT, directoryPages, groupEntries, letterSlugs } from "../../src/site/directory.ts";
import { familyName, initialOf } from "../../src/site/family-name.ts";

const entry = (name: string): DirectoryEntry => ({
  name,
  url: `/people/${encodeURIComponent(name)}/`,
  count: 1,
});

/** Each group as `letter: name, name`. */
function grouped(kind: "person" | "organization", tag: string, names: string[]): string[] {
  return groupEntries(kind, tag, names.map(entry)).map(
    (g) => `${g.letter}: ${g.entries.map((e) => e.name).join(", ")}`,
  );
}

function language(tag: string, prefix = ""): Language {
  return {
    tag,
    name: tag,
    dir: "ltr",
    isDefault: prefix === "",
    prefix,
    ogLocale: tag,
    homeUrl: `${prefix}/`,
    searchUrl: `${prefix}/search/`,
    feeds: { atom: `${prefix}/feed.xml`, json: `${prefix}/feed.json`, rss: `${prefix}/rss.xml` },
    nav: [],
    sections: [],
  };
}

describe("family names", () => {
  it("is the last word of a name, past particles, suffixes and the Arabic article", () => {
    expect(familyName("Zaur Babayev")).toBe("Babayev");
    expect(familyName("Anna van der Berg")).toBe("Berg");
    expect(familyName("Hector de la Cruz")).toBe("Cruz");
    expect(familyName("Marvin Quill Jr.")).toBe("Quill");
    expect(familyName("Samir al-Rashid")).toBe("Rashid");
    expect(familyName("Фёдор Петрович Самоваров")).toBe("Самоваров");
    expect(familyName("  Aynur   Qasımova ")).toBe("Qasımova");
  });

  it("sorts a name of a given name and a patronymic by the given name, a one-word name by itself", () => {
    expect(familyName("Aynur Rasim qızı")).toBe("Aynur");
    expect(familyName("Tural Vüqar oğlu")).toBe("Tural");
    expect(familyName("Zephyra")).toBe("Zephyra");
  });
});

describe("initials", () => {
  it("keeps the letters of the language's alphabet and drops accents from the rest", () => {
    expect(initialOf("Əliyeva", "az")).toBe("Ə");
    expect(initialOf("Çələbi", "az")).toBe("Ç");
    expect(initialOf("Şahbazov", "tr")).toBe("Ş");
    expect(initialOf("İsgəndərli", "az")).toBe("İ");
    expect(initialOf("ismayılova", "az")).toBe("İ");
    expect(initialOf("Ismayılova", "az")).toBe("I");
    expect(initialOf("Émile", "en")).toBe("E");
    expect(initialOf("Çələbi", "en")).toBe("C");
    expect(initialOf("Йошкин", "ru")).toBe("Й");
    expect(initialOf("Ёлкин", "ru")).toBe("Е");
    expect(initialOf("«Azərsu»", "az")).toBe("A");
    expect(initialOf("3rd Pier Cooperative", "en")).toBe("#");
  });
});

describe("directory groups", () => {
  it("groups English names by family name, A to Z", () => {
    expect(
      grouped("person", "en", [
        "Mira Quill",
        "Zaur Babayev",
        "Anna van der Berg",
        "Otto Aldous",
        "Émile Eckhart",
        "Bea Abbot",
      ]),
    ).toEqual([
      "A: Bea Abbot, Otto Aldous",
      "B: Zaur Babayev, Anna van der Berg",
      "E: Émile Eckhart",
      "Q: Mira Quill",
    ]);
  });

  it("groups Azerbaijani names under the Azerbaijani alphabet", () => {
    expect(
      grouped("person", "az", [
        "Gülşən Əliyeva",
        "Aynur Qasımova",
        "Rauf Çələbi",
        "Tural Şahbazov",
        "Kamran İsgəndərli",
        "Nigar Ismayılova",
        "Elvin Cəfərli",
        "Ruslan Kərimli",
        "Leyla Xəlilova",
        "Vüsal Həsənli",
        "Samir Ekberov",
        "Aynur Rasim qızı",
      ]),
    ).toEqual([
      "A: Aynur Rasim qızı",
      "C: Elvin Cəfərli",
      "Ç: Rauf Çələbi",
      "E: Samir Ekberov",
      "Ə: Gülşən Əliyeva",
      "H: Vüsal Həsənli",
      "X: Leyla Xəlilova",
      "I: Nigar Ismayılova",
      "İ: Kamran İsgəndərli",
      "K: Ruslan Kərimli",
      "Q: Aynur Qasımova",
      "Ş: Tural Şahbazov",
    ]);
  });

  it("groups Russian names under Cyrillic letters, Ё with Е", () => {
    expect(
      grouped("person", "ru", [
        "Фёдор Самоваров",
        "Анна Ёлкина",
        "Игорь Егоров",
        "Пётр Йошкин",
        "Ольга Иванцова",
        "Вера Шмелёва",
        "Юрий Абрикосов",
      ]),
    ).toEqual([
      "А: Юрий Абрикосов",
      "Е: Игорь Егоров, Анна Ёлкина",
      "И: Ольга Иванцова",
      "Й: Пётр Йошкин",
      "С: Фёдор Самоваров",
      "Ш: Вера Шмелёва",
    ]);
  });

  it("groups organizations by their first letter, names without a letter last", () => {
    expect(
      grouped("organization", "en", [
        "Harbour Board",
        "3rd Pier Cooperative",
        "Anchor Guild",
        "Beacon Trust",
      ]),
    ).toEqual(["A: Anchor Guild", "B: Beacon Trust", "H: Harbour Board", "#: 3rd Pier Cooperative"]);
  });

  it("gives each letter an ASCII URL segment no other letter of the directory has", () => {
    expect([...letterSlugs(["C", "Ç", "Ə", "İ", "I", "Ш", "#"])]).toEqual([
      ["C", "c"],
      ["I", "i"],
      ["Ç", "c-c7"],
      ["Ə", "e"],
      ["İ", "i-130"],
      ["Ш", "sh"],
      ["#", "other"],
    ]);
  });
});

describe("directory pages", () => {
  const letterTitle = (letter: string) => `People: ${letter}`;

  it("keeps a directory of up to 500 entries on one page with a jump list to its letter headings", () => {
    const pages = directoryPages({
      kind: "person",
      lang: language("en"),
      title: "People",
      url: "/people/",
      entries: ["Mira Quill", "Zaur Babayev", "Otto Aldous"].map(entry),
      letterTitle,
    });
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page?.split).toBe(false);
    expect(page?.entries.map((e) => e.name)).toEqual(["Otto Aldous", "Zaur Babayev", "Mira Quill"]);
    expect(page?.letters.map((l) => [l.letter, l.url, l.count])).toEqual([
      ["A", "#letter-a", 1],
      ["B", "#letter-b", 1],
      ["Q", "#letter-q", 1],
    ]);
    expect(page?.groups.map((g) => g.id)).toEqual(["letter-a", "letter-b", "letter-q"]);
  });

  it("splits a directory of more than 500 entries into one page per letter", () => {
    const given = ["Ada", "Bo", "Cy", "Di", "Ed", "Fay"];
    const families = [
      "Abbot",
      "Brook",
      "Crane",
      "Dunmore",
      "Eckhart",
      "Fennick",
      "Gorse",
      "Hallow",
      "Ivel",
      "Juno",
    ];
    const names = Array.from(
      { length: 600 },
      (_, i) => `${given[i % 6]} ${families[i % 10]}${Math.floor(i / 10)}`,
    );
    expect(names.length).toBeGreaterThan(DIRECTORY_PAGE_LIMIT);
    const pages = directoryPages({
      kind: "person",
      lang: language("az", "/az"),
      title: "People",
      url: "/az/people/",
      entries: names.map(entry),
      letterTitle,
    });
    const [index, ...letters] = pages;
    expect(index).toMatchObject({ url: "/az/people/", split: true, entries: [], groups: [] });
    expect(index?.letters.map((l) => [l.letter, l.url, l.count])).toEqual(
      ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map((l) => [
        l,
        `/az/people/letter/${l.toLowerCase()}/`,
        60,
      ]),
    );
    expect(letters.map((p) => [p.url, p.title, p.letter, p.entries.length, p.directoryUrl])).toEqual(
      ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map((l) => [
        `/az/people/letter/${l.toLowerCase()}/`,
        `People: ${l}`,
        l,
        60,
        "/az/people/",
      ]),
    );
    const c = letters[2];
    expect(c?.letters.filter((l) => l.current).map((l) => l.letter)).toEqual(["C"]);
    expect(c?.entries.slice(0, 3).map((e) => e.name)).toEqual(["Cy Crane0", "Ada Crane1", "Ed Crane2"]);
    expect(letters.flatMap((p) => p.entries)).toHaveLength(600);
  });

  it("keeps exactly 500 entries on one page", () => {
    const names = Array.from({ length: 500 }, (_, i) => `Ada Abbot${i}`);
    const pages = directoryPages({
      kind: "person",
      lang: language("en"),
      title: "People",
      url: "/people/",
      entries: names.map(entry),
      letterTitle,
    });
    expect(pages.map((p) => [p.url, p.split, p.entries.length])).toEqual([["/people/", false, 500]]);
  });
});
