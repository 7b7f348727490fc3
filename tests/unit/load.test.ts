import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/content.ts";
import { MAX_FILE_BYTES, MAX_LINE_LENGTH } from "../../src/content/limits.ts";
import { displayPath, listMarkdownFiles, readSources } from "../../src/content/load.ts";
import { contentWith as fixtureWith } from "../helpers/content-copy.ts";

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "dateline-load-"));
}

/** A content folder with `files` (text or bytes), returned with its `articles` folder. */
async function contentWith(
  files: Record<string, string | Uint8Array>,
): Promise<{ root: string; articles: string }> {
  const root = path.join(await tempDir(), "content");
  const articles = path.join(root, "articles");
  await mkdir(articles, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), data);
  }
  return { root, articles };
}

const shown = (dir: string, name: string) => displayPath(path.join(dir, name));
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("readSources", () => {
  it("reads every markdown file at any depth, in a stable order, more files than it opens at once", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "2024/03"), { recursive: true });
    for (let i = 0; i < 300; i++)
      await writeFile(path.join(dir, "2024/03", `a-${String(i).padStart(3, "0")}.md`), `# ${i}\n`);
    await writeFile(path.join(dir, "notes.txt"), "not markdown");
    const { sources, diagnostics } = await readSources(dir);
    expect(diagnostics).toEqual([]);
    expect(sources).toHaveLength(300);
    expect(sources[0]?.raw).toBe("# 0\n");
    expect(sources[299]?.raw).toBe("# 299\n");
    expect(sources.map((s) => s.file)).toEqual([...sources.map((s) => s.file)].sort());
  });

  it("treats a missing folder as empty", async () => {
    expect(await listMarkdownFiles(path.join(tmpdir(), "no-such-dateline-folder"))).toEqual([]);
    expect(await readSources(path.join(tmpdir(), "no-such-dateline-folder"))).toEqual({
      sources: [],
      diagnostics: [],
    });
  });
});

describe("readSources: encodings", () => {
  it("keeps a UTF-8 byte-order mark and CRLF line endings as they are", async () => {
    const { articles } = await contentWith({ "articles/a.md": "\uFEFF---\r\ntitle: Çay\r\n---\r\n" });
    expect(await readSources(articles)).toEqual({
      sources: [{ file: shown(articles, "a.md"), raw: "\uFEFF---\r\ntitle: Çay\r\n---\r\n" }],
      diagnostics: [],
    });
  });

  it("reports a byte that is not UTF-8 at its line and column, and reads the other files", async () => {
    const { articles } = await contentWith({
      "articles/latin1.md": bytes("---\ntitle: Ölkə ", [0xe9], "t\n---\n"),
      "articles/ok.md": "---\ntitle: T\n---\n",
    });
    const { sources, diagnostics } = await readSources(articles);
    expect(sources.map((s) => s.file)).toEqual([shown(articles, "ok.md")]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: shown(articles, "latin1.md"),
        line: 2,
        column: 13,
        rule: "file/invalid-utf8",
        severity: "error",
        message: "byte 0xE9 is not valid UTF-8; expected UTF-8 text",
      }),
    ]);
  });

  it.each([
    ["a truncated sequence", [0xe2, 0x82], 1],
    ["an overlong form", [0xc0, 0xaf], 1],
    ["a surrogate", [0xed, 0xa0, 0x80], 1],
    ["a lone continuation byte", [0x80], 1],
  ])("reports %s where it starts", async (_, bad, column) => {
    const { articles } = await contentWith({ "articles/x.md": bytes("---\r\n", bad, "A\n") });
    const { diagnostics } = await readSources(articles);
    expect(diagnostics).toEqual([expect.objectContaining({ line: 2, column, rule: "file/invalid-utf8" })]);
  });

  it.each([
    ["little-endian with a byte-order mark", [0xff, 0xfe], "utf16le"],
    ["big-endian with a byte-order mark", [0xfe, 0xff], "utf16be"],
    ["little-endian without one", [], "utf16le"],
  ])("reports a file saved as UTF-16 %s as not UTF-8", async (_, bom, encoding) => {
    const text = Buffer.from("---\ntitle: T\ndate: 2024-05-01\n---\nBody\n", "utf16le");
    if (encoding === "utf16be") text.swap16();
    const { articles } = await contentWith({ "articles/u16.md": bytes(bom, [...text]) });
    const { sources, diagnostics } = await readSources(articles);
    expect(sources).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: shown(articles, "u16.md"), line: 1, rule: "file/not-utf8" }),
    ]);
    expect(diagnostics[0]?.message).toMatch(/saved as UTF-16 .*; expected UTF-8/);
  });
});

describe("readSources: links", () => {
  it("does not follow a link to a file outside the content folder", async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, "secret.md"), "---\ntitle: Secret\n---\n");
    const { articles } = await contentWith({ "articles/ok.md": "# ok\n" });
    await symlink(path.join(outside, "secret.md"), path.join(articles, "leak.md"));
    const { sources, diagnostics } = await readSources(articles);
    expect(sources.map((s) => s.raw)).toEqual(["# ok\n"]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: shown(articles, "leak.md"), line: 1, rule: "file/outside-content" }),
    ]);
  });

  it("does not follow a link to a folder outside, however it is reached", async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, "secret.md"), "---\ntitle: Secret\n---\n");
    const { articles } = await contentWith({});
    await mkdir(path.join(articles, "2024"));
    await symlink(outside, path.join(articles, "2024", "more"));
    await symlink("../../..", path.join(articles, "2024", "up"));
    const { sources, diagnostics } = await readSources(articles);
    expect(sources).toEqual([]);
    expect(diagnostics.map((d) => [d.file, d.rule])).toEqual([
      [shown(articles, "2024/more"), "file/outside-content"],
      [shown(articles, "2024/up"), "file/outside-content"],
    ]);
  });

  it("reads a link that stays inside the content folder, under the link's name", async () => {
    const { root, articles } = await contentWith({
      "articles/2024/a.md": "# a\n",
      "shared/b.md": "# b\n",
    });
    await symlink(path.join(articles, "2024", "a.md"), path.join(articles, "latest.md"));
    await symlink(path.join(root, "shared", "b.md"), path.join(articles, "b.md"));
    await symlink(path.join(articles, "2024"), path.join(articles, "this-year"));
    const { sources, diagnostics } = await readSources(articles, { root });
    expect(diagnostics).toEqual([]);
    // The linked folder is not entered: its files are read once, from where they are.
    expect(sources).toEqual([
      { file: shown(articles, "2024/a.md"), raw: "# a\n" },
      { file: shown(articles, "b.md"), raw: "# b\n" },
      { file: shown(articles, "latest.md"), raw: "# a\n" },
    ]);
    // By default the folder read is the boundary.
    expect((await readSources(articles)).diagnostics).toEqual([
      expect.objectContaining({ file: shown(articles, "b.md"), rule: "file/outside-content" }),
    ]);
  });

  it("reports a link to nothing instead of throwing", async () => {
    const { articles } = await contentWith({});
    await symlink(path.join(articles, "gone.md"), path.join(articles, "dangling.md"));
    expect((await readSources(articles)).diagnostics).toEqual([
      expect.objectContaining({ file: shown(articles, "dangling.md"), rule: "file/unreadable" }),
    ]);
  });

  it("refuses a content folder that is itself a link outside the root", async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, "a.md"), "# a\n");
    const { root } = await contentWith({});
    await symlink(outside, path.join(root, "people"));
    const { sources, diagnostics } = await readSources(path.join(root, "people"), { root });
    expect(sources).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ rule: "file/outside-content" })]);
  });
});

describe("readSources: limits", () => {
  it("refuses a file over MAX_FILE_BYTES without reading it, and reads one at the limit", async () => {
    const { articles } = await contentWith({
      "articles/big.md": Buffer.alloc(MAX_FILE_BYTES + 1, "a"),
      "articles/edge.md": Buffer.alloc(MAX_FILE_BYTES, "\n"),
    });
    const { sources, diagnostics } = await readSources(articles);
    expect(sources.map((s) => [s.file, s.raw.length])).toEqual([
      [shown(articles, "edge.md"), MAX_FILE_BYTES],
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: shown(articles, "big.md"), line: 1, rule: "file/too-large" }),
    ]);
    expect(diagnostics[0]?.message).toBe(
      "the file is 2,097,153 bytes (2 MiB); expected at most 2,097,152 bytes (2 MiB); it was not read",
    );
  });

  it("reports each line over MAX_LINE_LENGTH characters at its line", async () => {
    const long = "é".repeat(MAX_LINE_LENGTH + 1);
    const { articles } = await contentWith({
      "articles/long.md": `---\r\ntitle: T\r\n---\r\n${long}\r\n\r\n${long}`,
      "articles/edge.md": `---\ntitle: T\n---\n${"x".repeat(MAX_LINE_LENGTH)}\n`,
    });
    const { sources, diagnostics } = await readSources(articles);
    expect(sources.map((s) => s.file)).toEqual([shown(articles, "edge.md")]);
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([
      [shown(articles, "long.md"), 4, MAX_LINE_LENGTH + 1, "file/line-too-long"],
      [shown(articles, "long.md"), 6, MAX_LINE_LENGTH + 1, "file/line-too-long"],
    ]);
    expect(diagnostics[0]?.message).toBe("line 4 is 65,537 characters long; expected at most 65,536");
  });

  it("counts lines ended by a lone carriage return", async () => {
    const { articles } = await contentWith({ "articles/mac.md": "---\rtitle: T\r---\r".repeat(10_000) });
    expect((await readSources(articles)).diagnostics).toEqual([]);
  });

  it.runIf(process.platform !== "win32")("reports a named pipe instead of waiting on it", async () => {
    const { articles } = await contentWith({});
    execFileSync("mkfifo", [path.join(articles, "pipe.md")]);
    expect((await readSources(articles)).diagnostics).toEqual([
      expect.objectContaining({ file: shown(articles, "pipe.md"), rule: "file/unreadable" }),
    ]);
  });
});

describe("loadContent", () => {
  it("reports the articles and registry files it did not read, and links within the content folder are fine", async () => {
    const content = await fixtureWith("check-clean", { "shared/same.md": "---\ntitle: Linked\n---\n" });
    const outside = await tempDir();
    await writeFile(path.join(outside, "secret.md"), "---\ntitle: Secret\n---\n");
    await writeFile(path.join(content, "articles", "latin1.md"), bytes("---\ntitle: Caf", [0xe9], "\n---\n"));
    await mkdir(path.join(content, "people"));
    await symlink(path.join(outside, "secret.md"), path.join(content, "people", "secret.md"));
    await symlink(path.join(content, "shared", "same.md"), path.join(content, "articles", "linked.md"));
    const { diagnostics } = await loadContent({ contentDir: content, buildTime: "2024-06-01T00:00:00Z" });
    const found = diagnostics.filter((d) => d.rule.startsWith("file/")).map((d) => [d.file, d.line, d.rule]);
    expect(found.sort()).toEqual([
      [shown(content, "articles/latin1.md"), 2, "file/invalid-utf8"],
      [shown(content, "people/secret.md"), 1, "file/outside-content"],
    ]);
    // The linked article was read (and checked like any other).
    expect(diagnostics.some((d) => d.file === shown(content, "articles/linked.md"))).toBe(true);
    expect(diagnostics.some((d) => d.message.includes("Secret"))).toBe(false);
  });
});
