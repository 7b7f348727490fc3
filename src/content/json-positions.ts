import { isCollection, isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";

export interface Position {
  line: number;
  column: number;
}

/** 1-based line and column of a character offset, as an editor counts them. */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastNewline = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: before.length - lastNewline };
}

/**
 * Where `JSON.parse` failed in `text`, and its message without the offset. Node 20 names a position for
 * most errors (`… in JSON at position 42`); for the others the `yaml` parser, which reads JSON as YAML and
 * reports ranges, points at the spot.
 */
export function jsonSyntaxError(text: string, error: Error): Position & { message: string } {
  const match = / in JSON at position (\d+)/.exec(error.message);
  const message = error.message
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/, ".*" is not valid JSON$/s, "");
  if (match) return { ...positionAt(text, Number(match[1])), message };
  if (/end of JSON input/.test(error.message)) return { ...positionAt(text, text.length), message };
  const lineCounter = new LineCounter();
  const yamlError = parseDocument(text, { lineCounter, schema: "json" }).errors[0];
  const at = yamlError?.linePos?.[0];
  return { line: at?.line ?? 1, column: at?.col ?? 1, message };
}

/**
 * Finds the line of any value in a valid JSON text by its path (`["embedHosts", 2]`): the key's line for a
 * top-level field, the item's line inside it. When a key appears twice, the last one counts, as in
 * `JSON.parse`. A path that is not in the text gives line 1.
 */
export function jsonLocator(text: string): (path: readonly PropertyKey[]) => Position {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, schema: "json" });
  const root = doc.contents;
  return (path) => {
    const pair = isMap(root)
      ? root.items.findLast((p) => isScalar(p.key) && p.key.value === path[0])
      : undefined;
    let node: unknown = pair?.key;
    if (pair && path.length > 1 && isCollection(pair.value)) {
      node = pair.value.getIn(path.slice(1), true) ?? node;
    }
    if (!isNode(node) || !node.range) return { line: 1, column: 1 };
    const at = lineCounter.linePos(node.range[0]);
    return { line: at.line, column: at.col };
  };
}

/**
 * Parses a JSON file's text; a syntax error becomes one `rule` diagnostic at its line and column, saying
 * what is usually wrong. Used for `site.json` and the interface's message files.
 */
export function parseJsonFile(
  text: string,
  file: string,
  rule: string,
): { data?: unknown; diagnostic?: Diagnostic } {
  try {
    return { data: JSON.parse(text) as unknown };
  } catch (error) {
    const at = jsonSyntaxError(text, error as Error);
    return {
      diagnostic: diagnostic("error", rule, file, at.line, `invalid JSON: ${at.message}`, {
        column: at.column,
        hint: "check for a missing comma or quote, or a comma after the last item",
      }),
    };
  }
}
