import type { Diagnostic, Severity } from "./types.ts";

/** Builds a diagnostic; `column` defaults to 1 because most problems are about a whole frontmatter key. */
export function diagnostic(
  severity: Severity,
  rule: string,
  file: string,
  line: number,
  message: string,
  extra: { column?: number; field?: string; hint?: string } = {},
): Diagnostic {
  const d: Diagnostic = { file, line, column: extra.column ?? 1, rule, severity, message };
  if (extra.field !== undefined) d.field = extra.field;
  if (extra.hint !== undefined) d.hint = extra.hint;
  return d;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order: by file, then line, then column, then rule. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** A short description of a YAML value for "expected …, found …" messages. */
export function describeValue(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}
