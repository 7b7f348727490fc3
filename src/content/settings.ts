import { readFile } from "node:fs/promises";
import { z } from "zod";
import { isValidTimeZone } from "../core/dates.ts";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic, SiteSettings } from "../core/types.ts";

const settingsSchema = z.object({
  title: z.string().trim().min(1),
  description: z.string().default(""),
  baseUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, "")),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "expected a language tag such as en or az-Latn"),
  timeZone: z.string().refine(isValidTimeZone, "expected an IANA time zone such as Asia/Baku"),
  perPage: z.number().int().min(1).max(1000).default(20),
});

function lineOfJsonKey(text: string, key: string): number {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => l.includes(`"${key}"`));
  return index === -1 ? 1 : index + 1;
}

/** Reads and validates `site.json`. Returns settings, or diagnostics naming the file, line and field. */
export async function loadSettings(
  file: string,
  displayName: string,
): Promise<{ settings?: SiteSettings; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return {
      diagnostics: [
        diagnostic("error", "settings/missing-file", displayName, 1, "site settings file not found"),
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "settings/json-syntax",
          displayName,
          1,
          `invalid JSON: ${(error as Error).message}`,
        ),
      ],
    };
  }
  const result = settingsSchema.safeParse(data);
  if (result.success) return { settings: result.data, diagnostics: [] };
  return {
    diagnostics: result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? "");
      const value = (data as Record<string, unknown>)[field];
      return diagnostic(
        "error",
        value === undefined ? `settings/missing-${field}` : `settings/invalid-${field}`,
        displayName,
        lineOfJsonKey(text, field),
        value === undefined
          ? `missing required setting "${field}"`
          : `"${field}": ${issue.message} (found ${describeValue(value)})`,
        { field },
      );
    }),
  };
}
