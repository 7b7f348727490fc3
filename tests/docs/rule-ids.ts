import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseSync } from "@swc/core";

/**
 * Finds the diagnostic rule ids in Dateline's sources by parsing them (with swc, the TypeScript parser
 * dependency-cruiser already uses), not by grepping, so quotes, comments and nested templates cannot fool it.
 *
 * - A string literal shaped like a rule id (`"article/invalid-date"`) anywhere in the code is a rule id:
 *   rules are passed to `diagnostic()`, to small helpers (`error("wire/empty", …)`), and kept in tables
 *   (`LINT_RULES`), and this catches all three. The few literals of that shape that are not rules (MIME
 *   types) are listed in `NOT_RULES` by the caller.
 * - A template literal whose namespace is written out (`settings/invalid-${field}`) is a rule pattern; its
 *   skeleton is `settings/invalid-*`.
 * - A template literal passed as the rule of `diagnostic()` whose namespace is computed
 *   (`${prefix}/${…}-${field}`) cannot be read statically: it is returned as dynamic, with its source text,
 *   for the caller to match against a declared list of what it expands to.
 */

/** `namespace/rule-name`: lower case words joined by hyphens. */
export const RULE_ID = /^[a-z][a-z0-9]*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface Found {
  /** Source file, relative to the project root, with forward slashes. */
  file: string;
  line: number;
}

export interface DynamicRule extends Found {
  /** The template's source text, whitespace collapsed. */
  source: string;
}

export interface RuleScan {
  /** Plain rule ids → where they occur. */
  ids: Map<string, Found[]>;
  /** Skeletons of templated rule ids (`settings/invalid-*`) → where they occur. */
  patterns: Map<string, Found[]>;
  dynamic: DynamicRule[];
  /** Severity of each rule id passed straight to `diagnostic("error" | "warning", "<id>", …)`. */
  severities: Map<string, Set<string>>;
}

type AstNode = { type: string; [key: string]: unknown };

function isNode(value: unknown): value is AstNode {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}

/** Every AST node below `value`, depth first. */
function* walk(value: unknown): Generator<AstNode> {
  if (Array.isArray(value)) {
    for (const item of value) yield* walk(item);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (isNode(value)) yield value;
  for (const [key, child] of Object.entries(value)) {
    if (key === "span") continue;
    yield* walk(child);
  }
}

interface Quasi {
  raw: string;
}

function quasisOf(template: AstNode): string[] {
  return (template.quasis as Quasi[]).map((q) => q.raw);
}

/**
 * The skeleton of a template literal written as a rule id with its namespace spelled out
 * (`settings/invalid-${field}` → `settings/invalid-*`), or undefined if it is not one.
 */
export function templateSkeleton(quasis: readonly string[]): string | undefined {
  const skeleton = quasis.join("*");
  const probe = skeleton.replaceAll("*", "x");
  if (!/^[a-z][a-z0-9]*\//.test(skeleton) || !RULE_ID.test(probe)) return undefined;
  return skeleton;
}

/** The argument expressions of a call node, unwrapped from swc's `{ expression }` wrappers. */
function callArguments(call: AstNode): AstNode[] {
  return (call.arguments as { expression: unknown }[]).map((a) => a.expression).filter(isNode);
}

function calleeName(call: AstNode): string | undefined {
  const callee = call.callee;
  return isNode(callee) && callee.type === "Identifier" ? String(callee.value) : undefined;
}

/** The template literals an expression may evaluate to: itself, or the branches of `a ? b : c`. */
function templatesIn(expression: AstNode): AstNode[] {
  if (expression.type === "TemplateLiteral") return [expression];
  if (expression.type === "ConditionalExpression")
    return [expression.consequent, expression.alternate].filter(isNode).flatMap(templatesIn);
  if (expression.type === "ParenthesisExpression" && isNode(expression.expression))
    return templatesIn(expression.expression);
  return [];
}

interface Span {
  start: number;
  end: number;
}

/**
 * A parsed file, with its text as bytes: swc's spans are byte offsets from a base that is the position of
 * the module's first token, so the text is parsed behind a `;` that makes that base known.
 */
class SourceText {
  readonly bytes: Buffer;
  readonly base: number;
  readonly body: unknown;

  constructor(text: string) {
    const source = `;${text}`;
    this.bytes = Buffer.from(source);
    const module = parseSync(source, { syntax: "typescript", target: "es2022" });
    this.base = module.span.start;
    this.body = module.body;
  }

  text(span: Span): string {
    return this.bytes.subarray(span.start - this.base, span.end - this.base).toString();
  }

  line(span: Span): number {
    return this.bytes
      .subarray(0, span.start - this.base)
      .toString()
      .split("\n").length;
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => path.join(dir, f))
    .sort();
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

/** Scans every `.ts` file under `srcDir` (not `.d.ts`) for rule ids. */
export function scanRuleIds(srcDir: string, root: string): RuleScan {
  const scan: RuleScan = { ids: new Map(), patterns: new Map(), dynamic: [], severities: new Map() };
  for (const absolute of sourceFiles(srcDir)) {
    const source = new SourceText(readFileSync(absolute, "utf8"));
    const file = path.relative(root, absolute).split(path.sep).join("/");
    const at = (node: AstNode): Found => ({ file, line: source.line(node.span as Span) });
    for (const node of walk(source.body)) {
      if (node.type === "StringLiteral" && RULE_ID.test(String(node.value))) {
        add(scan.ids, String(node.value), at(node));
      } else if (node.type === "TemplateLiteral") {
        const skeleton = templateSkeleton(quasisOf(node));
        if (skeleton) add(scan.patterns, skeleton, at(node));
      } else if (node.type === "CallExpression" && calleeName(node) === "diagnostic") {
        const [severity, rule] = callArguments(node);
        if (!rule) continue;
        if (severity?.type === "StringLiteral" && rule.type === "StringLiteral") {
          const set = scan.severities.get(String(rule.value)) ?? new Set<string>();
          set.add(String(severity.value));
          scan.severities.set(String(rule.value), set);
        }
        for (const template of templatesIn(rule)) {
          if (templateSkeleton(quasisOf(template))) continue;
          const text = source.text(template.span as Span).replace(/\s+/g, " ");
          scan.dynamic.push({ ...at(template), source: text });
        }
      }
    }
  }
  return scan;
}
