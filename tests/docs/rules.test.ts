import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, readDocument, tableRows } from "./markdown.ts";
import { type Found, RULE_ID, scanRuleIds, templateSkeleton } from "./rule-ids.ts";

const RULES_DOC = "docs/rules.md";

/** String literals in `src/` shaped like a rule id that are not rule ids, with the reason. */
const NOT_RULES: Record<string, string> = {
  "text/html": "a MIME type (feed links)",
  "image/jpeg": "a MIME type (photos)",
  "image/png": "a MIME type (photos)",
  "image/webp": "a MIME type (photos)",
  "image/avif": "a MIME type (photos)",
  "image/gif": "a MIME type (photos)",
};

/**
 * Rule ids whose namespace is computed, so the scan cannot read them: each template's source text (as the
 * scan prints it, per file) and the documented ids or patterns it can produce. When such a template changes,
 * or a new one appears, the test fails until the list below says what it produces.
 */
const DYNAMIC_RULES: Record<string, string[]> = {
  'src/content/schema-issues.ts `${prefix}/${rule ?? `${missing ? "missing" : "invalid"}-${field}`}`': [
    // schemaIssues("article", …) in validate.ts: `missing` only for the required keys (title, date), `invalid`
    // for any key, and the rules the field schemas give (fields/iso-date.ts for date and updated,
    // fields/name.ts for people, organizations and places, fields/printable.ts for every text and name).
    "article/missing-title",
    "article/missing-date",
    "article/invalid-<field>",
    "article/date-out-of-range",
    "article/nonexistent-local-time",
    "article/name-too-long",
    "article/too-many-names",
    "article/control-character",
    // fields/image.ts for image.
    "article/image-missing-alt",
    "article/image-no-dimensions",
    "article/invalid-image",
    // schemaIssues("registry", …) in registry.ts: `missing` only for name; fields/name.ts for name and
    // aliases, fields/link-url.ts for image and sameAs.
    "registry/missing-name",
    "registry/invalid-<field>",
    "registry/name-too-long",
    "registry/invalid-url",
    "registry/control-character",
    // schemaIssues("author", …) in authors.ts: `missing` only for name; fields/name.ts for name,
    // fields/link-url.ts for image and sameAs, the e-mail check for email.
    "author/missing-name",
    "author/invalid-<field>",
    "author/name-too-long",
    "author/invalid-url",
    "author/invalid-email",
    "author/control-character",
  ],
};

/** A documented rule: an id, or a pattern with `<placeholders>`, from the first cell of a table row. */
interface Documented {
  id: string;
  severity: string;
  line: number;
}

/** `settings/invalid-<field>` → `settings/invalid-*`; a plain id stays as it is. */
function skeletonOfDocumented(id: string): string {
  return id.replace(/<[^>]+>/g, "*");
}

function documentedRules(): Documented[] {
  const rules: Documented[] = [];
  for (const row of tableRows(readDocument(RULES_DOC))) {
    const [first = "", severity = ""] = row.cells;
    for (const match of first.matchAll(/`([^`]+)`/g)) {
      const id = match[1] ?? "";
      if (RULE_ID.test(id) || templateSkeleton(id.split(/<[^>]+>/)) !== undefined)
        rules.push({ id, severity, line: row.line });
    }
  }
  return rules;
}

const where = (found: readonly Found[]) =>
  found
    .slice(0, 3)
    .map((f) => `${f.file}:${f.line}`)
    .join(", ");

describe("the rule-id scan", () => {
  it("finds ids in calls, helpers and tables, patterns, and computed namespaces; not comments or paths", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dateline-rules-"));
    await mkdir(path.join(dir, "src"));
    // A .txt file, so that neither tsc nor biome reads it as part of the project.
    await copyFile(
      path.join(ROOT, "tests/docs/fixtures/rule-scan/sample.ts.txt"),
      path.join(dir, "src", "sample.ts"),
    );
    const scan = scanRuleIds(path.join(dir, "src"), dir);
    await rm(dir, { recursive: true, force: true });
    expect([...scan.ids.keys()].sort()).toEqual(["article/long-headline", "publish/disk-full", "wire/empty"]);
    expect(scan.ids.get("wire/empty")).toEqual([{ file: "src/sample.ts", line: 4 }]);
    expect([...scan.patterns.keys()].sort()).toEqual(["settings/invalid-*", "settings/missing-*"]);
    expect(scan.dynamic).toEqual([
      {
        file: "src/sample.ts",
        line: 7,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
        source: '`${prefix}/${rule ?? `${missing ? "missing" : "invalid"}-${field}`}`',
      },
    ]);
    expect(scan.severities.get("article/long-headline")).toEqual(new Set(["warning"]));
  });
});

describe("docs/rules.md documents every diagnostic rule", () => {
  const scan = scanRuleIds(path.join(ROOT, "src"), ROOT);
  const documented = documentedRules();
  const documentedIds = new Set(documented.filter((d) => !d.id.includes("<")).map((d) => d.id));
  const documentedPatterns = new Set(
    documented.filter((d) => d.id.includes("<")).map((d) => skeletonOfDocumented(d.id)),
  );

  it("finds the rules in the code (the scan itself works)", () => {
    expect(scan.ids.has("article/duplicate-url")).toBe(true);
    expect(scan.ids.has("wire/empty")).toBe(true); // passed to a helper, not to diagnostic()
    expect(scan.ids.has("registry/unused-entity")).toBe(true);
    expect(scan.patterns.has("settings/invalid-*")).toBe(true);
    expect(scan.severities.get("article/missing-summary")).toEqual(new Set(["warning"]));
    expect(documented.length).toBeGreaterThan(30);
  });

  it("documents every rule id written in src/", () => {
    const missing = [...scan.ids]
      .filter(([id]) => !(id in NOT_RULES) && !documentedIds.has(id))
      .map(([id, found]) => `${id} (${where(found)})`);
    expect(
      missing,
      `rule ids in src/ that ${RULES_DOC} does not document (add a table row for each; if one is not a rule id, add it to NOT_RULES in tests/docs/rules.test.ts)`,
    ).toEqual([]);
  });

  it("documents every templated rule id as a pattern", () => {
    const missing = [...scan.patterns]
      .filter(([skeleton]) => !documentedPatterns.has(skeleton))
      .map(([skeleton, found]) => `${skeleton.replaceAll("*", "<…>")} (${where(found)})`);
    expect(
      missing,
      `templated rule ids in src/ that ${RULES_DOC} does not document (write them as patterns, e.g. settings/invalid-<field>)`,
    ).toEqual([]);
  });

  it("knows what every rule id with a computed namespace can produce, and documents it", () => {
    const unknown = scan.dynamic
      .filter((d) => !(`${d.file} ${d.source}` in DYNAMIC_RULES))
      .map((d) => `${d.file}:${d.line} ${d.source}`);
    expect(
      unknown,
      "rule ids built with a computed namespace: add each, as `<file> <source>`, to DYNAMIC_RULES in tests/docs/rules.test.ts with the ids it produces, and document those",
    ).toEqual([]);
    const undocumented = Object.values(DYNAMIC_RULES)
      .flat()
      .filter((id) => !documentedIds.has(id) && !documentedPatterns.has(skeletonOfDocumented(id)));
    expect(undocumented, `ids from DYNAMIC_RULES that ${RULES_DOC} does not document`).toEqual([]);
  });

  it("documents no rule the code no longer has", () => {
    const fromCode = new Set([...scan.ids.keys(), ...scan.patterns.keys()]);
    const fromDynamic = new Set(Object.values(DYNAMIC_RULES).flat().map(skeletonOfDocumented));
    const stale = documented
      .filter(
        (d) => !fromCode.has(skeletonOfDocumented(d.id)) && !fromDynamic.has(skeletonOfDocumented(d.id)),
      )
      .map((d) => `${d.id} (${RULES_DOC}:${d.line})`);
    expect(stale, `rules documented in ${RULES_DOC} that no code in src/ emits`).toEqual([]);
    const liveDynamic = new Set(scan.dynamic.map((d) => `${d.file} ${d.source}`));
    expect(
      Object.keys(DYNAMIC_RULES).filter((key) => !liveDynamic.has(key)),
      "entries of DYNAMIC_RULES whose template is no longer in src/",
    ).toEqual([]);
  });

  it("gives each rule the severity the code gives it", () => {
    const wrong = documented
      .filter((d) => {
        const severities = scan.severities.get(d.id);
        return severities !== undefined && !(severities.size === 1 && severities.has(d.severity));
      })
      .map(
        (d) =>
          `${d.id}: documented as "${d.severity}", the code says ${[...(scan.severities.get(d.id) ?? [])].join(" and ")}`,
      );
    expect(wrong).toEqual([]);
    expect(
      documented.filter((d) => d.severity !== "error" && d.severity !== "warning").map((d) => d.id),
      "the second column of each rule's row is its severity, error or warning",
    ).toEqual([]);
  });
});
