import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listMarkdownFiles, loadSources } from "../../src/content/load.ts";

describe("loadSources", () => {
  it("reads every markdown file at any depth, in a stable order, more files than it opens at once", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dateline-load-"));
    await mkdir(path.join(dir, "2024/03"), { recursive: true });
    for (let i = 0; i < 300; i++)
      await writeFile(path.join(dir, "2024/03", `a-${String(i).padStart(3, "0")}.md`), `# ${i}\n`);
    await writeFile(path.join(dir, "notes.txt"), "not markdown");
    const sources = await loadSources(dir);
    expect(sources).toHaveLength(300);
    expect(sources[0]?.raw).toBe("# 0\n");
    expect(sources[299]?.raw).toBe("# 299\n");
    expect(sources.map((s) => s.file)).toEqual([...sources.map((s) => s.file)].sort());
  });

  it("treats a missing folder as empty", async () => {
    expect(await listMarkdownFiles(path.join(tmpdir(), "no-such-dateline-folder"))).toEqual([]);
  });
});
