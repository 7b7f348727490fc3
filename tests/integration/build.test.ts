import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, buildInto, fixtureDir } from "../helpers/build-fixture.ts";
import { Page } from "../helpers/dom.ts";
import { hashTree } from "../helpers/tree.ts";

let outDir: string;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

beforeAll(async () => {
  const result = await buildFixture("newsroom");
  expect(result.ok).toBe(true);
  outDir = result.outDir;
});

describe("building the fixture newsroom", () => {
  it("writes the pages at the contract URLs", async () => {
    const files = await listFiles(outDir);
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "page/2/index.html",
        "2024/03/01/ferry-update-01/index.html",
        "2024/04/01/windows-editor/index.html",
        "people/index.html",
        "people/aynur-qasimova/index.html",
        "people/aynur-qasimova/page/2/index.html",
        "people/gulsen-eliyeva/index.html",
        "people/aybek-toktogulov/index.html",
        "organizations/index.html",
        "organizations/caspian-ferry-authority/index.html",
        "organizations/caspian-ferry-authority/page/2/index.html",
        "organizations/harbour-workers-union/index.html",
        "assets/site.css",
      ]),
    );
    expect(files).not.toContain("page/3/index.html");
    expect(files).not.toContain("people/aynur-qasimova/page/3/index.html");
    expect(files.filter((f) => f.includes("draft") || f.includes("nobody"))).toEqual([]);
  });

  it("shows 20 newest articles on the home page with headline, dateline, date and summary", async () => {
    const home = await Page.read(outDir, "/");
    const teasers = home.withClass("teaser");
    expect(teasers).toHaveLength(20);
    const first = teasers[0];
    expect(home.links(first)[0]).toEqual(["/2024/04/01/windows-editor/", "Written on Windows"]);
    expect(home.text(home.withClass("meta")[0])).toBe("SHEKI, Azerbaijan · April 1, 2024");
    expect(home.attr("time", "datetime")).toBe("2024-04-01T12:00:00+04:00");
    expect(home.text(home.withClass("summary")[0])).toBe(
      "The fictional harbour authority published timetable update 25.",
    );
    expect(home.links().map(([href]) => href)).toContain("/page/2/");
    const page2 = await Page.read(outDir, "/page/2/");
    expect(page2.withClass("teaser")).toHaveLength(6);
    expect(page2.links().map(([href]) => href)).toContain("/");
  });

  it("renders an article with its dateline, date, body and entity links", async () => {
    const page = await Page.read(outDir, "/2024/03/01/ferry-update-01/");
    expect(page.firstText("h1")).toBe("Ferry timetable update number 1 for Lankaran");
    expect(page.attr("html", "lang")).toBe("en");
    expect(page.text(page.withClass("dateline")[0])).toBe("LANKARAN, Azerbaijan, March 1, 2024");
    expect(page.attr("time", "datetime")).toBe("2024-03-01");
    expect(page.all("em").map((e) => page.text(e))).toEqual(["fictional"]);
    const entityLinks = page.links(page.withClass("story-entities")[0]);
    expect(entityLinks).toEqual([
      ["/people/aynur-qasimova/", "Aynur Qasımova"],
      ["/people/gulsen-eliyeva/", "Gülşən Əliyeva"],
      ["/people/aybek-toktogulov/", "Айбек Токтогулов"],
      ["/organizations/caspian-ferry-authority/", "Caspian Ferry Authority"],
      ["/organizations/harbour-workers-union/", "Harbour Workers Union"],
      ["/places/lankaran/", "Lankaran"],
    ]);
    for (const tag of ["main", "article", "nav", "time"]) expect(page.all(tag).length).toBeGreaterThan(0);
  });

  it("paginates an entity with more than 20 articles, newest first", async () => {
    const page1 = await Page.read(outDir, "/people/aynur-qasimova/");
    expect(page1.firstText("h1")).toBe("Aynur Qasımova");
    expect(page1.text(page1.withClass("count")[0])).toBe("25 articles");
    expect(page1.withClass("teaser")).toHaveLength(20);
    expect(page1.links(page1.withClass("teaser")[0])[0]?.[0]).toBe("/2024/03/25/ferry-update-25/");
    expect(page1.links().map(([href]) => href)).toContain("/people/aynur-qasimova/page/2/");

    const page2 = await Page.read(outDir, "/people/aynur-qasimova/page/2/");
    expect(page2.firstText("h1")).toBe("Aynur Qasımova, page 2");
    const hrefs = page2.withClass("teaser").map((t) => page2.links(t)[0]?.[0]);
    expect(hrefs).toEqual([
      "/2024/03/05/ferry-update-05/",
      "/2024/03/04/ferry-update-04/",
      "/2024/03/03/ferry-update-03/",
      "/2024/03/02/ferry-update-02/",
      "/2024/03/01/ferry-update-01/",
    ]);
    expect(page2.links().map(([href]) => href)).toContain("/people/aynur-qasimova/");
  });

  it("lists every entity A–Z with its article count, people by family name", async () => {
    const people = await Page.read(outDir, "/people/");
    expect(
      people
        .all("li")
        .filter((li) => li.parent && "attribs" in li.parent && li.parent.attribs.class === "directory")
        .map((li) => people.text(li)),
    ).toEqual([
      "Gülşən Əliyeva (6 articles)",
      "Aynur Qasımova (25 articles)",
      "Айбек Токтогулов (4 articles)",
    ]);
    const orgs = await Page.read(outDir, "/organizations/");
    expect(
      orgs.links().filter(([href]) => href.startsWith("/organizations/") && href !== "/organizations/"),
    ).toEqual([
      ["/organizations/caspian-ferry-authority/", "Caspian Ferry Authority"],
      ["/organizations/harbour-workers-union/", "Harbour Workers Union"],
    ]);
  });

  it("builds byte-identical output from the same content and build time", async () => {
    const again = await buildFixture("newsroom");
    expect(await hashTree(again.outDir)).toEqual(await hashTree(outDir));
  });
});

describe("a failing build", () => {
  it("reports the errors and leaves the previous output exactly as it was", async () => {
    const first = await buildInto(fixtureDir("newsroom"));
    const out = first.outDir;
    const before = await hashTree(out);
    const mtimeBefore = (await stat(path.join(out, "index.html"))).mtimeMs;

    const failed = await buildInto(fixtureDir("broken"), out);
    expect(failed.ok).toBe(false);
    expect(failed.diagnostics.filter((d) => d.severity === "error").length).toBe(11);
    expect(await hashTree(out)).toEqual(before);
    expect((await stat(path.join(out, "index.html"))).mtimeMs).toBe(mtimeBefore);
    const siblings = await readdir(path.dirname(out));
    expect(siblings).toEqual(["_site"]);
  });
});
