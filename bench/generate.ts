import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { slugify } from "../src/core/slug.ts";
import { articleDate } from "./dates.ts";
import { renderArticle } from "./frontmatter.ts";
import { inventOrganizations, inventPeople } from "./names.ts";
import { benchImage } from "./photos.ts";
import { headline, ProseWriter } from "./prose.ts";
import { Random } from "./random.ts";
import { ZipfSampler } from "./zipf.ts";

/**
 * A deterministic synthetic news archive: the same article count and seed always give byte-identical files.
 * People and organizations are drawn with Zipf-like frequencies, so a few appear in thousands of articles
 * (at 100,000) and most in a handful.
 */
export interface CorpusOptions {
  articles: number;
  seed?: number;
}

export interface CorpusArticle {
  /** Relative to the corpus's `articles/` folder: `2019/03/slug.md`. */
  path: string;
  content: string;
  people: readonly string[];
  organizations: readonly string[];
}

export interface CorpusSummary {
  articles: number;
  bytes: number;
  /** Distinct people and organizations that occur in at least one article. */
  people: number;
  organizations: number;
  /** How many articles the most frequent person appears in. */
  topPersonArticles: number;
}

export const DEFAULT_SEED = 20240301;

export const BENCH_SETTINGS = {
  title: "Bench Gazette",
  description: "A synthetic archive for Dateline's build benchmark.",
  baseUrl: "https://bench.example.test",
  language: "en",
  timeZone: "Asia/Baku",
  perPage: 20,
};

const DATELINES = [
  "BAKU, Azerbaijan",
  "GANJA, Azerbaijan",
  "LANKARAN, Azerbaijan",
  "ŞƏKİ, Azerbaijan",
  "TBILISI, Georgia",
  "ISTANBUL, Türkiye",
  "İZMİR, Türkiye",
  "WARSAW, Poland",
  "ŁÓDŹ, Poland",
  "BISHKEK, Kyrgyzstan",
  "ALMATY, Kazakhstan",
  "ASTANA, Kazakhstan",
];
const PEOPLE_PER_ARTICLE = [
  [0, 5],
  [1, 25],
  [2, 30],
  [3, 22],
  [4, 12],
  [5, 6],
] as const;
const ORGANIZATIONS_PER_ARTICLE = [
  [0, 15],
  [1, 40],
  [2, 30],
  [3, 15],
] as const;
const MAX_SLUG_WORDS = 7;

/** How many different people and organizations the archive draws from: it grows with the archive. */
export function populationSizes(articles: number): { people: number; organizations: number } {
  return { people: Math.ceil(articles * 0.25) + 40, organizations: Math.ceil(articles * 0.06) + 20 };
}

function uniqueSlug(title: string, taken: Set<string>): string {
  const base = slugify(title).split("-").slice(0, MAX_SLUG_WORDS).join("-") || "story";
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

/** The articles of the corpus, one at a time, in date order. */
export function* corpusArticles(options: CorpusOptions): Generator<CorpusArticle> {
  const seed = options.seed ?? DEFAULT_SEED;
  const sizes = populationSizes(options.articles);
  const people = inventPeople(sizes.people, new Random(seed, "people"));
  const organizations = inventOrganizations(sizes.organizations, new Random(seed, "organizations"));
  const peopleByRank = new ZipfSampler(people.length, 1, 3);
  const organizationsByRank = new ZipfSampler(organizations.length, 1, 2);
  const random = new Random(seed, "articles");
  const slugs = new Set<string>();

  for (let i = 0; i < options.articles; i++) {
    const date = articleDate(random, i, options.articles);
    const cast = {
      people: peopleByRank
        .sampleDistinct(random, random.weighted(PEOPLE_PER_ARTICLE))
        .map((rank) => people[rank] ?? ""),
      organizations: organizationsByRank
        .sampleDistinct(random, random.weighted(ORGANIZATIONS_PER_ARTICLE))
        .map((rank) => organizations[rank] ?? ""),
      place: random.pick(DATELINES),
    };
    const subject = cast.organizations[0] ?? cast.people[0] ?? "City council";
    const title = headline(random, subject);
    const writer = new ProseWriter(random, cast);
    const summary = writer.sentence();
    const body = writer.body(random.int(400, 680));
    const slug = uniqueSlug(title, slugs);
    // Chosen by position, not drawn: the rest of the corpus stays as it was without photos.
    const image = benchImage(i);
    yield {
      path: `${date.folder}/${slug}.md`,
      content: renderArticle(
        { title, date: date.text, dateline: cast.place, summary, ...cast, ...(image ? { image } : {}) },
        body,
      ),
      people: cast.people,
      organizations: cast.organizations,
    };
  }
}

/**
 * Writes `site.json` and `articles/**` into `dir` (which may exist and should be empty). The articles' photos
 * are written by `writeBenchPhotos` (photos.ts), which is asynchronous.
 */
export function writeCorpus(dir: string, options: CorpusOptions): CorpusSummary {
  const articlesDir = path.join(dir, "articles");
  mkdirSync(articlesDir, { recursive: true });
  writeFileSync(path.join(dir, "site.json"), `${JSON.stringify(BENCH_SETTINGS, null, 2)}\n`);
  const made = new Set<string>();
  const personCounts = new Map<string, number>();
  const organizationsSeen = new Set<string>();
  let bytes = 0;
  let count = 0;
  for (const article of corpusArticles(options)) {
    const file = path.join(articlesDir, article.path);
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(file, article.content);
    bytes += Buffer.byteLength(article.content);
    count++;
    for (const person of article.people) personCounts.set(person, (personCounts.get(person) ?? 0) + 1);
    for (const organization of article.organizations) organizationsSeen.add(organization);
  }
  return {
    articles: count,
    bytes,
    people: personCounts.size,
    organizations: organizationsSeen.size,
    topPersonArticles: Math.max(0, ...personCounts.values()),
  };
}
