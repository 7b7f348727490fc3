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

  it(`lists each package under the kind package.json gives it (run time or development)`, () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as PackageJson;
    const text = readDocument(DOC);
    const runTime = text.indexOf("Run time (`dependencies`):");
    const development = text.indexOf("Development (`devDependencies`):");
    expect(runTime, "the run-time table's heading").toBeGreaterThan(-1);
    expect(development, "the development table's heading").toBeGreaterThan(runTime);
    const packagesIn = (part: string) =>
      tableRows(part).flatMap((row) =>
        [...(row.cells[0] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""),
      );
    const misplaced = [
      ...packagesIn(text.slice(runTime, development))
        .filter((name) => !(name in pkg.dependencies))
        .map((name) => `${name}: under run time, but not in dependencies`),
      ...packagesIn(text.slice(development))
        .filter((name) => !(name in pkg.devDependencies))
        .map((name) => `${name}: under development, but not in devDependencies`),
    ];
    expect(misplaced).toEqual([]);
  });
});
