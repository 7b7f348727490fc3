import type { EntityKind } from "../core/types.ts";

/** A name found in a sentence by one of the news patterns below. */
export interface PatternFind {
  kind: EntityKind;
  name: string;
  /** How the pattern is shown to the editor, e.g. `Minister … X Y`. */
  pattern: string;
  /** The span of the whole match in the sentence (title and name), for shortening headlines. */
  start: number;
  end: number;
  /** An abbreviation the text gives the name: `OTS` for the Organization of Turkic States. */
  abbreviation?: string;
  /** The agency the story came from (`told Trend`), a candidate for the `source` field. */
  agency?: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
  type: "cap" | "connector" | "paren" | "other";
}

const CONNECTORS = new Set(["of", "for", "the"]);
const WORD = /\(([^()\s]{2,12})\)|[\p{L}\p{M}][\p{L}\p{M}'’.-]*|\S/gu;

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(WORD)) {
    const text = m[0];
    const start = m.index ?? 0;
    const type = text.startsWith("(")
      ? "paren"
      : CONNECTORS.has(text)
        ? "connector"
        : /^\p{Lu}/u.test(text)
          ? "cap"
          : "other";
    tokens.push({ text, start, end: start + text.length, type });
  }
  return tokens;
}

/** Titles that come before a person's name in wire copy, longest first. */
const TITLES = [
  "Deputy Prime Minister",
  "Prime Minister",
  "Secretary General",
  "Secretary-General",
  "Vice President",
  "Vice-President",
  "Director General",
  "Director-General",
  "Chief Executive",
  "Minister",
  "President",
  "Ambassador",
  "Chairman",
  "Chairwoman",
  "Chairperson",
  "Spokesperson",
  "Spokesman",
  "Spokeswoman",
  "Director",
  "Governor",
  "Mayor",
  "Speaker",
  "Commissioner",
  "Envoy",
  "Chancellor",
  "Premier",
  "Adviser",
  "Advisor",
  "Head",
  "Rector",
  "Ombudsman",
].map((t) => t.split(/(?<=\S)\s+/));

/** Words that belong to an institution's name, never to a person's: they end the title, not start the name. */
const INSTITUTION_WORDS = new Set(
  (
    "Ministry Affairs Foreign Republic Organization Organisation Union States State Council Committee " +
    "Bank Agency Office Department Defense Defence Economy Interior Justice Health Education Energy Culture " +
    "Finance Trade National International General Assembly Parliament Government Federation Kingdom Nations " +
    "Community Cooperation Security Commission Service Authority Company Corporation Fund University " +
    "Institute Association Secretariat Cabinet Presidential Administration Development Agriculture Transport " +
    "Relations Ecology Resources Emergency Situations Labour Labor Youth Sports Digital Technologies"
  ).split(" "),
);

function isNameWord(token: Token): boolean {
  return token.type === "cap" && /\p{Ll}/u.test(token.text) && !INSTITUTION_WORDS.has(token.text);
}

function titleAt(tokens: readonly Token[], i: number): string[] | undefined {
  return TITLES.find((words) => words.every((w, k) => tokens[i + k]?.text === w));
}

/**
 * `Minister of Foreign Affairs of Azerbaijan Jeyhun Bayramov`, `Minister Jeyhun Bayramov`, `Secretary
 * General of the Organization of Turkic States (OTS) Kubanychbek Omuraliev`: a title, optionally the
 * institution (`of …`, an abbreviation in parentheses), then a name of two or three capitalized words.
 */
function titledPeople(sentence: string, tokens: readonly Token[]): PatternFind[] {
  const finds: PatternFind[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const title = titleAt(tokens, i);
    if (!title) continue;
    let k = i + title.length;
    while (k < tokens.length && tokens[k]?.type !== "other" && !titleAt(tokens, k)) k++;
    // The trailing run of capitalized words is the name, minus the institution's last word(s).
    let runStart = k;
    while (runStart > i + title.length && tokens[runStart - 1]?.type === "cap") runStart--;
    let run = tokens.slice(runStart, k);
    const before = tokens[runStart - 1];
    const lastInstitutionWord = run.findLastIndex((t) => !isNameWord(t));
    if (lastInstitutionWord !== -1) run = run.slice(lastInstitutionWord + 1);
    else if (before && before.type === "connector" && runStart > i + title.length) run = run.slice(1);
    if (run.length < 2 || run.length > 3 || !run.every(isNameWord)) {
      i = Math.max(i, k - 1);
      continue;
    }
    // The span to replace when shortening a headline: any capitalized words and `the` before the title too.
    let spanStart = i;
    while (spanStart > 0 && tokens[spanStart - 1]?.type === "cap") spanStart--;
    if (tokens[spanStart - 1]?.text.toLowerCase() === "the") spanStart--;
    const last = run[run.length - 1];
    finds.push({
      kind: "person",
      name: run.map((t) => t.text).join(" "),
      pattern: `${title.join(" ")} … X Y`,
      start: tokens[spanStart]?.start ?? 0,
      end: last?.end ?? sentence.length,
    });
    i = k - 1;
  }
  return finds;
}

function initials(tokens: readonly Token[]): string {
  return tokens
    .filter((t) => t.type === "cap")
    .map((t) => t.text[0] ?? "")
    .join("")
    .toUpperCase();
}

/**
 * `… of the Organization of Turkic States (OTS)`: capitalized words followed by an abbreviation in
 * parentheses. The name is the run of words whose initials spell the abbreviation, else the words after
 * the last `the`.
 */
function abbreviatedOrganizations(tokens: readonly Token[]): PatternFind[] {
  const finds: PatternFind[] = [];
  tokens.forEach((paren, p) => {
    const abbreviation = paren.type === "paren" ? paren.text.slice(1, -1) : "";
    if (!/^\p{Lu}[\p{L}&]+$/u.test(abbreviation) || (abbreviation.match(/\p{Lu}/gu) ?? []).length < 2) return;
    let start = p;
    while (start > 0 && ["cap", "connector"].includes(tokens[start - 1]?.type ?? "")) start--;
    let name: Token[] | undefined;
    for (let s = p - 1; s >= start; s--) {
      const candidate = tokens.slice(s, p);
      if (candidate[0]?.type === "cap" && initials(candidate) === abbreviation.toUpperCase()) {
        name = candidate;
        break;
      }
    }
    if (!name) {
      const the = tokens.slice(start, p).findLastIndex((t) => t.text.toLowerCase() === "the");
      const after = the === -1 ? [] : tokens.slice(start + the + 1, p);
      if (after.length >= 2 && after[0]?.type === "cap") name = after;
    }
    const first = name?.[0];
    const last = name?.[name.length - 1];
    if (!name || !first || !last) return;
    finds.push({
      kind: "organization",
      name: name.map((t) => t.text).join(" "),
      pattern: "… of the <Organization> (<ABBR>)",
      start: first.start,
      end: paren.end,
      abbreviation,
    });
  });
  return finds;
}

const NAME_WORDS = String.raw`\p{Lu}[\p{L}\p{M}'’&-]*(?:\s+\p{Lu}[\p{L}\p{M}'’&-]*){0,2}`;
const TOLD = new RegExp(String.raw`\b(?:told|reports|reported to)\s+(${NAME_WORDS})(?=\s*[.,;]|\s*$)`, "u");
const CITY_OF =
  /\b(?:city|town|village|district|region|province|island) of (\p{Lu}[\p{L}\p{M}'’-]+(?:[ -]\p{Lu}[\p{L}\p{M}'’-]+)?)/u;

/** Every name the news patterns find in one sentence. */
export function findPatterns(sentence: string): PatternFind[] {
  const tokens = tokenize(sentence);
  const finds = [...titledPeople(sentence, tokens), ...abbreviatedOrganizations(tokens)];
  const told = TOLD.exec(sentence);
  if (told?.[1]) {
    const start = told.index + told[0].length - told[1].length;
    finds.push({
      kind: "organization",
      name: told[1],
      pattern: "told <Agency>",
      start,
      end: start + told[1].length,
      agency: true,
    });
  }
  for (const m of sentence.matchAll(new RegExp(CITY_OF, "gu"))) {
    const name = m[1] ?? "";
    const start = (m.index ?? 0) + m[0].length - name.length;
    finds.push({ kind: "place", name, pattern: "the city of <Place>", start, end: start + name.length });
  }
  return finds;
}
