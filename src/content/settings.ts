import path from "node:path";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import { type SiteSettings, settingsSchema } from "../core/settings-schema.ts";
import type { Diagnostic } from "../core/types.ts";
import { jsonLocator, parseJsonFile } from "./json-positions.ts";
import { readContentFile } from "./load.ts";
import { sectionClashes } from "./section-clashes.ts";

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
  const values = data as Record<string, unknown>;
  const clashes = sectionClashes(values, jsonLocator(text), displayName);
  if (result.success)
    return clashes.length > 0
      ? { diagnostics: clashes.map((c) => c.diagnostic) }
      : { settings: result.data, diagnostics: [] };
  const locate = jsonLocator(text);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    // Each section is its own setting: every wrong section is reported, not only the first.
    const key = field === "sections" ? issue.path.slice(0, 2).join(".") : field;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = values[field];
    const item = issue.path.length > 1 ? (issue.path.slice(1) as unknown[]) : [];
    const found = item.reduce<unknown>(
      (v, k) => (v as Record<string, unknown> | undefined)?.[String(k)],
      value,
    );
    // A key missing inside a section is reported at the section.
    const absent = field === "sections" && found === undefined && issue.path.length > 2;
    const at = locate(absent ? issue.path.slice(0, 2) : issue.path);
    diagnostics.push(
      diagnostic(
        "error",
        value === undefined ? `settings/missing-${field}` : `settings/invalid-${field}`,
        displayName,
        value === undefined ? 1 : at.line,
        value === undefined
          ? `missing required setting "${field}"`
          : absent
            ? `"${field}": ${issue.message} (no "${String(issue.path[2])}" given)`
            : `"${field}": ${issue.message} (found ${describeValue(found)})`,
        { field, ...(value === undefined ? {} : { column: at.column }) },
      ),
    );
  }
  for (const clash of clashes) {
    const key = `sections.${clash.index}`;
    if (!seen.has(key)) diagnostics.push(clash.diagnostic);
  }
  return { diagnostics };
}
