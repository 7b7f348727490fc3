import type { Random } from "./random.ts";

/** Invented news prose in markdown: paragraphs, links, quoted speech, blockquotes, lists and sub-headings. */
export interface ProseCast {
  people: readonly string[];
  organizations: readonly string[];
  place: string;
}

const NOUNS = [
  "ferry",
  "harbour",
  "tariff",
  "budget",
  "council",
  "bridge",
  "pipeline",
  "harvest",
  "school",
  "hospital",
  "court",
  "election",
  "reservoir",
  "railway",
  "market",
  "festival",
  "museum",
  "contract",
  "factory",
  "airport",
  "road",
  "exhibition",
  "treaty",
  "report",
  "inquiry",
  "strike",
  "union",
  "ministry",
  "delegation",
  "forecast",
  "vineyard",
  "quarry",
  "library",
  "stadium",
  "theatre",
  "shipyard",
  "terminal",
  "loan",
  "grant",
  "survey",
];
const VERBS = [
  "approved",
  "rejected",
  "delayed",
  "announced",
  "reviewed",
  "opened",
  "closed",
  "extended",
  "signed",
  "questioned",
  "welcomed",
  "criticised",
  "funded",
  "postponed",
  "doubled",
  "halved",
  "inspected",
  "renamed",
  "defended",
  "published",
  "proposed",
  "expanded",
  "suspended",
  "restored",
];
const ADJECTIVES = [
  "new",
  "regional",
  "disputed",
  "long-awaited",
  "annual",
  "temporary",
  "revised",
  "national",
  "coastal",
  "northern",
  "southern",
  "modest",
  "ambitious",
  "second",
  "final",
  "local",
  "joint",
  "quarterly",
  "rural",
];
const FILLERS = [
  "the",
  "a",
  "of",
  "in",
  "on",
  "for",
  "with",
  "after",
  "before",
  "during",
  "while",
  "and",
  "but",
  "that",
  "its",
  "their",
  "this",
  "last",
  "next",
  "week",
  "month",
  "year",
  "officials",
  "residents",
  "workers",
  "said",
  "would",
  "could",
  "has",
  "had",
  "been",
  "more",
  "than",
  "about",
  "over",
  "under",
  "from",
  "by",
];
const SPEECH_VERBS = [
  "said",
  "told reporters",
  "added",
  "said in a statement",
  "wrote on Friday",
  "told a briefing",
];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Words as a reader counts them: markup such as `-`, `>` and `##` is not a word. */
export function countWords(markdown: string): number {
  return markdown.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

export class ProseWriter {
  constructor(
    private readonly random: Random,
    private readonly cast: ProseCast,
  ) {}

  private word(): string {
    const r = this.random.next();
    if (r < 0.35) return this.random.pick(NOUNS);
    if (r < 0.5) return this.random.pick(VERBS);
    if (r < 0.62) return this.random.pick(ADJECTIVES);
    if (r < 0.64) return String(this.random.int(2, 2400));
    return this.random.pick(FILLERS);
  }

  private name(): string {
    const { people, organizations } = this.cast;
    if (people.length > 0 && (organizations.length === 0 || this.random.chance(0.6)))
      return this.random.pick(people);
    if (organizations.length > 0) return this.random.pick(organizations);
    return "officials";
  }

  private link(): string {
    const text = [this.random.pick(ADJECTIVES), this.random.pick(NOUNS)].join(" ");
    const path = `${this.random.pick(NOUNS)}/${this.random.int(1000, 99999)}`;
    return this.random.chance(0.15)
      ? `https://records.example.test/${path}`
      : `[${text}](https://records.example.test/${path})`;
  }

  /** One sentence without the final full stop. */
  clause(minWords = 7, maxWords = 22): string {
    const length = this.random.int(minWords, maxWords);
    const parts: string[] = [];
    for (let i = 0; i < length; i++) {
      const r = this.random.next();
      if (r < 0.04) {
        parts.push(this.name());
      } else if (r < 0.055) {
        parts.push(this.link());
      } else if (r < 0.07) {
        parts.push(`*${this.word()}*`);
      } else if (r < 0.075) {
        parts.push(`**${this.word()}**`);
      } else {
        parts.push(this.word());
      }
    }
    return capitalize(parts.join(" "));
  }

  sentence(): string {
    return `${this.clause()}.`;
  }

  private paragraph(): string {
    const count = this.random.int(2, 5);
    return Array.from({ length: count }, () => this.sentence()).join(" ");
  }

  private quotedSpeech(): string {
    const speaker = this.name();
    const verb = this.random.pick(SPEECH_VERBS);
    const quote = this.clause(6, 18);
    // Straight and curly quotes both occur in newsroom copy; the typographer turns straight ones curly.
    return this.random.chance(0.5)
      ? `"${quote}," ${speaker} ${verb}. ${this.sentence()}`
      : `“${quote},” ${verb.split(" ")[0]} ${speaker}, ${this.clause(5, 12).toLowerCase()}.`;
  }

  private blockquote(): string {
    const lines = Array.from({ length: this.random.int(1, 3) }, () => `> ${this.sentence()}`);
    const who = this.name();
    return `${lines.join("\n>\n")}\n>\n> — ${who}`;
  }

  private list(): string {
    const ordered = this.random.chance(0.35);
    const items = Array.from({ length: this.random.int(3, 6) }, (_, i) => {
      const item = this.clause(3, 10);
      return ordered ? `${i + 1}. ${item}` : `- ${item}`;
    });
    return `${capitalize(this.clause(4, 9))}:\n\n${items.join("\n")}`;
  }

  private heading(): string {
    const words = this.random.int(2, 5);
    return `## ${capitalize(Array.from({ length: words }, () => this.random.pick(NOUNS)).join(" "))}`;
  }

  /**
   * A body of at least `targetWords` words (and a few more at most), in markdown blocks separated by blank
   * lines. Near the target, short sentences fill the gap so long blocks do not overshoot it.
   */
  body(targetWords: number): string {
    const blocks: string[] = [this.paragraph()];
    let words = countWords(blocks[0] ?? "");
    const push = (block: string) => {
      blocks.push(block);
      words += countWords(block);
    };
    while (words < targetWords) {
      const remaining = targetWords - words;
      if (remaining < 60) {
        push(
          `${this.clause(Math.max(3, Math.min(remaining, 20) - 3), Math.max(3, Math.min(remaining, 22)))}.`,
        );
        continue;
      }
      const kind = this.random.weighted([
        ["paragraph", 10],
        ["speech", 4],
        ["blockquote", 1.5],
        ["list", 1.5],
        ["heading", 1],
      ] as const);
      if (kind === "paragraph") push(this.paragraph());
      else if (kind === "speech") push(this.quotedSpeech());
      else if (kind === "blockquote") push(this.blockquote());
      else if (kind === "list") push(this.list());
      else if (blocks.at(-1)?.startsWith("## ") !== true) push(this.heading());
    }
    return `${blocks.join("\n\n")}\n`;
  }
}

/** A headline: "Velmora Ports Agency approved revised ferry tariff". */
export function headline(random: Random, subject: string): string {
  const parts = [subject, random.pick(VERBS), random.pick(ADJECTIVES), random.pick(NOUNS)];
  if (random.chance(0.5)) parts.push(random.pick(["plan", "deal", "review", "talks", "works", "rules"]));
  return parts.join(" ");
}
