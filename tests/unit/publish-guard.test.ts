import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkOutputDir } from "../../src/publish/guard.ts";
import { LEGACY_MANIFEST_FILE, MANIFEST_FILE } from "../../src/publish/manifest.ts";
import { ROOT } from "../helpers/build-fixture.ts";

let work: string;
let content: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "dateline-guard-"));
  content = path.join(work, "newsroom", "content");
  await mkdir(path.join(content, "articles"), { recursive: true });
});

async function refusal(outDir: string, protectedDirs?: string[]) {
  const found = await checkOutputDir({
    outDir,
    contentDir: content,
    ...(protectedDirs ? { protectedDirs } : {}),
  });
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ rule: "build/unsafe-output", severity: "error", field: "out" });
  return found[0]?.message ?? "";
}

describe("checkOutputDir", () => {
  it("refuses the content folder, a folder containing it, and a folder inside it", async () => {
    expect(await refusal(content)).toContain("which it is");
    expect(await refusal(path.join(work, "newsroom"))).toContain("which it contains");
    expect(await refusal(path.join(content, "articles", "_site"))).toContain("inside the content folder");
  });

  it("sees through a symbolic link to the content folder", async () => {
    const link = path.join(work, "link-to-content");
    await symlink(content, link);
    expect(await refusal(link)).toContain("the content folder");
    expect(await refusal(path.join(link, "site"))).toContain("inside the content folder");
  });

  it("refuses the templates, Dateline's own folder, the working folder, home and the root", async () => {
    expect(await refusal(path.join(ROOT, "templates"))).toContain("the templates");
    expect(await refusal(path.join(ROOT, "templates", "_includes"))).toContain("inside the templates");
    expect(await refusal(ROOT)).toContain("the site would replace");
    expect(await refusal(path.dirname(ROOT))).toContain("which it contains");
    expect(await refusal(".")).toContain("the site would replace");
    expect(await refusal(path.join(ROOT, "src"), [path.join(ROOT, "src")])).toContain("which it is");
    expect(await refusal(homedir())).toContain(homedir());
    expect(await refusal(path.parse(work).root, [])).toContain("root");
  });

  it("refuses an existing folder Dateline did not make, and a file", async () => {
    const theirs = path.join(work, "theirs");
    await mkdir(theirs);
    await writeFile(path.join(theirs, "notes.txt"), "keep me");
    expect(await refusal(theirs)).toContain(`has no ${MANIFEST_FILE}`);
    const file = path.join(work, "a-file");
    await writeFile(file, "x");
    expect(await refusal(file)).toContain("not a folder");
  });

  it("accepts a new folder, an empty one, and one holding Dateline's manifest, of either format", async () => {
    expect(await checkOutputDir({ outDir: path.join(work, "new", "_site"), contentDir: content })).toEqual(
      [],
    );
    const empty = path.join(work, "empty");
    await mkdir(empty);
    expect(await checkOutputDir({ outDir: empty, contentDir: content })).toEqual([]);
    const ours = path.join(work, "ours");
    await mkdir(ours);
    await writeFile(path.join(ours, MANIFEST_FILE), "{}");
    await writeFile(path.join(ours, "index.html"), "<!doctype html>");
    expect(await checkOutputDir({ outDir: ours, contentDir: content })).toEqual([]);
    // A site built before the compact manifest holds the JSON one.
    const older = path.join(work, "older");
    await mkdir(older);
    await writeFile(path.join(older, LEGACY_MANIFEST_FILE), "{}");
    await writeFile(path.join(older, "index.html"), "<!doctype html>");
    expect(await checkOutputDir({ outDir: older, contentDir: content })).toEqual([]);
  });
});
