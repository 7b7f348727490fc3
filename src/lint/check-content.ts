import { readFileSync } from "node:fs";
import path from "node:path";
import { indexEntities } from "../content/entities.ts";
import { type ParsedDocument, parseDocument } from "../content/frontmatter.ts";
import { loadSources } from "../content/load.ts";
import { type Diagnostic, ENTITY_FIELD, ENTITY_KINDS } from "../core/types.ts";
import { byNewest, findDuplicateUrls, loadContent } from "../site/site.ts";
import { lintContent } from "./index.ts";
import { createItemLocator } from "./lines.ts";

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Valid articles read (0 when the settings could not be read). */
  articles: number;
  registryFiles: number;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Everything `npm run check` reports about a content folder, without rendering anything: the build's
 * errors (loading, validation, duplicate URLs, entity slugs) for every article, drafts and scheduled ones
 * included, then the warnings of `src/lint/`. Never throws on bad content.
 */
export async function checkContent(contentDir: string): Promise<CheckResult> {
  const { content, diagnostics } = await loadContent({ contentDir, preview: true });
  if (!content) return { diagnostics, articles: 0, registryFiles: 0 };

  const inputs = content.articles.map((a) => a.input).sort(byNewest);
  diagnostics.push(...findDuplicateUrls(inputs));
  const collator = new Intl.Collator(content.settings.language, { sensitivity: "base", numeric: true });
  diagnostics.push(...indexEntities(inputs, content.registry, collator).diagnostics);

  const registryDocuments: ParsedDocument[] = [];
  for (const kind of ENTITY_KINDS) {
    for (const source of await loadSources(path.join(contentDir, ENTITY_FIELD[kind]))) {
      const { document } = parseDocument(source.file, source.raw);
      if (document) registryDocuments.push(document);
    }
  }
  // Articles that failed validation: their keys may explain why (`titel:` → missing title).
  const valid = new Set(content.articles.map((a) => a.input.file));
  const registryFiles = new Set(registryDocuments.map((d) => d.file));
  const invalidFiles = new Set(
    diagnostics
      .filter((d) => d.severity === "error" && !valid.has(d.file) && !registryFiles.has(d.file))
      .map((d) => d.file)
      .filter((f) => f.endsWith(".md")),
  );
  const invalidArticleDocuments: ParsedDocument[] = [];
  for (const file of invalidFiles) {
    const raw = readOrUndefined(file);
    const document = raw === undefined ? undefined : parseDocument(file, raw).document;
    if (document) invalidArticleDocuments.push(document);
  }

  diagnostics.push(
    ...lintContent({
      articles: content.articles,
      registry: content.registry,
      registryDocuments,
      invalidArticleDocuments,
      itemPosition: createItemLocator(readOrUndefined),
    }),
  );
  return { diagnostics, articles: content.articles.length, registryFiles: registryDocuments.length };
}
