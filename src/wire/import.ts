import { parseDocument } from "../content/frontmatter.ts";
import { displayPath } from "../content/load.ts";
import { validateArticle } from "../content/validate.ts";
import { diagnostic } from "../core/diagnostics.ts";
import {
  type Diagnostic,
  ENTITY_FIELD,
  ENTITY_KINDS,
  type EntityKind,
  type RegistryEntry,
  type SiteSettings,
} from "../core/types.ts";
import { articlePath, renderArticleFile, slugForHeadline, yamlScalar } from "./article-file.ts";
import { proposeHeadline } from "./headline.ts";
import { escapeParagraph } from "./markdown-body.ts";
import { parseWire, type WireStory } from "./parse.ts";
import { type Suggestion, storySentences, suggestEntities } from "./suggest.ts";

export interface ImportOptions {
  contentDir: string;
  settings: SiteSettings;
  registry: readonly RegistryEntry[];
  /** The headline; without it one is proposed from the first sentence and marked for rewriting. */
  title?: string;
  /** Write the suggestions into the frontmatter (otherwise they are written as comments). */
  accept: boolean;
}

/** What importing one wire file would write, and why. */
export interface ImportPlan {
  wireFile: string;
  story: WireStory;
  /** The article file to create: `content/articles/YYYY/MM/<slug>.md`. */
  target: string;
  text: string;
  title: string;
  /** The headline was proposed from the first sentence, not given. */
  proposed: boolean;
  suggestions: Suggestion[];
  /** The agency suggested for `source`. */
  source?: string;
  /** Warnings about the wire copy (the import goes ahead). */
  diagnostics: Diagnostic[];
}

export const PROPOSED_TITLE_COMMENT =
  "TODO: rewrite this headline, proposed from the first sentence by npm run import\n" +
  "(the file name, which gives the URL, was made from it: rename the file to match)";

function namesOf(suggestions: readonly Suggestion[], kind: EntityKind): string[] {
  return suggestions.filter((s) => s.kind === kind).map((s) => s.name);
}

/** The suggestions as commented-out frontmatter, for the editor to uncomment. */
function suggestionComment(suggestions: readonly Suggestion[], source: string | undefined): string[] {
  if (suggestions.length === 0) return [];
  const lines = ["Suggested by npm run import (uncomment what is right, or import with --accept):"];
  if (source) lines.push(`source: ${yamlScalar(source)}`);
  for (const kind of ENTITY_KINDS) {
    const names = namesOf(suggestions, kind);
    if (names.length > 0) lines.push(`${ENTITY_FIELD[kind]}:`, ...names.map((n) => `  - ${yamlScalar(n)}`));
  }
  return lines;
}

/**
 * Plans the import of one wire file: reads the copy, proposes a headline if none is given, suggests the
 * entities, and renders the article file. Writes nothing; never throws on bad copy.
 */
export function planImport(
  wireFile: string,
  raw: string,
  options: ImportOptions,
): { plan?: ImportPlan; diagnostics: Diagnostic[] } {
  const { story, diagnostics } = parseWire(wireFile, raw);
  if (!story) return { diagnostics };
  const sentences = storySentences(story);
  const proposed = options.title === undefined;
  const title = (options.title ?? proposeHeadline(sentences[0]?.text ?? story.paragraphs[0] ?? "")).trim();
  const slug = slugForHeadline(title);
  if (slug === "") {
    return {
      diagnostics: [
        ...diagnostics,
        diagnostic(
          "error",
          "wire/invalid-title",
          wireFile,
          1,
          `the headline ${JSON.stringify(title)} has no letters or digits for a file name; expected a headline in words`,
          { hint: "give one with --title" },
        ),
      ],
    };
  }
  const suggestions = suggestEntities(story, sentences, options.registry);
  const source = suggestions.find((s) => s.agency)?.name;
  const target = articlePath(options.contentDir, story.date.replace(/-/g, "/"), slug);
  const accepted = options.accept;
  const text = renderArticleFile({
    title,
    ...(proposed ? { titleComment: PROPOSED_TITLE_COMMENT } : {}),
    date: story.date,
    dateline: story.dateline,
    ...(accepted && source ? { source } : {}),
    people: accepted ? namesOf(suggestions, "person") : [],
    organizations: accepted ? namesOf(suggestions, "organization") : [],
    places: accepted ? namesOf(suggestions, "place") : [],
    ...(accepted ? {} : { trailingComment: suggestionComment(suggestions, source) }),
    body: story.paragraphs.map(escapeParagraph).join("\n\n"),
  });

  // The article must be one the build accepts; anything else is a bug here, reported rather than written.
  const parsed = parseDocument(displayPath(target), text);
  const problems = parsed.document
    ? validateArticle(parsed.document, options.settings).diagnostics
    : parsed.diagnostics;
  if (problems.length > 0) return { diagnostics: [...diagnostics, ...problems] };

  const plan: ImportPlan = { wireFile, story, target, text, title, proposed, suggestions, diagnostics };
  if (source) plan.source = source;
  return { plan, diagnostics };
}
