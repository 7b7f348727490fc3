import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, readDocument, tableRows } from "./markdown.ts";

const DOC = "docs/architecture.md";

interface PackageJson {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

describe("why each dependency is there", () => {
  it(`is explained in ${DOC} for every package of package.json, and for no other`, () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as PackageJson;
    const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].sort();
    const explained = new Set(
      tableRows(readDocument(DOC))
        .filter((row) => (row.cells[1] ?? "").trim().length > 0)
        .flatMap((row) => [...(row.cells[0] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "")),
    );
    expect(
      declared.filter((name) => !explained.has(name)),
      `packages of package.json without a row in ${DOC}`,
    ).toEqual([]);
    const packageLike = [...explained].filter((name) => /^(@[\w.-]+\/)?[\w.-]+$/.test(name));
    expect(
      packageLike.filter((name) => !declared.includes(name)),
      `packages explained in ${DOC} that package.json no longer has`,
    ).toEqual([]);
  });
});
