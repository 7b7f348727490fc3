import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { jsonLocator, parseJsonFile } from "../content/json-positions.ts";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import { PROJECT_ROOT, TEMPLATES_DIR } from "../core/paths.ts";
import type { Diagnostic, Messages, MessageValue } from "../core/types.ts";

/**
 * The interface strings: one message file per language, `templates/_messages/<tag>.json` (a language is
 * added by adding its file). A message is text with `{name}` placeholders, or an object with one text per
 * plural category of the language (`{ "one": "{count} article", "other": "{count} articles" }`).
 */
export const MESSAGES_DIR = path.join(TEMPLATES_DIR, "_messages");

/** Keys the site model itself uses (titles of listings, directories and feeds), besides the templates'. */
export const MODEL_KEYS = [
  "home.title",
  "listing.page-title",
  "directory.people",
  "directory.organizations",
  "directory.places",
  "directory.letter-title",
  "feed.about",
  "article.by",
  "authors.title",
  "feed.by-author",
  "corrections.title",
  "corrections.description",
] as const;

/** `"nav.latest" | t(lang)` in a template: the keys the templates ask for. */
const TEMPLATE_KEY = /["']([A-Za-z0-9_.-]+)["']\s*\|\s*t\b/g;

/** Every message key a template in `templatesDir` (layouts and partials included) uses, plus `MODEL_KEYS`. */
export function requiredKeys(templatesDir: string = TEMPLATES_DIR): string[] {
  const keys = new Set<string>(MODEL_KEYS);
  const files = readdirSync(templatesDir, { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".njk"),
  );
  for (const file of files.sort()) {
    const text = readFileSync(path.join(templatesDir, file), "utf8");
    for (const match of text.matchAll(TEMPLATE_KEY)) if (match[1]) keys.add(match[1]);
  }
  return [...keys].sort();
}

/** The message file of a language: `<tag>.json`, else the file of its base language (`zh-CN` → `zh.json`). */
export function messageFileFor(tag: string, dir: string = MESSAGES_DIR): string {
  const exact = path.join(dir, `${tag}.json`);
  const base = path.join(dir, `${tag.split("-")[0]}.json`);
  return existsSync(exact) || !existsSync(base) ? exact : base;
}

/** How a file is named in diagnostics: relative to the project (`templates/_messages/az.json`). */
function shown(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  return (relative.startsWith("..") ? file : relative).split(path.sep).join("/");
}

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralRulesOf(tag: string): Intl.PluralRules {
  let rules = pluralRules.get(tag);
  if (!rules) {
    rules = new Intl.PluralRules(tag);
    pluralRules.set(tag, rules);
  }
  return rules;
}

/** Why a message value is unusable in `tag`, or undefined. Plural messages need every category the language has. */
function messageProblem(value: unknown, tag: string): string | undefined {
  if (typeof value === "string") return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return `found ${describeValue(value)}; expected text, or an object of plural forms`;
  const forms = value as Record<string, unknown>;
  const categories = pluralRulesOf(tag).resolvedOptions().pluralCategories;
  const wrong = Object.keys(forms).filter((k) => !(categories as string[]).includes(k));
  if (wrong.length > 0)
    return `has plural forms ${wrong.join(", ")}, which ${tag} does not use; expected ${categories.join(", ")}`;
  const missing = categories.filter((c) => typeof forms[c] !== "string");
  if (missing.length > 0)
    return `lacks the plural form${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; ${tag} needs ${categories.join(", ")}`;
  return undefined;
}

/** Reads and checks one language's message file: syntax at its line, each bad message at its key, each missing key. */
export function loadMessageFile(
  tag: string,
  keys: readonly string[],
  dir: string = MESSAGES_DIR,
): { messages?: Messages; diagnostics: Diagnostic[] } {
  const file = messageFileFor(tag, dir);
  const name = shown(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "messages/missing-file",
          name,
          1,
          `the site publishes in ${tag} but there is no message file for it; expected ${name}`,
          { hint: `copy ${shown(path.join(dir, "en.json"))} to ${name} and translate its texts` },
        ),
      ],
    };
  }
  const parsed = parseJsonFile(text, name, "messages/json-syntax");
  if (parsed.diagnostic) return { diagnostics: [parsed.diagnostic] };
  const data = parsed.data;
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return {
      diagnostics: [
        diagnostic(
          "error",
          "messages/not-an-object",
          name,
          1,
          `expected an object of messages ({ "nav.latest": "Latest", … }), found ${describeValue(data)}`,
        ),
      ],
    };
  const messages = data as Record<string, unknown>;
  const locate = jsonLocator(text);
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of Object.entries(messages)) {
    const problem = messageProblem(value, tag);
    if (problem)
      diagnostics.push(
        diagnostic("error", "messages/invalid-message", name, locate([key]).line, `"${key}" ${problem}`, {
          field: key,
        }),
      );
  }
  for (const key of keys)
    if (!(key in messages))
      diagnostics.push(
        diagnostic(
          "error",
          "messages/missing-key",
          name,
          1,
          `the message "${key}" is missing from ${name}; expected every key the templates use`,
          { field: key, hint: `add "${key}" with its text in ${tag}` },
        ),
      );
  return diagnostics.length > 0 ? { diagnostics } : { messages: messages as Messages, diagnostics };
}

/**
 * The messages of every language the site uses, checked before anything is written: all problems of all
 * files are reported; any error gives no messages.
 */
export function loadMessages(
  languages: readonly string[],
  options: { dir?: string; templatesDir?: string } = {},
): { messages?: Record<string, Messages>; diagnostics: Diagnostic[] } {
  const keys = requiredKeys(options.templatesDir);
  const messages: Record<string, Messages> = {};
  const diagnostics: Diagnostic[] = [];
  for (const tag of languages) {
    const loaded = loadMessageFile(tag, keys, options.dir);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.messages) messages[tag] = loaded.messages;
  }
  return diagnostics.length > 0 ? { diagnostics } : { messages, diagnostics };
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number written for the language (`1,234` in en, `1 234` in ru). */
export function formatNumber(value: number, tag: string): string {
  let format = numberFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag);
    numberFormats.set(tag, format);
  }
  return format.format(value);
}

/** The plural category of a count in a language: `one`, `few`, `many`, `other`… */
export function pluralCategory(count: number, tag: string): Intl.LDMLPluralRule {
  return pluralRulesOf(tag).select(count);
}

export type MessageParams = Record<string, string | number | undefined>;

/** Picks the plural form for `params.count` and fills the `{name}` placeholders; numbers are written for the language. */
export function formatMessage(value: MessageValue, tag: string, params: MessageParams = {}): string {
  const count = typeof params.count === "number" ? params.count : undefined;
  const text =
    typeof value === "string"
      ? value
      : (value[count === undefined ? "other" : pluralCategory(count, tag)] ?? value.other ?? "");
  // Literal text and placeholder names by turns: `a {x} b` → ["a ", "x", " b"].
  const parts = placeholders(text);
  if (parts.length === 1) return text;
  let out = "";
  parts.forEach((part, i) => {
    if (i % 2 === 0) out += part;
    else {
      const param = params[part];
      out += param === undefined ? `{${part}}` : typeof param === "number" ? formatNumber(param, tag) : param;
    }
  });
  return out;
}

const splitTexts = new Map<string, string[]>();

/** A message's text split at its `{name}` placeholders, once per text (a message is formatted thousands of times). */
function placeholders(text: string): string[] {
  let parts = splitTexts.get(text);
  if (!parts) {
    parts = text.split(/\{([A-Za-z0-9_]+)\}/);
    splitTexts.set(text, parts);
  }
  return parts;
}

/**
 * The text of `key` in language `tag`. The messages were checked when the site was built, so a missing key
 * here is a template bug (a key the template scan did not see) and throws.
 */
export function translate(
  messages: Record<string, Messages>,
  tag: string,
  key: string,
  params: MessageParams = {},
): string {
  const value = messages[tag]?.[key];
  if (value === undefined) throw new Error(`no message "${key}" for ${tag} in ${shown(messageFileFor(tag))}`);
  return formatMessage(value, tag, params);
}
