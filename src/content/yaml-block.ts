import { Composer, type CST, type Document, Lexer, LineCounter, Parser, type YAMLError } from "yaml";
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_PROBLEMS } from "./limits.ts";
import { indexSource, type Position, type PositionFinder } from "./positions.ts";

export interface YamlProblem {
  rule:
    | "frontmatter/yaml-syntax"
    | "frontmatter/too-deep"
    | "frontmatter/too-many-aliases"
    | "frontmatter/recursive-alias";
  message: string;
  position: Position;
}

export interface YamlBlock {
  /** The block as JavaScript values (null for an empty block); undefined when there are problems. */
  value?: unknown;
  positions: PositionFinder;
  /** The position of the block's root value, where a problem about the whole block is shown. */
  rootPosition: Position;
  problems: YamlProblem[];
}

/** The `yaml` package quotes the offending token in some messages, whatever its length. */
const short = (message: string): string => (message.length > 200 ? `${message.slice(0, 200)}…` : message);

const noPositions: PositionFinder = { positionOf: () => undefined, keyLines: () => new Map() };

/**
 * The `yaml` package builds a quoted value one character at a time (`res += ch`), and V8 keeps such a string
 * as a tree of pieces until something flattens it: a 100-character title then holds about 3 KB, 130 MB over
 * 20,000 articles. Each string is copied into one piece here (the value is unchanged).
 */
function flattenStrings(value: unknown, seen = new Set<object>()): unknown {
  if (typeof value === "string") return value.length > 12 ? ` ${value}`.slice(1) : value;
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value); // an alias shares its anchor's value, and may even contain it
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = flattenStrings(value[i], seen);
  } else {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) object[key] = flattenStrings(object[key], seen);
  }
  return value;
}

/**
 * Reads one YAML block with the core schema (dates stay the strings the editor wrote), keeping the source
 * position of every key and list item. Never throws on bad input; the work is linear in its length:
 * nesting is bounded while parsing, duplicate keys are found with one pass (the `yaml` package's own check
 * compares each key with every earlier one), aliases are bounded before they are expanded.
 *
 * Positions are relative to `source`: line 1 is its first line.
 */
export function readYamlBlock(source: string): YamlBlock {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(line, 1), column: col };
  };
  const stopped = (problem: YamlProblem): YamlBlock => ({
    positions: noPositions,
    rootPosition: { line: 1, column: 1 },
    problems: [problem],
  });

  lineCounter.addNewLine(0);
  const parser = new Parser(lineCounter.addNewLine);
  const tokens: CST.Token[] = [];
  const tokenErrors: YamlProblem[] = [];
  for (const lexeme of new Lexer().lex(source)) {
    for (const token of parser.next(lexeme)) {
      tokens.push(token);
      if (token.type === "error")
        tokenErrors.push({
          rule: "frontmatter/yaml-syntax",
          message: short(token.message),
          position: at(token.offset),
        });
    }
    if (tokenErrors.length >= MAX_YAML_PROBLEMS) {
      return { ...stopped(tokenErrors[0] as YamlProblem), problems: tokenErrors };
    }
    if (parser.stack.length > MAX_YAML_DEPTH) {
      return stopped({
        rule: "frontmatter/too-deep",
        message: `the frontmatter nests lists and mappings more than ${MAX_YAML_DEPTH} levels deep; expected a few levels at most`,
        position: at(parser.offset),
      });
    }
  }
  for (const token of parser.end()) tokens.push(token);

  const composer = new Composer({
    schema: "core",
    resolveKnownTags: false,
    uniqueKeys: false,
    logLevel: "error",
  });
  // Each YAML error is an Error; capturing a stack trace for each of a million (`""""…`) costs seconds.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let documents: Document.Parsed[];
  try {
    documents = Array.from(composer.compose(tokens, true, source.length));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const document = documents[0];
  if (!document)
    return stopped({ rule: "frontmatter/yaml-syntax", message: "no YAML found", position: at(0) });

  const yamlProblem = (error: YAMLError): YamlProblem => ({
    rule: "frontmatter/yaml-syntax",
    message: short(error.message),
    position: at(error.pos[0]),
  });
  const problems = [...document.errors, ...document.warnings].map(yamlProblem);
  const extra = documents[1];
  if (extra)
    problems.push({
      rule: "frontmatter/yaml-syntax",
      message: "a second YAML document starts here (after `...`); expected one block of key: value pairs",
      position: at(extra.range[0]),
    });

  const index = indexSource(document.contents, lineCounter);
  for (const duplicate of index.duplicateKeys)
    problems.push({
      rule: "frontmatter/yaml-syntax",
      message: `the key "${duplicate.key.slice(0, 80)}" appears again (first at line ${duplicate.first.line}); expected each key once`,
      position: duplicate.position,
    });
  for (const position of index.recursiveAliases)
    problems.push({
      rule: "frontmatter/recursive-alias",
      message:
        "this alias is inside the value its anchor names, which would repeat without end; expected an alias of a separate value",
      position,
    });
  const tooMany = index.aliases[MAX_YAML_ALIASES];
  if (tooMany)
    problems.push({
      rule: "frontmatter/too-many-aliases",
      message: `the frontmatter uses ${index.aliases.length} aliases (*name); expected at most ${MAX_YAML_ALIASES}`,
      position: tooMany,
    });

  const rootOffset = document.contents?.range?.[0];
  const block = {
    positions: index.finder,
    rootPosition: rootOffset === undefined ? { line: 1, column: 1 } : at(rootOffset),
  };
  problems.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
  if (problems.length > 0) return { ...block, problems: problems.slice(0, MAX_YAML_PROBLEMS) };

  try {
    const value = flattenStrings(document.toJS({ maxAliasCount: MAX_YAML_ALIASES }));
    return { ...block, value, problems: [] };
  } catch (error) {
    // An alias of a structure full of aliases (a YAML bomb), or an alias whose anchor is missing.
    const bomb = error instanceof ReferenceError && error.message.startsWith("Excessive alias");
    const problem: YamlProblem = bomb
      ? {
          rule: "frontmatter/too-many-aliases",
          message: `the aliases (*name) in the frontmatter expand to more than ${MAX_YAML_ALIASES} values; expected at most ${MAX_YAML_ALIASES}`,
          position: index.aliases[0] ?? block.rootPosition,
        }
      : {
          rule: "frontmatter/yaml-syntax",
          message: short(error instanceof Error ? error.message : String(error)),
          position: index.aliases[0] ?? block.rootPosition,
        };
    return { ...block, problems: [problem] };
  }
}
