import type { EntityRef, Language, Translation } from "../core/types.ts";
import { inLanguage } from "../core/urls.ts";

const localRefs = new WeakMap<EntityRef, Map<string, EntityRef>>();

/**
 * An entity as a language's pages link to it: the same entity (one registry entry, one slug) with its URL
 * under the language's prefix (`/ru/people/x/`), named `name` (the spelling the language's articles use, see
 * `spellingsIn`). The default language keeps the shared object; the others get one copy per entity and
 * language, made on first use and shared by every article naming it.
 */
export function localRef(ref: EntityRef, lang: Language, name?: string): EntityRef {
  if (lang.isDefault) return ref;
  let copies = localRefs.get(ref);
  if (!copies) {
    copies = new Map();
    localRefs.set(ref, copies);
  }
  let copy = copies.get(lang.tag);
  if (!copy) {
    copy = { ...ref, name: name ?? ref.name, url: inLanguage(ref.url, lang.prefix) };
    copies.set(lang.tag, copy);
  }
  return copy;
}

/**
 * How the articles of one language spell each entity: the spelling written most often (the newest first on
 * ties), so that a Russian page names `Эльвин Тагизаде` where the registry says `Elvin Tağızadə`.
 * `written` lists, per article of the language, each entity it names with the name as written.
 */
export function spellingsIn(written: readonly { ref: EntityRef; name: string }[][]): Map<EntityRef, string> {
  const counts = new Map<EntityRef, Map<string, number>>();
  for (const names of written)
    for (const { ref, name } of names) {
      const byName = counts.get(ref) ?? new Map<string, number>();
      byName.set(name, (byName.get(name) ?? 0) + 1);
      counts.set(ref, byName);
    }
  const spellings = new Map<EntityRef, string>();
  for (const [ref, byName] of counts) {
    let best: [string, number] | undefined;
    for (const entry of byName) if (!best || entry[1] > best[1]) best = entry;
    if (best) spellings.set(ref, best[0]);
  }
  return spellings;
}

/** What a translation group needs of each of its articles. */
export interface TranslatedVersion {
  lang: Language;
  url: string;
  title: string;
  translationKey?: string;
}

/**
 * Links the versions of each story: articles sharing a `translationKey` (at most one per language, checked
 * with the content). For each article, its translations (itself included, in the order of the site's
 * languages) and the hreflang alternates of its head (the translations plus `x-default`, the default
 * language's version, when there is one). Both are empty for an article without translations, so every
 * page lists the same group: the alternates are reciprocal.
 */
export function translationsOf(
  versions: readonly TranslatedVersion[],
  languages: readonly Language[],
): { translations: Translation[]; alternates: Translation[] }[] {
  const order = new Map(languages.map((lang, i) => [lang.tag, i]));
  const groups = new Map<string, number[]>();
  versions.forEach((v, i) => {
    if (v.translationKey === undefined) return;
    const group = groups.get(v.translationKey);
    if (group) group.push(i);
    else groups.set(v.translationKey, [i]);
  });
  return versions.map((v, i) => {
    const group = v.translationKey === undefined ? undefined : groups.get(v.translationKey);
    if (!group || group.length < 2) return { translations: [], alternates: [] };
    const members = group
      .map((j) => ({ j, version: versions[j] as TranslatedVersion }))
      .sort((a, b) => (order.get(a.version.lang.tag) ?? 0) - (order.get(b.version.lang.tag) ?? 0));
    const translations: Translation[] = members.map(({ j, version }) => ({
      hreflang: version.lang.tag,
      name: version.lang.name,
      url: version.url,
      title: version.title,
      current: j === i,
    }));
    const fallback = members.find(({ version }) => version.lang.isDefault);
    const alternates = fallback
      ? [
          ...translations,
          {
            hreflang: "x-default",
            name: fallback.version.lang.name,
            url: fallback.version.url,
            title: fallback.version.title,
            current: fallback.j === i,
          },
        ]
      : translations;
    return { translations, alternates };
  });
}
