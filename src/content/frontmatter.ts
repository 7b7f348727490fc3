import matter from "gray-matter";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import type { PathSegment, Position, PositionFinder } from "./positions.ts";
import { readYamlBlock, type YamlBlock } from "./yaml-block.ts";

export type { PathSegment, Position } from "./positions.ts";

export interface ParsedDocument {
  file: string;
  /** The frontmatter mapping; empty when the file has none. */
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of each top-level frontmatter key. */
  keyLines: Map<string, number>;
  hasFrontmatter: boolean;
  /** The line of the file where the body starts (1 when there is no frontmatter). */
  bodyLine: number;
  /**
   * Where a frontmatter key or list item is in the file: `positionOf(["people", 1])` is the line and column
   * of the second person, in a block list (`- Name` on its own line) or a flow list (`[A, Name]`);
   * `positionOf(["title"])` is the key's. Undefined when the path is not in the source.
   */
  positionOf(path: readonly PathSegment[]): Position | undefined;
}

/** Thrown by every engine but YAML's, should a fence language ever get past `fenceLanguage`. */
class RefusedEngine extends Error {}
const refuse = (): never => {
  throw new RefusedEngine("only YAML frontmatter is read");
};

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

/**
 * What gray-matter is handed in place of the frontmatter block. gray-matter strips comments from the block
 * with `/^\s*#[^\n]+/gm` before calling the engine, which is quadratic on a run of blank lines (40,000 of
 * them took 1.6 s, a 2 MiB file would take many minutes), so it never sees the editor's block: it finds the
 * fences, picks the engine by the fence language and cuts the body, and the YAML engine reads the real block.
 */
const STAND_IN = "\n(frontmatter)";

/**
 * The frontmatter as gray-matter cuts it: after the opening fence line, up to the first line that starts
 * with `---` (or the end of the file). `block` starts with the newline that ends the fence line, so its
 * line N is line N of the file.
 */
function cutFrontmatter(text: string): { fence: string; block: string; rest: string } {
  const lineEnd = text.indexOf("\n");
  if (lineEnd === -1) return { fence: text, block: "", rest: "" };
  const close = text.indexOf("\n---", lineEnd);
  return {
    fence: text.slice(0, lineEnd),
    block: text.slice(lineEnd, close === -1 ? text.length : close),
    rest: close === -1 ? "" : text.slice(close),
  };
}

function blockDiagnostics(file: string, block: YamlBlock): Diagnostic[] {
  return block.problems.map((problem) =>
    diagnostic(
      "error",
      problem.rule,
      file,
      problem.position.line,
      problem.rule === "frontmatter/yaml-syntax" ? `invalid YAML: ${problem.message}` : problem.message,
      {
        column: problem.position.column,
        hint:
          problem.rule === "frontmatter/yaml-syntax"
            ? "quote values that contain a colon, and indent list items consistently"
            : "frontmatter holds a few keys, each a text, a date or a short list",
      },
    ),
  );
}

/**
 * Splits a document into frontmatter and body. Never throws on bad content, and its work is linear in the
 * length of the text: a YAML syntax error becomes a `frontmatter/yaml-syntax` diagnostic at the line and
 * column of the error in the file.
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
  const { fence, block, rest } = hasFrontmatter ? cutFrontmatter(text) : { fence: "", block: "", rest: "" };
  let yaml: YamlBlock | undefined;
  const readYaml = (): object => {
    yaml = readYamlBlock(block);
    const value = yaml.value ?? {};
    return typeof value === "object" ? value : {};
  };
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter merges these engines over its defaults, which include a JavaScript engine that `eval`s the
    // block. Content never runs as code: every other engine refuses, whatever the fence says.
    parsed = matter(hasFrontmatter ? `${fence}${STAND_IN}${rest}` : text, {
      engines: { yaml: readYaml, javascript: refuse, js: refuse, json: refuse, coffee: refuse },
    });
  } catch (error) {
    if (error instanceof RefusedEngine)
      return {
        diagnostics: [diagnostic("error", "frontmatter/unsupported-language", file, 1, error.message)],
      };
    throw error;
  }
  if (hasFrontmatter && yaml === undefined) readYaml();
  if (yaml && yaml.problems.length > 0) return { diagnostics: blockDiagnostics(file, yaml) };
  const data = yaml?.value ?? {};
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "frontmatter/not-a-mapping",
          file,
          yaml?.rootPosition.line ?? 2,
          "the frontmatter is not a set of key: value pairs",
          { column: yaml?.rootPosition.column ?? 1 },
        ),
      ],
    };
  }
  return {
    document: {
      file,
      data: data as Record<string, unknown>,
      // gray-matter's body is the end of what it was handed, and so of `text`: a slice of the file shares
      // its memory, where gray-matter's own string would be a second copy of each file.
      body: text.slice(text.length - parsed.content.length),
      bodyLine: lineAt(text, text.length - parsed.content.length),
      keyLines: yaml?.positions.keyLines() ?? new Map(),
      hasFrontmatter,
      positionOf: hasFrontmatter ? lazyPositions(block) : () => undefined,
    },
    diagnostics: [],
  };
}

/**
 * `positionOf` for a block already read without problems. Positions are wanted only for a file with a warning
 * about a list item, so they are not kept for every article: the block (a slice of the file, which the body
 * keeps anyway) is read again the first time one is asked for.
 */
function lazyPositions(block: string): ParsedDocument["positionOf"] {
  let finder: PositionFinder | undefined;
  return (path) => {
    finder ??= readYamlBlock(block).positions;
    return finder.positionOf(path);
  };
}

/** The 1-based line of the character at `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** A parsed document as the content cache keeps it: plain data, with the text before the body. */
export interface StoredDocument {
  file: string;
  data: Record<string, unknown>;
  /** The file's text (normalized) before the body: the fences and the frontmatter block. */
  head: string;
  body: string;
  keyLines: Map<string, number>;
  hasFrontmatter: boolean;
  bodyLine: number;
}

/** What the content cache keeps of a document that `parseDocument` made from `raw`. */
export function storeDocument(document: ParsedDocument, raw: string): StoredDocument {
  const text = normalizeText(raw);
  return {
    file: document.file,
    data: document.data,
    head: text.slice(0, text.length - document.body.length),
    body: document.body,
    keyLines: document.keyLines,
    hasFrontmatter: document.hasFrontmatter,
    bodyLine: document.bodyLine,
  };
}

/** The document again, as `parseDocument` gave it: positions are found from the head when first asked for. */
export function restoreDocument(stored: StoredDocument): ParsedDocument {
  let positionOf: ParsedDocument["positionOf"] | undefined;
  const document: ParsedDocument = {
    file: stored.file,
    data: stored.data,
    body: "",
    bodyLine: stored.bodyLine,
    keyLines: stored.keyLines,
    hasFrontmatter: stored.hasFrontmatter,
    positionOf: stored.hasFrontmatter
      ? (path) => {
          positionOf ??= lazyPositions(cutFrontmatter(stored.head + stored.body).block);
          return positionOf(path);
        }
      : () => undefined,
  };
  // The cache may decode the body only when it is first read: read it from `stored` then, not now.
  Object.defineProperty(document, "body", {
    enumerable: true,
    configurable: true,
    get: () => stored.body,
    set: (value: string) =>
      Object.defineProperty(document, "body", { value, enumerable: true, writable: true }),
  });
  return document;
}
