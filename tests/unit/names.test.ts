import { describe, expect, it } from "vitest";
import {
  capitalsKey,
  containsWords,
  fold,
  isCapitals,
  KnownSpellings,
  nameKey,
  titleCase,
  usesDotlessI,
  variantKey,
} from "../../src/core/names.ts";
import type { RegistryEntry } from "../../src/core/types.ts";
import type { WireStory } from "../../src/wire/parse.ts";
import { sameName, storySentences, suggestEntities } from "../../src/wire/suggest.ts";

describe("nameKey: letter case by the language's rules", () => {
  it("ignores letter case and spaces", () => {
    expect(nameKey("  jeyhun   BAYRAMOV ")).toBe(nameKey("Jeyhun Bayramov"));
    expect(nameKey("КУБАНЫЧБЕК ОМУРАЛИЕВ", "ru")).toBe(nameKey("Кубанычбек Омуралиев", "ru"));
  });

  it("on an az or tr site, pairs I with ı and İ with i, so Ilgın and İlgın stay two people", () => {
    for (const language of ["az", "tr", "tr-TR", "az-Latn"]) {
      expect(nameKey("ILGIN DEMİR", language)).toBe(nameKey("Ilgın Demir", language));
      expect(nameKey("İLGIN DEMİR", language)).toBe(nameKey("İlgın Demir", language));
      expect(nameKey("Ilgın Demir", language)).not.toBe(nameKey("İlgın Demir", language));
      expect(nameKey("ILHAM", language)).not.toBe(nameKey("ilham", language));
    }
  });

  it("uses Turkic rules for a name with a letter only Turkic alphabets have, on any site", () => {
    expect(nameKey("IĞDIR", "en")).toBe(nameKey("Iğdır", "en"));
    expect(nameKey("ŞƏKİ", "en")).toBe(nameKey("Şəki", "en"));
    expect(nameKey("İSTANBUL", "en")).toBe(nameKey("İstanbul", "en"));
  });

  it("never makes two spellings that differ in a letter one name", () => {
    for (const language of [undefined, "en", "az", "tr", "ru"]) {
      expect(nameKey("Aydın Qasımov", language)).not.toBe(nameKey("Aydin Qasimov", language));
      expect(nameKey("Sumqayıt", language)).not.toBe(nameKey("Sumqayit", language));
      expect(nameKey("Ilham", language)).not.toBe(nameKey("İlham", language));
    }
  });

  it("knows which languages pair I with ı", () => {
    expect(["az", "tr", "crh", "gag", "kk-Latn", "tt", "TR"].map(usesDotlessI)).toEqual(Array(7).fill(true));
    expect(["en", "ru", "uz", "tk", "el", undefined].map(usesDotlessI)).toEqual(Array(6).fill(false));
  });
});

describe("names in capitals", () => {
  it("tells names in capitals from acronyms of one letter and mixed case", () => {
    expect(["SUMQAYIT", "İSTANBUL", "ΑΘΗΝΑ", "NEW YORK", "AT&T"].map(isCapitals)).toEqual(
      Array(5).fill(true),
    );
    expect(["Sumqayıt", "A", "McAllen", "baku", "— ? —"].map(isCapitals)).toEqual(Array(5).fill(false));
  });

  it("gives a spelling the capitals wire style writes", () => {
    expect(capitalsKey("Sumqayıt")).toBe("SUMQAYIT");
    expect(capitalsKey("Şəki")).toBe("ŞƏKİ");
    expect(capitalsKey("İstanbul")).toBe("İSTANBUL");
    expect(capitalsKey("Αθήνα")).toBe("ΑΘΗΝΑ");
    expect(capitalsKey("Προϊστάμενος")).toBe("ΠΡΟΪΣΤΑΜΕΝΟΣ");
    expect(capitalsKey("Երևան")).toBe("ԵՐԵՎԱՆ");
  });

  it("finds the known spelling: exact capitals first, then ISTANBUL for İstanbul; the heaviest wins", () => {
    const known = new KnownSpellings();
    known.add("Sumqayıt");
    known.add("İstanbul", 5);
    known.add("Istanbul", 1);
    known.add("SUMQAYIT"); // capitals are never a spelling to copy
    expect(known.find("SUMQAYIT")).toBe("Sumqayıt");
    expect(known.find("İSTANBUL")).toBe("İstanbul");
    expect(known.find("ISTANBUL")).toBe("Istanbul");
    expect(known.find("GƏNCƏ")).toBeUndefined();
    const loose = new KnownSpellings();
    loose.add("İzmir");
    expect(loose.find("IZMIR")).toBe("İzmir");
  });

  it("title-cases a name with no known spelling by the language's rules", () => {
    expect(titleCase("SUMQAYIT", "en")).toBe("Sumqayit");
    expect(titleCase("SUMQAYIT", "az")).toBe("Sumqayıt");
    expect(titleCase("İSTANBUL", "en")).toBe("İstanbul");
    expect(titleCase("ŞƏKİ", "en")).toBe("Şəki");
    expect(titleCase("IĞDIR", "ru")).toBe("Iğdır");
    expect(titleCase("NEW YORK", "en")).toBe("New York");
    expect(titleCase("ҚОСТАНАЙ", "kk")).toBe("Қостанай");
  });
});

describe("fold: the slug's transliteration, for searching", () => {
  it("folds every script as slugs spell it, words kept", () => {
    expect(fold("Қасым-Жомарт Тоқаев")).toBe("kasym-zhomart tokaev");
    expect(fold("Ευάγγελος  ΠΑΠΑΔΟΠΟΥΛΟΣ")).toBe("evangelos papadopoulos");
    expect(fold("Gülşən Əliyeva’s")).toBe("gulsen eliyeva's");
    expect(fold("Oʻktam")).toBe("o'ktam");
  });

  it("finds a name written in another script of the same romanisation", () => {
    expect(containsWords(fold("Министр Қасымжан Тоқабаев заявил"), fold("Kasymzhan Tokabaev"))).toBe(true);
    expect(containsWords(fold("Tokabaevs"), fold("Тоқабаев"))).toBe(false);
  });

  it("agrees with variant keys letter for letter", () => {
    for (const name of ["Айгерім Нұрланқызы", "Ђорђе Јањић", "Արմեն Պետրոսյան", "ნინო ბერიძე", "Şəki"])
      expect(fold(name).replace(/[^a-z]+/g, " ")).toBe(variantKey(name));
  });
});

describe("name matching in import", () => {
  const entry = (name: string): RegistryEntry => ({
    kind: "person",
    name,
    slug: "x",
    aliases: [],
    sameAs: [],
    file: "content/people/x.md",
    body: "",
    aliasLines: [],
  });
  const story: WireStory = {
    file: "w.txt",
    date: "2024-05-20",
    dateline: "ҚОСТАНАЙ, Kazakhstan",
    city: "ҚОСТАНАЙ",
    paragraphs: ["Аким Қасымжан Тоқабаев открыл новый элеватор."],
    paragraphLines: [3],
  };

  it("finds a registry person in Latin in wire copy in Cyrillic", () => {
    const suggestions = suggestEntities(story, storySentences(story), [entry("Kasymzhan Tokabaev")]);
    expect(suggestions.find((s) => s.registryFile)).toMatchObject({
      name: "Kasymzhan Tokabaev",
      findings: [{ paragraph: 1, sentence: 1, by: "registry" }],
    });
  });

  it("compares names in the site's language", () => {
    expect(sameName("ILGIN", "Ilgın", "tr")).toBe(true);
    expect(sameName("Ilgın", "İlgın", "tr")).toBe(false);
  });
});
