import { describe, expect, it } from "vitest";
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
