import { mark } from "../core/trace.ts";
import type { Diagnostic } from "../core/types.ts";
import { longHeadline, missingDateline, missingSummary } from "./article-fields.ts";
import { entitiesNotInBody } from "./entity-in-body.ts";
import { probableVariants } from "./entity-variants.ts";
import { removedHtml } from "./removed-html.ts";
import type { LintInput } from "./types.ts";
import { unknownArticleKeys, unknownAuthorKeys, unknownRegistryKeys } from "./unknown-keys.ts";
import { unusedRegistryEntities } from "./unused-entities.ts";
import { vanishedUrls } from "./vanished-urls.ts";

export { articleWarnings } from "./reading.ts";
export type { LintInput, PublishedArticles } from "./types.ts";

/** A warning rule: a plain function from the loaded content to its warnings. */
export type LintRule = (input: LintInput) => Diagnostic[];

/** Every warning rule of `npm run check`, by rule id, in the order they run. */
export const LINT_RULES: readonly { id: string; run: LintRule }[] = [
  { id: "article/unknown-key", run: unknownArticleKeys },
  { id: "registry/unknown-key", run: unknownRegistryKeys },
  { id: "author/unknown-key", run: unknownAuthorKeys },
  { id: "article/missing-dateline", run: missingDateline },
  { id: "article/missing-summary", run: missingSummary },
  { id: "article/long-headline", run: longHeadline },
  { id: "article/entity-not-in-body", run: entitiesNotInBody },
  { id: "entity/probable-variant", run: probableVariants },
  { id: "registry/unused-entity", run: unusedRegistryEntities },
  { id: "html/removed", run: removedHtml },
  { id: "article/vanished-url", run: vanishedUrls },
];

/** Runs every warning rule. Never throws on content; returns warnings only (errors come from loading). */
export function lintContent(input: LintInput): Diagnostic[] {
  return LINT_RULES.flatMap((rule) => {
    const found = rule.run(input);
    mark(rule.id);
    return found;
  });
}
