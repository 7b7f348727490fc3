import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../src/content/registry.ts";
import { fixtureDir } from "../helpers/build-fixture.ts";

describe("loadRegistry", () => {
  it("reads people, organizations and places with aliases, description, role and sameAs", async () => {
    const { entries, diagnostics } = await loadRegistry(fixtureDir("registry"));
    expect(diagnostics).toEqual([]);
    expect(entries.map((e) => [e.kind, e.slug])).toEqual([
      ["person", "leyla-rzayeva"],
      ["person", "nobody-mentions-me"],
      ["organization", "caspian-ferry-authority"],
      ["place", "lankaran"],
    ]);
    expect(entries[0]).toMatchObject({
      name: "Leyla Rzayeva",
      aliases: ["L. Rzayeva", "Leyla Rzaeva"],
      role: "Spokesperson of the Caspian Ferry Authority",
      sameAs: ["https://example.org/people/leyla-rzayeva"],
      aliasLines: [4, 5],
    });
    expect(entries[2]).toMatchObject({
      aliases: ["CFA"],
      sameAs: ["https://example.org/cfa"],
      aliasLines: [3],
    });
  });

  it("reports alias conflicts, misnamed files and bad fields with file and line", async () => {
    const { diagnostics } = await loadRegistry(fixtureDir("registry-broken"));
    const base = "tests/fixtures/registry-broken/";
    expect(diagnostics.map((d) => [d.file.replace(base, ""), d.line, d.rule]).sort()).toEqual([
      ["organizations/beta-group.md", 5, "entity/alias-conflict"],
      ["organizations/delta-group.md", 3, "registry/invalid-sameAs"],
      ["organizations/gamma-group.md", 3, "entity/alias-conflict"],
      ["people/wrong-file-name.md", 3, "registry/file-name-mismatch"],
    ]);
    const beta = diagnostics.find((d) => d.file.endsWith("beta-group.md"));
    expect(beta?.message).toBe(
      `the alias "AG" is also claimed by "Alpha Group" (${base}organizations/alpha-group.md)`,
    );
    const misnamed = diagnostics.find((d) => d.rule === "registry/file-name-mismatch");
    expect(misnamed?.message).toBe(
      'the file for "Someone Else" is named wrong-file-name.md; expected someone-else.md (its slug)',
    );
  });
});
