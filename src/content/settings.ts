import path from "node:path";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import { type SiteSettings, settingsSchema } from "../core/settings-schema.ts";
import type { Diagnostic } from "../core/types.ts";
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
  if (result.success) return { settings: result.data, diagnostics: [] };
  const locate = jsonLocator(text);
  const values = data as Record<string, unknown>;
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (seen.has(field)) continue;
    seen.add(field);
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
