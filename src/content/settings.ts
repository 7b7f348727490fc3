import path from "node:path";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import { type SiteSettings, settingsSchema } from "../core/settings-schema.ts";
import type { Diagnostic } from "../core/types.ts";
import { languagePrefix, reservedSegment } from "../core/urls.ts";
import { jsonLocator, parseJsonFile } from "./json-positions.ts";
import { readContentFile } from "./load.ts";

/** Reads and validates `site.json`. Returns settings, or diagnostics naming the file, line and field. */
export async function loadSettings(
  file: string,
  displayName: string,
): Promise<{ settings?: SiteSettings; diagnostics: Diagnostic[] }> {
  const read = await readContentFile(file, path.dirname(file));
  if (read.missing)
    return {
      diagnostics: [
        diagnostic("error", "settings/missing-file", displayName, 1, "site settings file not found"),
      ],
    };
  if (!read.source) return { diagnostics: read.diagnostics };
  return parseSettings(read.source.raw, displayName);
}

/** Validates the text of `site.json`: syntax errors at their line and column, schema errors at the key. */
export function parseSettings(
  raw: string,
  displayName: string,
): { settings?: SiteSettings; diagnostics: Diagnostic[] } {
  const text = raw.replace(/^\uFEFF/, "");
  const parsed = parseJsonFile(text, displayName, "settings/json-syntax");
  if (parsed.diagnostic) return { diagnostics: [parsed.diagnostic] };
  const data = parsed.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "settings/not-an-object",
          displayName,
          1,
          `expected an object of settings ({ "title": …, "language": … }), found ${describeValue(data)}`,
        ),
      ],
    };
  }
  const result = settingsSchema.safeParse(data);
  if (result.success) {
    const clashes = sectionClashes(result.data, jsonLocator(text), displayName);
    return clashes.length > 0 ? { diagnostics: clashes } : { settings: result.data, diagnostics: [] };
  }
  const locate = jsonLocator(text);
  const values = data as Record<string, unknown>;
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    // Each section is its own setting: every wrong section is reported, not only the first.
    const key = field === "sections" ? issue.path.slice(0, 2).join(".") : field;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = values[field];
    const at = locate(issue.path);
    const item = issue.path.length > 1 ? (issue.path.slice(1) as unknown[]) : [];
    const found = item.reduce<unknown>(
      (v, k) => (v as Record<string, unknown> | undefined)?.[String(k)],
      value,
    );
    diagnostics.push(
      diagnostic(
        "error",
        value === undefined ? `settings/missing-${field}` : `settings/invalid-${field}`,
        displayName,
        value === undefined ? 1 : at.line,
        value === undefined
          ? `missing required setting "${field}"`
          : `"${field}": ${issue.message} (found ${describeValue(found)})`,
        { field, ...(value === undefined ? {} : { column: at.column }) },
      ),
    );
  }
  return { diagnostics };
}

/**
 * `settings/invalid-sections` for each section whose slug would take a path the site already uses: a year
 * (`/2024/`), one of Dateline's own (`/people/`, `/search/`, `RESERVED_SEGMENTS` of `urls.ts`), or the prefix
 * of one of the site's languages (`/ru/`). At the slug's line and column.
 */
function sectionClashes(
  settings: SiteSettings,
  locate: ReturnType<typeof jsonLocator>,
  displayName: string,
): Diagnostic[] {
  const prefixes = settings.languages
    .map((tag) => languagePrefix(tag, settings.language).slice(1))
    .filter((prefix) => prefix !== "");
  const diagnostics: Diagnostic[] = [];
  (settings.sections ?? []).forEach((section, i) => {
    const clash = reservedSegment(section.slug, prefixes);
    if (!clash) return;
    const at = locate(["sections", i, "slug"]);
    diagnostics.push(
      diagnostic(
        "error",
        "settings/invalid-sections",
        displayName,
        at.line,
        `"sections": the section ${section.slug} would take the path /${section.slug}/, which is ${clash}; expected another slug`,
        { field: "sections", column: at.column, hint: `rename the section, e.g. "${section.slug}-news"` },
      ),
    );
  });
  return diagnostics;
}
