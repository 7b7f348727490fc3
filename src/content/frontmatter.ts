import matter from "gray-matter";
import yaml from "js-yaml";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";

export interface ParsedDocument {
  file: string;
  /** The frontmatter mapping; empty when the file has none. */
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of each top-level frontmatter key. */
  keyLines: Map<string, number>;
  hasFrontmatter: boolean;
}

/**
 * YAML with js-yaml's CORE_SCHEMA: no timestamp type, so `date: 2022-12-15` stays the string the editor
 * wrote and is parsed strictly later, instead of becoming a Date at UTC midnight (or rolling 2022-02-30
 * over to March).
 */
const parseYaml = (source: string): object =>
  (yaml.load(source, { schema: yaml.CORE_SCHEMA }) ?? {}) as object;

/** Thrown by every engine but YAML's, should a fence language ever get past `fenceLanguage`. */
class RefusedEngine extends Error {}
const refuse = (): never => {
  throw new RefusedEngine("only YAML frontmatter is read");
};

/**
 * gray-matter merges the engines given here over its defaults, which include a JavaScript engine that
 * `eval`s the block. Content never runs as code: every default engine is replaced by one that refuses, so
 * only YAML remains, whatever the fence says.
 */
const engines = { yaml: parseYaml, javascript: refuse, js: refuse, json: refuse, coffee: refuse };

/**
 * The language written after the opening fence (`---js` → `js`), or "" for a plain `---`. Only YAML is
 * accepted; gray-matter would pick an engine by this name.
 */
function fenceLanguage(text: string): string {
  if (!text.startsWith("---") || text[3] === "-") return "";
  const end = text.indexOf("\n");
  return text.slice(3, end === -1 ? text.length : end).trim();
}

/** Removes a UTF-8 byte-order mark and turns CRLF and lone CR line endings into LF. */
export function normalizeText(raw: string): string {
  return raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** Finds the line of each top-level key in the frontmatter block (line 1 is the opening `---`). */
function findKeyLines(text: string): Map<string, number> {
  const end = text.indexOf("\n---", 3);
  const lines = (end === -1 ? text : text.slice(0, end + 1)).split("\n");
  const keyLines = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^---\s*$/.test(line)) break;
    const match = /^(["']?)([^\s:#"'][^:#"']*)\1\s*:(\s|$)/.exec(line);
    const key = match?.[2]?.trim();
    if (key !== undefined && !keyLines.has(key)) keyLines.set(key, i + 1);
  }
  return keyLines;
}

function isYamlException(error: unknown): error is yaml.YAMLException {
  return error instanceof yaml.YAMLException;
}

/**
 * Splits a document into frontmatter and body. Never throws on bad content: a YAML syntax error becomes a
 * `frontmatter/yaml-syntax` diagnostic at the line and column of the error in the file.
 */
export function parseDocument(
  file: string,
  raw: string,
): { document?: ParsedDocument; diagnostics: Diagnostic[] } {
  const text = normalizeText(raw);
  if (text.trim() === "") {
    return {
      diagnostics: [
        diagnostic("error", "file/empty", file, 1, "the file is empty; expected frontmatter and a body", {
          hint: "start the file with a --- block holding at least title and date",
        }),
      ],
    };
  }
  const language = fenceLanguage(text);
  if (language !== "" && !["yaml", "yml"].includes(language.toLowerCase())) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "frontmatter/unsupported-language",
          file,
          1,
          `the frontmatter fence says "${language.slice(0, 40)}"; expected a plain --- (only YAML frontmatter is read)`,
          { hint: "start the file with a line of just ---" },
        ),
      ],
    };
  }
  const hasFrontmatter = text.startsWith("---") && text[3] !== "-";
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, { engines });
  } catch (error) {
    if (isYamlException(error)) {
      // gray-matter hands the engine the text after the opening `---`, starting with that line's
      // newline, so js-yaml's 0-based line equals the 1-based line in the file.
      const line = error.mark ? error.mark.line + 1 : 1;
      const column = error.mark ? error.mark.column + 1 : 1;
      return {
        diagnostics: [
          diagnostic("error", "frontmatter/yaml-syntax", file, line, `invalid YAML: ${error.reason}`, {
            column,
            hint: "quote values that contain a colon, and indent list items consistently",
          }),
        ],
      };
    }
    if (error instanceof RefusedEngine)
      return {
        diagnostics: [diagnostic("error", "frontmatter/unsupported-language", file, 1, error.message)],
      };
    throw error;
  }
  const data = parsed.data as unknown;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "frontmatter/not-a-mapping",
          file,
          2,
          "the frontmatter is not a set of key: value pairs",
        ),
      ],
    };
  }
  return {
    document: {
      file,
      data: data as Record<string, unknown>,
      body: parsed.content,
      keyLines: hasFrontmatter ? findKeyLines(text) : new Map(),
      hasFrontmatter,
    },
    diagnostics: [],
  };
}
