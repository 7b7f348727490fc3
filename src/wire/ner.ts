import nlp from "compromise";
import type { EntityKind } from "../core/types.ts";

/** The part of compromise's JSON output read here. */
interface CompromiseMatch {
  terms: { text: string; pre: string; post: string }[];
}

/** compromise's tag for each kind, as shown to the editor. */
export const NER_TAGS: Record<EntityKind, string> = {
  person: "#Person",
  organization: "#Organization",
  place: "#Place",
};

/** A sentence's sentences as compromise splits them (it knows `Dec. 15` and `U.S.` are not ends). */
export function splitSentences(paragraph: string): string[] {
  const sentences = (nlp(paragraph).sentences().out("array") as string[]).map((s) => s.trim());
  return sentences.filter((s) => s !== "");
}

/** `city of Shusha` → `Shusha`, `Azerbaijan’s` → `Azerbaijan`, `OTS,` → `OTS`; undefined if not a name. */
export function cleanName(text: string): string | undefined {
  const name = text
    .replace(/\s+/g, " ")
    .replace(/^[\s"“”'‘’(]+|[\s"“”'‘’).,;:!?]+$/gu, "")
    .replace(/['’]s$/u, "")
    .replace(/^(?:the|(?:city|town|village|region|district|province|island) of)\s+/iu, "")
    .trim();
  if (name === "" || /["“”\d]/u.test(name) || !/^\p{Lu}/u.test(name)) return undefined;
  return name;
}

/** People, organizations and places that compromise's named-entity recognition finds in a sentence. */
export function recognizeNames(sentence: string): { kind: EntityKind; name: string }[] {
  const doc = nlp(sentence);
  const views: [EntityKind, CompromiseMatch[]][] = [
    ["person", doc.people().json() as CompromiseMatch[]],
    ["organization", doc.organizations().json() as CompromiseMatch[]],
    ["place", doc.places().json() as CompromiseMatch[]],
  ];
  const found: { kind: EntityKind; name: string }[] = [];
  for (const [kind, matches] of views) {
    for (const match of matches) {
      const raw = match.terms.map((t) => t.text).join(" ");
      // A quoted title, such as "Cultural Capital of the Turkic World", is not a name.
      if (match.terms.some((t) => /["“”]/u.test(t.pre + t.text + t.post))) continue;
      const name = cleanName(raw);
      if (!name) continue;
      // A single word is too often a surname or a stray capital to suggest as a person.
      if (kind === "person" && name.split(" ").length < 2) continue;
      found.push({ kind, name });
    }
  }
  return found;
}
