import { slugify } from "../src/core/slug.ts";
import type { Random } from "./random.ts";

/**
 * Invented names. Given names and surnames are put together from syllables in the manner of several
 * languages, so no name belongs to a real person; non-ASCII letters (Azerbaijani ə ş ğ ı, Turkish İ,
 * Polish ł, Cyrillic) exercise Dateline's slugs.
 */
interface NameStyle {
  weight: number;
  givenStarts: readonly string[];
  givenEnds: readonly string[];
  surnameStarts: readonly string[];
  surnameMiddles: readonly string[];
  surnameEnds: readonly string[];
}

const STYLES: readonly NameStyle[] = [
  {
    // Azerbaijani
    weight: 30,
    givenStarts: [
      "Ay",
      "Gül",
      "Nər",
      "Lə",
      "Sə",
      "Tur",
      "Xə",
      "Şə",
      "Ül",
      "Fə",
      "Rə",
      "Mə",
      "Cə",
      "Ağ",
      "Ər",
      "Vü",
      "Zə",
      "Bəh",
      "Ilq",
      "Sev",
    ],
    givenEnds: [
      "nur",
      "lan",
      "rə",
      "ğan",
      "şən",
      "man",
      "vər",
      "mir",
      "dan",
      "sun",
      "ıq",
      "gün",
      "tay",
      "çin",
      "şad",
      "ilə",
    ],
    surnameStarts: [
      "Qar",
      "Həs",
      "Təl",
      "Şir",
      "Dağ",
      "Məl",
      "Xoş",
      "Yaz",
      "Çin",
      "Nəs",
      "Bəx",
      "Zər",
      "Ağc",
      "Sərv",
    ],
    surnameMiddles: ["ım", "əl", "ğun", "ış", "vər", "ıq", "dan", "ər", "al", "ət"],
    surnameEnds: ["ova", "ov", "lı", "zadə", "bəyli", "li"],
  },
  {
    // Turkish
    weight: 15,
    givenStarts: ["İl", "Öz", "Ça", "Dağ", "Gö", "Şe", "Ay", "Bü", "Nu", "Tü", "Ül", "Ye", "İn", "Ke", "Su"],
    givenEnds: ["kay", "gün", "ğan", "nur", "lin", "tan", "rem", "şen", "can", "sel", "ruh", "ça"],
    surnameStarts: ["İz", "Çav", "Dör", "Göl", "Kır", "Soy", "Taş", "Yıl", "Öz", "Ekin", "Bağ", "Çağ"],
    surnameMiddles: ["el", "ra", "dem", "şa", "ıl", "ay", "ter", "gün"],
    surnameEnds: ["oğlu", "han", "er", "dağ", "soy", "kan", "türk"],
  },
  {
    // Polish
    weight: 15,
    givenStarts: ["Mał", "Zby", "Wło", "Bo", "Ra", "Sła", "Ja", "Mi", "Ło", "Do", "Krze", "Ur"],
    givenEnds: ["gosia", "sław", "dzia", "mir", "nisz", "wina", "rek", "łan", "ta", "bór"],
    surnameStarts: ["Wół", "Krzy", "Łęcz", "Pró", "Żmi", "Chmie", "Gąs", "Śli", "Bro", "Zał", "Mroź", "Kęp"],
    surnameMiddles: ["ko", "la", "dzie", "ró", "bi", "ga", "ci", "we"],
    surnameEnds: ["wski", "wska", "czyk", "niak", "wicz", "ński", "łek", "ska"],
  },
  {
    // Russian and Kyrgyz, in Cyrillic
    weight: 20,
    givenStarts: ["Ай", "Бек", "Жыл", "Ми", "Свет", "Тал", "Ур", "Кан", "Ве", "Оль", "Нур", "Эр"],
    givenEnds: ["гуль", "бол", "дар", "лан", "зат", "ана", "мир", "слав", "ина", "жан"],
    surnameStarts: [
      "Ома",
      "Тока",
      "Жума",
      "Сара",
      "Бела",
      "Кузе",
      "Мела",
      "Асан",
      "Тура",
      "Вере",
      "Чолп",
      "Зыря",
    ],
    surnameMiddles: ["ли", "ры", "ба", "ту", "ко", "ме", "на", "ша"],
    surnameEnds: ["ев", "ова", "ров", "нова", "гулов", "шин", "баев", "тьева"],
  },
  {
    // English
    weight: 20,
    givenStarts: [
      "Bren",
      "Cal",
      "Dor",
      "El",
      "Fen",
      "Gar",
      "Hal",
      "Iv",
      "Jes",
      "Kel",
      "Lor",
      "Mar",
      "Nor",
      "Per",
      "Ros",
      "Tam",
    ],
    givenEnds: ["da", "ric", "wyn", "a", "ton", "lie", "en", "ia", "ard", "ine"],
    surnameStarts: [
      "Ash",
      "Brack",
      "Coll",
      "Dun",
      "Fair",
      "Grim",
      "Hollo",
      "Kings",
      "Marl",
      "Penn",
      "Stan",
      "Thorn",
      "Wex",
      "Yar",
    ],
    surnameMiddles: ["", "er", "en", "ing", "al"],
    surnameEnds: ["ford", "well", "by", "wick", "more", "ley", "ton", "stead", "field", "combe"],
  },
];

const ORG_STEM_STARTS = [
  "Vel",
  "Dor",
  "Kas",
  "Mir",
  "Tal",
  "Qar",
  "Xəz",
  "Şah",
  "Göl",
  "Łąk",
  "Brz",
  "Nor",
  "Ost",
  "Zen",
  "Arv",
  "Sel",
  "Pry",
  "Uld",
  "Hav",
  "Ird",
];
const ORG_STEM_MIDDLES = ["", "", "a", "en", "ər", "ı", "o", "ul", "ie", "an"];
const ORG_STEM_ENDS = [
  "mora",
  "avia",
  "ant",
  "ex",
  "ium",
  "nur",
  "dağ",
  "owo",
  "stan",
  "ria",
  "lux",
  "gard",
  "ova",
  "tek",
  "ya",
];
const ORG_KINDS_AFTER = [
  "Shipping Company",
  "Ports Agency",
  "Bank",
  "Teachers' Union",
  "Farmers' Cooperative",
  "Energy Holding",
  "Rail Authority",
  "Water Board",
  "Football Club",
  "Theatre Company",
  "Chamber of Commerce",
  "Textile Works",
  "Broadcasting Corporation",
  "Grain Exchange",
  "Aviation Group",
];
const ORG_KINDS_BEFORE = [
  "Ministry of Transport of",
  "National Bank of",
  "University of",
  "Institute of Soil Studies of",
];
const CYRILLIC_ORG_STEMS = ["Ветро", "Камы", "Тала", "Нары", "Сол", "Жер", "Озер", "Степ", "Ала", "Берё"];
const CYRILLIC_ORG_ENDS = ["горье", "шбек", "строй", "ынсу", "тау", "ковье", "ряд", "зор"];
const CYRILLIC_ORG_KINDS = ["Агентство", "Союз", "Фонд", "Завод", "Кооператив", "Банк"];

function inventPerson(random: Random): string {
  const style = random.weighted(STYLES.map((s) => [s, s.weight] as const));
  const given = random.pick(style.givenStarts) + random.pick(style.givenEnds);
  const surname =
    random.pick(style.surnameStarts) + random.pick(style.surnameMiddles) + random.pick(style.surnameEnds);
  return `${given} ${surname}`;
}

function inventOrganization(random: Random): string {
  if (random.chance(0.12)) {
    const stem = random.pick(CYRILLIC_ORG_STEMS) + random.pick(CYRILLIC_ORG_ENDS);
    return `${random.pick(CYRILLIC_ORG_KINDS)} «${stem}»`;
  }
  const stem = random.pick(ORG_STEM_STARTS) + random.pick(ORG_STEM_MIDDLES) + random.pick(ORG_STEM_ENDS);
  return random.chance(0.15)
    ? `${random.pick(ORG_KINDS_BEFORE)} ${stem}`
    : `${stem} ${random.pick(ORG_KINDS_AFTER)}`;
}

/**
 * `count` different names from `invent`, no two of which share a slug (Dateline fails a build on a slug
 * collision). Throws if the name space is too small to give that many.
 */
function uniqueNames(count: number, random: Random, invent: (random: Random) => string): string[] {
  const names: string[] = [];
  const slugs = new Set<string>();
  let misses = 0;
  while (names.length < count) {
    const name = invent(random);
    const slug = slugify(name);
    if (slug === "" || slugs.has(slug)) {
      if (++misses > 100 * count + 10_000)
        throw new Error(`could not invent ${count} names with distinct slugs`);
      continue;
    }
    slugs.add(slug);
    names.push(name);
  }
  return names;
}

export function inventPeople(count: number, random: Random): string[] {
  return uniqueNames(count, random, inventPerson);
}

export function inventOrganizations(count: number, random: Random): string[] {
  return uniqueNames(count, random, inventOrganization);
}
