import { describe, expect, it } from "vitest";
import { fold, variantKey } from "../../src/core/names.ts";
import { slugify } from "../../src/core/slug.ts";

describe("slugify", () => {
  it.each([
    ["Şuşa", "susa"],
    ["Kubanychbek Omuraliev", "kubanychbek-omuraliev"],
    ["Jeyhun Bayramov", "jeyhun-bayramov"],
    // Azerbaijani: ə is kept as e (Eleventy's slugify drops it), ü and ö lose their dots, not "ue"/"oe".
    ["Gülşən Əliyeva", "gulsen-eliyeva"],
    ["Rüstəm Nadirli", "rustem-nadirli"],
    ["Xocalı Gəncə", "xocali-gence"],
    // Turkish
    ["İstanbul Büyükşehir Belediyesi", "istanbul-buyuksehir-belediyesi"],
    ["Ilgın Doğan Özgür", "ilgin-dogan-ozgur"],
    // Kyrgyz and Russian Cyrillic
    ["Кубанычбек Омуралиев", "kubanychbek-omuraliev"],
    ["Айбек Токтогулов", "aybek-toktogulov"],
    // Polish and other accented Latin
    ["Łódź Żółć", "lodz-zolc"],
    ["Wojciech Świątek", "wojciech-swiatek"],
    ["José Ñúñez Ångström", "jose-nunez-angstrom"],
    ["Organization of Turkic States (OTS)", "organization-of-turkic-states-ots"],
    ["AT&T", "at-and-t"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("returns an empty string for a name without letters or digits", () => {
    expect(slugify("— ? —")).toBe("");
  });

  it("treats composed and decomposed letters alike", () => {
    expect(slugify("Gu\u0308ls\u0327ən")).toBe(slugify("Gülşən"));
  });
});

/** Fictional names shaped like real ones, one romanisation a language (docs/reference.md, "Names, scripts and slugs"). */
describe("slugify: names in every script the newsroom writes", () => {
  it.each([
    // Azerbaijani, Turkish, Turkmen, Uzbek (Latin): folded to ASCII.
    ["az", "Günay Məmmədquliyeva", "gunay-memmedquliyeva"],
    ["az", "Şəki Çayı", "seki-cayi"],
    ["tr", "Işıl Çağlayangil", "isil-caglayangil"],
    ["tr", "İğdır", "igdir"],
    ["tk", "Aýnabat Ňazmyradowa", "aynabat-nazmyradowa"],
    ["tk", "Maýsa Žumaýewa", "maysa-zumayewa"],
    ["uz", "Oʻktam Gʻulomov", "oktam-gulomov"],
    ["uz", "O'ktam G'ulomov", "oktam-gulomov"],
    ["uz", "O’ktam G‘ulomov", "oktam-gulomov"],
    ["uz", "Oʼktam G`ulomov", "oktam-gulomov"],
    // Kazakh, Kyrgyz, Tatar, Bashkir (Cyrillic): BGN/PCGN folded to ASCII.
    ["kk", "Айгерім Нұрланқызы", "aygerim-nurlankyzy"],
    ["kk", "Қасымжан Тоқабаев", "kasymzhan-tokabaev"],
    ["kk", "Нұрсұлтан", "nursultan"],
    ["kk", "Әсел Ғабитқызы", "asel-gabitkyzy"],
    ["kk", "Еңбекші Һарун", "engbekshi-harun"],
    ["ky", "Үмөтбек Жеңишбеков", "umotbek-zhengishbekov"],
    ["tt", "Җәлил Гөлназ", "jalil-golnaz"],
    ["ba", "Ҡаҙбулат Ҫәлимов", "kadhbulat-thalimov"],
    // Russian (as today), Ukrainian, Belarusian, Serbian Cyrillic.
    ["ru", "Щукин Эдуард Юрьевич", "schukin-eduard-yurevich"],
    ["ru", "Ёлкин Красный", "yolkin-krasniy"],
    ["uk", "Євгенія Їжакевич-Ґалаган", "yevgeniya-yizhakevich-galagan"],
    ["uk", "Мар'яна Пʼятенко", "maryana-pyatenko"],
    ["be", "Ўладзімір Міцкевіч", "uladzimir-mitskevich"],
    ["sr", "Ђорђе Јањић", "djordje-janjic"],
    ["sr", "Љубица Ћосић-Џаковић", "ljubitsa-cosic-dzakovic"],
    // Georgian, Armenian, Greek.
    ["ka", "ნინო ჭყონია-ფხაკაძე", "nino-chqonia-pkhakadze"],
    ["ka", "ᲗᲐᲛᲐᲠ ᲬᲔᲠᲔᲗᲔᲚᲘ", "tamar-tsereteli"],
    ["hy", "Արմեն Պետրոսյան", "armen-petrosyan"],
    ["hy", "Երանուհի Ոսկանյան", "yeranuhi-voskanyan"],
    ["hy", "Երևան", "yerevan"],
    ["el", "Ευάγγελος Παπαδόπουλος", "evangelos-papadopoulos"],
    ["el", "Σταύρος Ναύπλιος", "stavros-nafplios"],
    ["el", "Μπάμπης Ντελής", "bampis-delis"],
    ["el", "ΑΘΗΝΑ Αθήνα", "athina-athina"],
    ["el", "Προϊστάμενος Ξανθόπουλος", "proistamenos-xanthopoulos"],
  ])("%s: %s → %s", (_language, name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("never leaves a hyphen where an Uzbek apostrophe was", () => {
    expect(slugify("Oʻzbekiston")).toBe("ozbekiston");
    expect(slugify("Gʻ")).toBe("g");
  });
});

/**
 * Every letter of each alphabet, in both cases: a name containing it has a slug, and the letter gives at
 * least one ASCII letter. The soft and hard signs are the only letters a romanisation writes as nothing.
 */
const ALPHABETS: Record<string, string> = {
  Azerbaijani: "abcçdeəfgğhxıijkqlmnoöprsştuüvyz",
  Turkish: "abcçdefgğhıijklmnoöprsştuüvyz",
  Turkmen: "abçdeäfghijžklmnňoöprsştuüwyýz",
  Uzbek: "abdefghijklmnopqrstuvxyzʻ",
  Russian: "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
  Kazakh: "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
  Kyrgyz: "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
  Tatar: "аәбвгдеёжҗзийклмнңоөпрстуүфхһцчшщъыьэюя",
  Bashkir: "аәбвгғдҙеёжзийкҡлмнңоөпрсҫтуүфхһцчшщъыьэюя",
  Ukrainian: "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
  Belarusian: "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
  Serbian: "абвгдђежзијклљмнњопрстћуфхцчџш",
  Georgian: "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
  Armenian: "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
  Greek: "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
};
const SIGNS = new Set(["ъ", "ь", "ʻ"]);

describe("slugify: no letter of any alphabet is dropped", () => {
  for (const [alphabet, letters] of Object.entries(ALPHABETS)) {
    it(`${alphabet}: ${letters}`, () => {
      const dropped: string[] = [];
      for (const letter of letters) {
        if (SIGNS.has(letter)) continue;
        for (const form of new Set([letter, letter.toUpperCase()])) {
          // Between two spaces, alone and inside a name: the letter itself must give an ASCII letter.
          const alone = slugify(form);
          if (!/^[a-z]+$/.test(alone)) dropped.push(`${form} → "${alone}"`);
          if (!/^[a-z]/.test(slugify(`Ab ${form}`).slice(3))) dropped.push(`Ab ${form}`);
        }
      }
      expect(dropped).toEqual([]);
    });
  }

  it("writes the signs as nothing, and a name with a sign still has its other letters", () => {
    expect(slugify("Игорь Подъячев")).toBe("igor-podyachev");
  });
});

describe("slugs, variant keys and folded text agree", () => {
  it.each([
    ["Тоқаев", "tokaev"],
    ["Қасым-Жомарт", "kasym-zhomart"],
    ["Gülşən Əliyeva", "gulsen eliyeva"],
    ["Ευάγγελος", "evangelos"],
    ["ნინო", "nino"],
    ["Երևան", "yerevan"],
  ])("%s", (name, folded) => {
    expect(fold(name)).toBe(folded);
    expect(variantKey(name)).toBe(slugify(name).replace(/-/g, " "));
    expect(fold(name).replace(/[^a-z]+/g, " ")).toBe(variantKey(name));
  });

  it("compares Тоқаев and Tokayev on the same letters, one edit apart", () => {
    expect(variantKey("Тоқаев")).toBe("tokaev");
    expect(variantKey("Tokayev")).toBe("tokayev");
  });
});
