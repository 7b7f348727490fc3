import { containsWords, fold, nameKey } from "../core/names.ts";
import { ENTITY_KINDS, type EntityKind, type RegistryEntry } from "../core/types.ts";
import { NER_TAGS, recognizeNames, splitSentences } from "./ner.ts";
import type { WireStory } from "./parse.ts";
import { findPatterns, type PatternFind } from "./patterns.ts";

/** Where a name was found and what found it. */
export interface Finding {
  /** 1-based paragraph of the body (the lead's paragraph is 1). */
  paragraph: number;
  /** 1-based sentence within the paragraph. */
  sentence: number;
  /** `registry`, `registry alias "OTS"`, `pattern "Minister … X Y"`, `compromise #Place`, … */
  by: string;
}

export interface Suggestion {
  kind: EntityKind;
  name: string;
  findings: Finding[];
  /** The registry file of the entity, if it has one. */
  registryFile?: string;
  /** Found as the agency the story came from: a candidate for `source`. */
  agency: boolean;
}

/** The sentences of a story, with their paragraph and sentence numbers. */
export interface Sentence {
  paragraph: number;
  sentence: number;
  text: string;
}

export function storySentences(story: WireStory): Sentence[] {
  return story.paragraphs.flatMap((p, i) =>
    splitSentences(p).map((text, j) => ({ paragraph: i + 1, sentence: j + 1, text })),
  );
}

interface Find {
  kind: EntityKind;
  name: string;
  strength: number;
  at: Finding;
  registryFile?: string;
  agency?: boolean;
  abbreviation?: string;
}

const STRENGTH = { registry: 3, pattern: 2, lead: 2, ner: 1 } as const;

function registryFinds(sentences: readonly Sentence[], registry: readonly RegistryEntry[]): Find[] {
  const spellings = registry.flatMap((entry) =>
    [entry.name, ...entry.aliases].map((spelling) => ({ entry, spelling, folded: fold(spelling) })),
  );
  const finds: Find[] = [];
  for (const s of sentences) {
    const text = fold(s.text);
    for (const { entry, spelling, folded } of spellings) {
      if (!containsWords(text, folded)) continue;
      const how = spelling === entry.name ? "registry" : `registry alias "${spelling}"`;
      finds.push({
        kind: entry.kind,
        name: entry.name,
        strength: STRENGTH.registry,
        at: { paragraph: s.paragraph, sentence: s.sentence, by: how },
        registryFile: entry.file,
      });
    }
  }
  return finds;
}

function patternFinds(sentences: readonly Sentence[]): Find[] {
  return sentences.flatMap((s) =>
    findPatterns(s.text).map((f: PatternFind): Find => {
      const find: Find = {
        kind: f.kind,
        name: f.name,
        strength: STRENGTH.pattern,
        at: { paragraph: s.paragraph, sentence: s.sentence, by: `pattern "${f.pattern}"` },
      };
      if (f.agency) find.agency = true;
      if (f.abbreviation) find.abbreviation = f.abbreviation;
      return find;
    }),
  );
}

function nerFinds(sentences: readonly Sentence[]): Find[] {
  return sentences.flatMap((s) =>
    recognizeNames(s.text).map(
      (f): Find => ({
        kind: f.kind,
        name: f.name,
        strength: STRENGTH.ner,
        at: { paragraph: s.paragraph, sentence: s.sentence, by: `compromise ${NER_TAGS[f.kind]}` },
      }),
    ),
  );
}

/**
 * Suggests the people, organizations and places of a wire story: registry names and aliases found in the
 * text, the news patterns of `patterns.ts`, and compromise's named-entity recognition. A name found several
 * ways is one suggestion listing every finding; an abbreviation (`OTS`) or registry alias counts as its full
 * name; when the finders disagree on the kind, the registry wins, then the patterns. The dateline's city is
 * left out: the article's place already.
 */
export function suggestEntities(
  story: WireStory,
  sentences: readonly Sentence[],
  registry: readonly RegistryEntry[],
): Suggestion[] {
  const finds = [...registryFinds(sentences, registry), ...patternFinds(sentences), ...nerFinds(sentences)];
  if (story.agency) {
    finds.push({
      kind: "organization",
      name: story.agency,
      strength: STRENGTH.lead,
      at: { paragraph: 1, sentence: 0, by: `dateline lead "(${story.agency})"` },
      agency: true,
    });
  }

  // Registry names and aliases, and abbreviations the text defines, resolve to a full name.
  const canonical = new Map<string, { kind: EntityKind; name: string; registryFile?: string }>();
  for (const entry of registry) {
    for (const spelling of [entry.name, ...entry.aliases]) {
      const key = fold(spelling);
      if (!canonical.has(key))
        canonical.set(key, { kind: entry.kind, name: entry.name, registryFile: entry.file });
    }
  }
  for (const f of finds) {
    if (f.abbreviation && !canonical.has(fold(f.abbreviation))) {
      canonical.set(fold(f.abbreviation), { kind: f.kind, name: f.name });
    }
  }

  const groups = new Map<string, Find[]>();
  for (const f of finds) {
    const resolved = canonical.get(fold(f.name));
    const find: Find = resolved
      ? {
          ...f,
          kind: resolved.kind,
          name: resolved.name,
          ...(resolved.registryFile
            ? { registryFile: resolved.registryFile, strength: STRENGTH.registry }
            : {}),
        }
      : f;
    const key = fold(find.name);
    groups.set(key, [...(groups.get(key) ?? []), find]);
  }

  const city = fold(story.city);
  const suggestions: Suggestion[] = [];
  for (const [key, group] of groups) {
    if (key === city) continue;
    const strongest = Math.max(...group.map((f) => f.strength));
    const best = group.find((f) => f.strength === strongest);
    if (!best) continue;
    const findings: Finding[] = [];
    for (const f of group) {
      if (
        !findings.some(
          (x) => x.paragraph === f.at.paragraph && x.sentence === f.at.sentence && x.by === f.at.by,
        )
      )
        findings.push(f.at);
    }
    findings.sort((a, b) => a.paragraph - b.paragraph || a.sentence - b.sentence);
    const suggestion: Suggestion = {
      kind: best.kind,
      name: best.name,
      findings,
      agency: group.some((f) => f.agency),
    };
    const registryFile = group.find((f) => f.registryFile)?.registryFile;
    if (registryFile) suggestion.registryFile = registryFile;
    suggestions.push(suggestion);
  }
  const firstSeen = (s: Suggestion) =>
    (s.findings[0]?.paragraph ?? 0) * 1000 + (s.findings[0]?.sentence ?? 0);
  return suggestions.sort(
    (a, b) => ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind) || firstSeen(a) - firstSeen(b),
  );
}

/**
 * Whether two names are the same for the build (letter case and spaces aside), in the site's `language`: on
 * an `az` or `tr` site `Ilgın` and `İlgın` are two names (`nameKey`).
 */
export function sameName(a: string, b: string, language?: string): boolean {
  return nameKey(a, language) === nameKey(b, language);
}
