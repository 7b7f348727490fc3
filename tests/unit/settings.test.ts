import { execFileSync } from "node:child_process";
import { mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings, parseSettings } from "../../src/content/settings.ts";

const FILE = "content/site.json";

/** A valid site.json with one line per key, `overrides` replacing or adding keys in place. */
function settingsJson(overrides: Record<string, unknown> = {}): string {
  const values: Record<string, unknown> = {
    title: "The Fixture Gazette",
    baseUrl: "https://gazette.example.test",
    language: "en",
    timeZone: "Asia/Baku",
    ...overrides,
  };
  return `{\n${Object.entries(values)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(",\n")}\n}\n`;
}

const found = (text: string) =>
  parseSettings(text, FILE).diagnostics.map((d) => [d.rule, d.line, d.column, d.field]);

describe("parseSettings: JSON syntax errors at their line and column", () => {
  it.each([
    ['{\n  "title": "T",\n  "language": "en"\n  "timeZone": "Asia/Baku"\n}\n', 4, 3],
    ['{\n  "title": "T",\n  "perPage": 20,\n}\n', 4, 1],
    ['{\n  "title": "T",\n  "perPage": tru\n}\n', 3, 14],
    ['{\n  "title": "T",\n  "description": "unfinished\n}\n', 3, 29],
    ['{\n  "title": "T",\n', 3, 1],
    ['\uFEFF{\n  "title": "T" "x"\n}\n', 2, 16],
  ])("%j → line %i, column %i", (text, line, column) => {
    const { settings, diagnostics } = parseSettings(text, FILE);
    expect(settings).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: FILE, line, column, rule: "settings/json-syntax", severity: "error" }),
    ]);
    expect(diagnostics[0]?.message).toMatch(/^invalid JSON: /);
    expect(diagnostics[0]?.message).not.toContain("position");
  });

  it("reports a value that is not an object", () => {
    expect(found("[1, 2]\n")).toEqual([["settings/not-an-object", 1, 1, undefined]]);
  });
});

describe("parseSettings: schema errors at the key's own line", () => {
  it("finds the key, not the first line that merely contains its name", () => {
    const text = settingsJson({
      title: 'The "language" desk',
      description: '"timeZone": local',
      language: 7,
    });
    expect(found(text)).toEqual([["settings/invalid-language", 4, 3, "language"]]);
  });

  it("takes the last of two equal keys, as JSON.parse does", () => {
    const text =
      '{\n  "title": "T",\n  "baseUrl": "https://x.example",\n  "timeZone": "Asia/Baku",\n  "language": "en",\n  "language": "en-US-US"\n}\n';
    expect(found(text)).toEqual([["settings/invalid-language", 6, 3, "language"]]);
  });

  it("reports a missing setting at line 1", () => {
    expect(found('{\n  "title": "T",\n  "baseUrl": "https://x.example",\n  "timeZone": "UTC"\n}\n')).toEqual([
      ["settings/missing-language", 1, 1, "language"],
    ]);
  });
});

describe("parseSettings: language", () => {
  it.each([
    ["en", "en"],
    ["zh-CN", "zh-CN"],
    ["az-Latn", "az-Latn"],
    ["kk-Cyrl-KZ", "kk-Cyrl-KZ"],
    ["EN-us", "en-US"],
  ])("keeps the full tag %s (as %s)", (tag, canonical) => {
    expect(parseSettings(settingsJson({ language: tag }), FILE).settings?.language).toBe(canonical);
  });

  it.each([
    ["en-US-US", "not a well-formed BCP 47 language tag"],
    ["de-1996-1996", "not a well-formed BCP 47 language tag"],
    ["e", "not a well-formed BCP 47 language tag"],
    ["tlh", "no date formats"],
    ["xx-Zzzz-ZZ", "no date formats"],
    ["en-u-ca-islamic", "extensions"],
    ["en-x-newsroom", "extensions"],
  ])("refuses %s as settings/invalid-language (%s)", (tag, reason) => {
    const { settings, diagnostics } = parseSettings(settingsJson({ language: tag }), FILE);
    expect(settings).toBeUndefined();
    expect(diagnostics.map((d) => [d.rule, d.line, d.field])).toEqual([
      ["settings/invalid-language", 4, "language"],
    ]);
    expect(diagnostics[0]?.message).toContain(reason);
    expect(diagnostics[0]?.message).toContain("expected a language tag such as en, zh-CN or az-Latn");
  });
});

describe("parseSettings: embedHosts", () => {
  it("defaults to no hosts", () => {
    expect(parseSettings(settingsJson(), FILE).settings?.embedHosts).toEqual([]);
  });

  it("reads a list of host names", () => {
    const hosts = ["www.youtube-nocookie.com", "player.vimeo.com"];
    expect(parseSettings(settingsJson({ embedHosts: hosts }), FILE).settings?.embedHosts).toEqual(hosts);
  });

  it.each([
    ["https://player.vimeo.com", "without a scheme"],
    ["player.vimeo.com/video", "without a path"],
    ["Player.Vimeo.com", "lower case"],
    ["localhost", "expected a host name"],
    ["*.example.com", "expected a host name"],
  ])("refuses %s at its item's line", (host, reason) => {
    const text =
      '{\n  "title": "T",\n  "baseUrl": "https://x.example",\n  "language": "en",\n  "timeZone": "UTC",\n  "embedHosts": [\n    "player.vimeo.com",\n    HOST\n  ]\n}\n'.replace(
        "HOST",
        JSON.stringify(host),
      );
    const { diagnostics } = parseSettings(text, FILE);
    expect(diagnostics.map((d) => [d.rule, d.line, d.column, d.field])).toEqual([
      ["settings/invalid-embedHosts", 8, 5, "embedHosts"],
    ]);
    expect(diagnostics[0]?.message).toContain(reason);
    expect(diagnostics[0]?.message).toContain(`(found the text ${JSON.stringify(host)})`);
  });

  it("refuses a value that is not a list", () => {
    expect(found(settingsJson({ embedHosts: "player.vimeo.com" }))).toEqual([
      ["settings/invalid-embedHosts", 6, 3, "embedHosts"],
    ]);
  });
});

describe("loadSettings reads site.json the way it reads articles", () => {
  it("refuses a link that leaves the content folder, a file saved as UTF-16 and a named pipe, without hanging", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "dateline-outside-"));
    await writeFile(path.join(outside, "site.json"), '{"title": "Not ours"}');
    const linked = await mkdtemp(path.join(tmpdir(), "dateline-settings-"));
    await symlink(path.join(outside, "site.json"), path.join(linked, "site.json"));
    expect((await loadSettings(path.join(linked, "site.json"), "site.json")).diagnostics).toEqual([
      expect.objectContaining({ rule: "file/outside-content" }),
    ]);

    const utf16 = await mkdtemp(path.join(tmpdir(), "dateline-settings-"));
    await writeFile(path.join(utf16, "site.json"), Buffer.from('\uFEFF{"title": "T"}', "utf16le"));
    expect((await loadSettings(path.join(utf16, "site.json"), "site.json")).diagnostics).toEqual([
      expect.objectContaining({ rule: "file/not-utf8" }),
    ]);

    const pipe = await mkdtemp(path.join(tmpdir(), "dateline-settings-"));
    execFileSync("mkfifo", [path.join(pipe, "site.json")]);
    const fromPipe = await loadSettings(path.join(pipe, "site.json"), "site.json");
    expect(fromPipe.settings).toBeUndefined();
    expect(fromPipe.diagnostics.length).toBe(1);
  }, 20_000);

  it("still says when there is no site.json", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "dateline-settings-"));
    expect((await loadSettings(path.join(empty, "site.json"), "site.json")).diagnostics).toEqual([
      expect.objectContaining({ rule: "settings/missing-file" }),
    ]);
  });
});
