import { describe, expect, it } from "vitest";
import { MAX_NAME_LENGTH } from "../../src/content/limits.ts";
import { loadRegistry } from "../../src/content/registry.ts";
import { fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";

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
      ["organizations/delta-group.md", 3, "registry/invalid-url"],
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

describe("loadRegistry: alias lines", () => {
  it("reports an alias conflict at the item's own line in an unindented list, and in a flow list", async () => {
    const content = await contentWith("registry-broken", {
      "organizations/epsilon-group.md": "---\nname: Epsilon Group\naliases:\n- EG\n- BG\n---\n",
      "organizations/zeta-group.md": "---\nname: Zeta Group\naliases: [ZG, EG]\n---\n",
    });
    const { diagnostics } = await loadRegistry(content);
    const at = (name: string) =>
      diagnostics
        .filter((d) => d.rule === "entity/alias-conflict" && d.file.endsWith(name))
        .map((d) => [d.line, d.column]);
    expect(at("epsilon-group.md")).toEqual([[5, 1]]);
    expect(at("zeta-group.md")).toEqual([[3, 1]]);
  });
});

describe("loadRegistry: links and names that pages would carry", () => {
  const person = (frontmatter: string) => `---\nname: Ada Fictional\n${frontmatter}\n---\n`;
  const load = async (files: Record<string, string>) => {
    const content = await contentWith("check-clean", files);
    const { entries, diagnostics } = await loadRegistry(content);
    return {
      entries,
      found: diagnostics.map((d) => [d.file.slice(d.file.indexOf("people/")), d.line, d.rule, d.field]),
      diagnostics,
    };
  };

  it.each([
    ["image: 'javascript:alert(1)'", "image"],
    ["image: file:///etc/passwd", "image"],
    ["image: //elsewhere.example/photo.jpg", "image"],
    ["image: '/\\\\elsewhere.example/photo.jpg'", "image"],
    ["image: 'data:image/svg+xml,<svg onload=alert(1)>'", "image"],
    ["image: 'http://[bad'", "image"],
    ["image: 'https://example.org/a photo.jpg'", "image"],
    ["sameAs: [https://example.org/ada, 'javascript:alert(1)']", "sameAs"],
    ["sameAs:\n  - photos/ada/", "sameAs"],
  ])("refuses %s as registry/invalid-url at the key's line", async (frontmatter, field) => {
    const { entries, found, diagnostics } = await load({ "people/ada-fictional.md": person(frontmatter) });
    expect(entries).toEqual([]);
    expect(found).toEqual([["people/ada-fictional.md", 3, "registry/invalid-url", field]]);
    expect(diagnostics[0]?.message).toContain(
      "expected an http(s) URL or a path on the site starting with /",
    );
  });

  it("accepts http(s) URLs and site paths for image and sameAs", async () => {
    const { entries, found } = await load({
      "people/ada-fictional.md": person(
        "image: /photos/ada.jpg\nsameAs:\n  - https://example.org/ada\n  - http://example.org/old\n  - /about/ada/",
      ),
    });
    expect(found).toEqual([]);
    expect(entries[0]).toMatchObject({
      image: "/photos/ada.jpg",
      sameAs: ["https://example.org/ada", "http://example.org/old", "/about/ada/"],
    });
  });

  it("reports a name or alias longer than MAX_NAME_LENGTH, and a name whose slug is too long", async () => {
    const long = "A".repeat(MAX_NAME_LENGTH + 1);
    const cyrillic = "Щ".repeat(50); // 50 characters, a slug of 150
    const { found } = await load({
      "people/ada-fictional.md": person(`aliases:\n  - A. Fictional\n  - ${long}`),
      "people/long.md": `---\nrole: Fictional\nname: ${long}\n---\n`,
      [`people/${"shch".repeat(50)}.md`]: `---\nname: ${cyrillic}\n---\n`,
    });
    expect(found.sort()).toEqual([
      ["people/ada-fictional.md", 3, "registry/name-too-long", "aliases"],
      ["people/long.md", 3, "registry/name-too-long", "name"],
      [`people/${"shch".repeat(50)}.md`, 2, "registry/name-too-long", "name"],
    ]);
  });
});
