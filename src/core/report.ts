import { sortDiagnostics } from "./diagnostics.ts";
import type { Diagnostic } from "./types.ts";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Formats diagnostics for a terminal: one line each as `path:line:column  severity  message  [rule]`,
 * grouped by file with a blank line between files, and a final count.
 */
export function formatReport(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return "";
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const d of sortDiagnostics(diagnostics)) {
    if (currentFile !== undefined && d.file !== currentFile) lines.push("");
    currentFile = d.file;
    lines.push(`${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  [${d.rule}]`);
    if (d.hint) lines.push(`    hint: ${d.hint}`);
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.file)).size;
  lines.push("");
  lines.push(`${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`);
  return lines.join("\n");
}

/** The JSON form of the same report, for CI annotations. */
export function formatReportJson(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return JSON.stringify(
    { errors, warnings: diagnostics.length - errors, diagnostics: sortDiagnostics(diagnostics) },
    null,
    2,
  );
}
