import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { manifestFile, pageHashes, planRender, rehashPages } from "../../src/publish/incremental.ts";
import { patchSite, rememberSite, type SiteMemory } from "../../src/site/patch.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, buildInto } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";

const FERRY = "articles/2024/03/ferry-update-02.md";

/** The whole content read and modelled, as a full build does, and remembered as the publishing mode does. */
async function modelled(content: string): Promise<SiteMemory> {
  const result = await buildSite({ contentDir: content, buildTime: BUILD_TIME });
  if (!result.site || !result.model) throw new Error(JSON.stringify(result.diagnostics));
  return rememberSite(
    result.site,
    result.model.articles,
    result.model.links,
    result.diagnostics,
    result.nextScheduled,
  );
}

async function edit(content: string, file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(content, file);
  const text = await readFile(full, "utf8");
  const changed = change(text);
  expect(changed).not.toBe(text);
  await writeFile(full, changed);
}

const patch = (memory: SiteMemory, content: string, changed: string[]) =>
  patchSite(memory, { contentDir: content, changed, buildTime: BUILD_TIME, preview: false });

/**
 * Patches the remembered site after `edits`, then checks that the patched model and its page hashes are
 * exactly what reading and modelling the whole content again gives.
 */
async function expectSameAsWhole(
  content: string,
  memory: SiteMemory,
  edits: [string, (text: string) => string][],
): Promise<void> {
  const before = pageHashes(memory.site);
  for (const [file, change] of edits) await edit(content, file, change);
  const patched = await patch(
    memory,
    content,
    edits.map(([file]) => file),
  );
  if ("refused" in patched) throw new Error(`refused: ${patched.refused}`);
  const whole = await modelled(content);
  expect(rehashPages(patched.site, before, patched.pages)).toEqual(pageHashes(whole.site));
  expect(JSON.stringify(patched.site)).toBe(JSON.stringify(whole.site));
  for (const article of whole.site.articles) {
    const mine = patched.site.articles.find((a) => a.url === article.url);
    expect(mine?.html).toBe(article.html);
  }
  expect(patched.diagnostics).toEqual([]);
}

describe("the publishing mode models an edit of an article's own words on the site it has", () => {
  it("a new headline: the article, the pages linking to it, its listings and feeds", async () => {
    const content = await contentWith("newsroom");
    const memory = await modelled(content);
    const old = memory.site.articles.find((a) => a.file.endsWith("ferry-update-02.md"));
    const linking = memory.site.articles.filter((a) =>
      [...a.related, a.previous, a.next].some((l) => l?.url === old?.url),
    );
    expect(linking.length).toBeGreaterThan(0);
    await expectSameAsWhole(content, memory, [
      [
        FERRY,
        (t) => t.replace("Ferry timetable update number 2 for Ganja", "Night ferry added to the Ganja route"),
      ],
    ]);
    const renamed = memory.site.articles.find((a) => a.url === old?.url);
    expect(renamed?.title).toBe("Night ferry added to the Ganja route");
    for (const a of linking)
      expect([...a.related, a.previous, a.next].find((l) => l?.url === old?.url)?.title).toBe(
        "Night ferry added to the Ganja route",
      );
  });

  it("a summary, a body, a dateline's words after its city, two files at once, then again", async () => {
    const content = await contentWith("newsroom");
    const memory = await modelled(content);
    await expectSameAsWhole(content, memory, [
      [FERRY, (t) => t.replace("published timetable update 2.", "published a *revised* timetable.")],
      [
        "articles/2024/03/ferry-update-03.md",
        (t) => t.replace("exists only for tests.", "exists only for tests, and was corrected at noon."),
      ],
    ]);
    await expectSameAsWhole(content, memory, [
      [FERRY, (t) => t.replace("GANJA, Azerbaijan", "GANJA, western Azerbaijan")],
    ]);
    const ferry = memory.site.articles.find((a) => a.file.endsWith("ferry-update-02.md"));
    expect(ferry?.datelineParts?.rest).toBe(", western Azerbaijan");
    expect(ferry?.summaryHtml).toContain("<em>revised</em>");
  });

  it("in every language: a body edit of a translated story", async () => {
    const content = await contentWith("multilingual");
    const memory = await modelled(content);
    await expectSameAsWhole(content, memory, [
      ["articles/ferry-route-opens-ru.md", (t) => `${t}\nДобавлен ещё один абзац.\n`],
    ]);
  });

  it("refuses what changes more than the article's own words, and changes nothing then", async () => {
    const content = await contentWith("newsroom", {
      "articles/2024/03/ferry-photo.jpg": "not really a photo",
    });
    const memory = await modelled(content);
    const before = JSON.stringify(memory.site);
    const refusal = async (changed: string[]) => {
      const result = await patch(memory, content, changed);
      expect(JSON.stringify(memory.site)).toBe(before);
      return "refused" in result ? result.refused : "patched";
    };
    const original = await readFile(path.join(content, FERRY), "utf8");
    const restore = () => writeFile(path.join(content, FERRY), original);

    await edit(content, FERRY, (t) => t.replace("date: 2024-03-02", "date: 2024-03-09"));
    expect(await refusal([FERRY])).toMatch(/changed date/);
    await restore();
    await edit(content, FERRY, (t) =>
      t.replace("  - Aynur Qasımova", "  - Aynur Qasımova\n  - Rauf Ələkbərli"),
    );
    expect(await refusal([FERRY])).toMatch(/changed names/);
    await restore();
    await edit(content, FERRY, (t) => t.replace("date: 2024-03-02", "date: 2024-02-30"));
    expect(await refusal([FERRY])).toMatch(/has diagnostics/);
    await restore();
    await edit(content, FERRY, (t) =>
      t.replace("dateline: GANJA, Azerbaijan", "dateline: SHEKI, Azerbaijan"),
    );
    const city = await refusal([FERRY]);
    // The dateline city is one of the article's places too.
    expect(city).toMatch(/changed (names|datelineCity)/);
    await restore();
    await edit(content, FERRY, (t) => t.replace("summary:", "updated: 2024-03-03\nsummary:"));
    expect(await refusal([FERRY])).toMatch(/changed fieldLines|gained or lost a field/);
    await restore();

    expect(await refusal(["site.json"])).toMatch(/not an article/);
    expect(await refusal(["articles/2024/03/ferry-photo.jpg"])).toMatch(/not an article file/);
    await writeFile(path.join(content, "articles/2024/03/new-story.md"), original.replace("update-02", "x"));
    expect(await refusal(["articles/2024/03/new-story.md"])).toMatch(/not an article shown/);
    await rm(path.join(content, "articles/2024/03/new-story.md"));
    await rm(path.join(content, "articles/2024/03/ferry-update-03.md"));
    expect(await refusal(["articles/2024/03/ferry-update-03.md"])).toMatch(/added, removed or renamed/);
    // An editor's temporary file, gone by the time the build looks, is no change at all.
    expect(await refusal([`${FERRY}.swp`])).toMatch(/no article changed/);
  });

  it("refuses once a scheduled article falls due, and patches before", async () => {
    const content = await contentWith("newsroom", {
      "articles/2024/06/tomorrow.md":
        "---\ntitle: Ferry fares fall tomorrow\ndate: 2024-06-02T09:00:00+04:00\n---\nA scheduled fictional story.\n",
    });
    const memory = await modelled(content);
    await edit(content, FERRY, (t) => t.replace("exists only for tests.", "exists only for tests (edited)."));
    const at = (buildTime: string) =>
      patchSite(memory, { contentDir: content, changed: [FERRY], buildTime, preview: false });
    expect(await at("2024-06-02T09:00:01+04:00")).toEqual({
      refused: "an article's status or the news window changed",
    });
    expect("refused" in (await at("2024-06-01T18:00:00+04:00"))).toBe(false);
  });

  it("refuses a new headline that translations show beside it", async () => {
    const content = await contentWith("multilingual");
    const memory = await modelled(content);
    const file = "articles/ferry-route-opens-ru.md";
    await edit(content, file, (t) => t.replace(/^title: .*$/m, "title: Паром пошёл по новому маршруту"));
    const result = await patch(memory, content, [file]);
    expect("refused" in result && result.refused).toMatch(/headline/);
  });
});

describe("the manifest the publishing mode remembers", () => {
  it("stands for the output's manifest while the file is the one it published, and not once replaced", async () => {
    const content = await contentWith("newsroom");
    const { outDir } = await buildInto(content);
    const { site } = await buildSite({ contentDir: content, buildTime: BUILD_TIME });
    if (!site) throw new Error("no site");
    const fromDisk = await planRender(site, outDir, true);
    expect(fromDisk.reuse.length).toBeGreaterThan(0);
    // A remembered manifest that no page matches: used only while the file is the same one.
    const remembered = { ...fromDisk.manifest, pages: new Map([...fromDisk.hashes].map(([f]) => [f, "0"])) };
    const known = { hashes: fromDisk.hashes, fingerprint: fromDisk.manifest.fingerprint };
    const file = await manifestFile(outDir);
    if (!file) throw new Error("no manifest");
    const same = await planRender(site, outDir, true, {
      ...known,
      published: { manifest: remembered, file },
    });
    expect(same.reuse).toEqual([]);
    const other = await planRender(site, outDir, true, {
      ...known,
      published: { manifest: remembered, file: { ...file, ino: file.ino + 1 } },
    });
    expect(other.reuse).toEqual(fromDisk.reuse);
  });
});
