import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DomUtils } from "htmlparser2";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, buildInto } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { Page } from "../helpers/dom.ts";

/** Every HTML page of an output folder, as site URLs (`/people/`, `/404.html`). */
async function htmlPages(outDir: string): Promise<string[]> {
  const files = await readdir(outDir, { recursive: true });
  return files
    .filter((f) => f.endsWith(".html") && !f.startsWith("pagefind"))
    .map((f) => `/${f.split(path.sep).join("/")}`.replace(/index\.html$/, ""))
    .sort();
}

/** The letter headings of a directory page and the entry names under each. */
function letterGroups(page: Page): string[] {
  return page.withClass("letter-group").map((section) => {
    const heading = DomUtils.getElementsByTagName("h2", [section], true)[0];
    const names = DomUtils.getElementsByTagName("li", [section], true).map((li) =>
      page.text(DomUtils.getElementsByTagName("a", [li], true)[0]),
    );
    return `${page.text(heading)}: ${names.join(", ")}`;
  });
}

describe("reader details on a built site", () => {
  let outDir = "";

  beforeAll(async () => {
    const built = await buildFixture("reader-details");
    expect(built.diagnostics).toEqual([]);
    outDir = built.outDir;
  });

  it("puts a labelled search form submitting q to the language's search page on every page", async () => {
    const urls = await htmlPages(outDir);
    expect(urls).toContain("/404.html");
    expect(urls).toContain("/az/people/");
    for (const url of urls) {
      const page = await Page.read(outDir, url);
      const forms = page.all("form").filter((f) => f.attribs.role === "search");
      expect(forms, url).toHaveLength(1);
      const form = forms[0];
      if (!form) continue;
      const expected = url.startsWith("/az/") ? "/az/search/" : "/search/";
      expect([form.attribs.action, form.attribs.method], url).toEqual([expected, "get"]);
      const input = DomUtils.getElementsByTagName("input", [form], true)[0];
      const label = DomUtils.getElementsByTagName("label", [form], true)[0];
      expect(input?.attribs.name, url).toBe("q");
      expect(label?.attribs.for, url).toBe(input?.attribs.id);
      expect(page.text(label), url).toBe(url.startsWith("/az/") ? "Məqalələrdə axtar" : "Search articles");
    }
  });

  it("shows summaries' inline markdown rendered in listings, never the raw markers", async () => {
    const home = await Page.read(outDir, "/");
    const summaries = home.withClass("summary");
    expect(summaries.map((s) => home.text(s))).toEqual([
      "The fictional harbour reopens after three weeks of dredging and new lights.",
      "Keeper Emil Brandt_son hands over the lamp: 5 * 3 nights a week, no more.",
    ]);
    const first = summaries[0];
    expect(DomUtils.getElementsByTagName("em", [first ?? home.doc], true).map((e) => home.text(e))).toEqual([
      "fictional",
    ]);
    expect(
      DomUtils.getElementsByTagName("strong", [first ?? home.doc], true).map((e) => home.text(e)),
    ).toEqual(["three"]);
    expect(home.links(first)).toEqual([["https://ledger.example.test/lights/", "new lights"]]);
    const az = await Page.read(outDir, "/az/");
    expect(az.withClass("summary").map((s) => az.text(s))).toEqual(["Uydurma mayak yenidən yanır."]);
  });

  it("gives meta descriptions and feeds the summary as plain text", async () => {
    const article = await readFile(path.join(outDir, "2024/05/20/harbour-reopens/index.html"), "utf8");
    const plain = "The fictional harbour reopens after three weeks of dredging and new lights.";
    expect(article).toContain(`<meta name="description" content="${plain}">`);
    expect(article).toContain(`<meta property="og:description" content="${plain}">`);
    const atom = await readFile(path.join(outDir, "feed.xml"), "utf8");
    expect(atom).toContain(`<summary>${plain}</summary>`);
    const entityFeed = JSON.parse(
      await readFile(path.join(outDir, "people/zaur-babayev/feed.json"), "utf8"),
    ) as {
      items: { content_text?: string; summary?: string }[];
    };
    expect(entityFeed.items.map((i) => [i.content_text, i.summary])).toEqual([[plain, plain]]);
    expect(atom).not.toMatch(/\*fictional\*|\*\*three\*\*|`dredging`/);
  });

  it("groups the people directory by family name under letter headings, with a jump list", async () => {
    const people = await Page.read(outDir, "/people/");
    expect(letterGroups(people)).toEqual([
      "B: Zaur Babayev, Anna van der Berg, Emil Brandtson",
      "Ə: Gülşən Əliyeva",
      "Q: Aynur Qasımova",
      "R: Samir al-Rashid",
    ]);
    const jump = people.withClass("letters")[0];
    expect(people.links(jump)).toEqual([
      ["#letter-b", "B"],
      ["#letter-e", "Ə"],
      ["#letter-q", "Q"],
      ["#letter-r", "R"],
    ]);
    const az = await Page.read(outDir, "/az/people/");
    expect(letterGroups(az).map((g) => g.split(":")[0])).toEqual(["B", "Ç", "Ə", "I", "İ", "Q", "Ş"]);
    expect(letterGroups(az)).toContain("Ş: Tural Şahbazov");
    const organizations = await Page.read(outDir, "/organizations/");
    expect(letterGroups(organizations)).toEqual(["H: Harbour Board", "#: 3rd Pier Cooperative"]);
  });
});

describe("a directory of more than 500 people", () => {
  it("lists the letters on the directory page and gives each letter its own page", async () => {
    // Three articles of 167 people each (a list holds at most 200): 501 new names, 60 … 170 under A, B, C.
    const families = ["Abbot", "Brook", "Crane"];
    const files: Record<string, string> = {};
    for (let a = 0; a < 3; a++) {
      const names = Array.from({ length: 167 }, (_, j) => {
        const i = a * 167 + j;
        return `Ada ${families[i % 3]}${String(i).padStart(3, "0")}`;
      });
      files[`articles/crowd-${a}.md`] = [
        "---",
        `title: Fictional harbour crowd ${a}`,
        `date: 2024-04-0${a + 1}T09:00:00+04:00`,
        `people: [${names.join(", ")}]`,
        "---",
        "A fictional crowd gathered at the harbour.",
        "",
      ].join("\n");
    }
    const built = await buildInto(await contentWith("reader-details", files));
    expect(built.diagnostics).toEqual([]);
    const index = await Page.read(built.outDir, "/people/");
    expect(letterGroups(index)).toEqual([]);
    expect(index.links(index.withClass("letters")[0])).toEqual([
      ["/people/letter/a/", "A"],
      ["/people/letter/b/", "B"],
      ["/people/letter/c/", "C"],
      ["/people/letter/e/", "Ə"],
      ["/people/letter/q/", "Q"],
      ["/people/letter/r/", "R"],
    ]);
    const b = await Page.read(built.outDir, "/people/letter/b/");
    expect(b.firstText("h1")).toBe("People: B");
    const [group] = letterGroups(b);
    expect(
      group?.startsWith("B: Zaur Babayev, Anna van der Berg, Emil Brandtson, Ada Brook001, Ada Brook004"),
    ).toBe(true);
    expect(group?.split(", ")).toHaveLength(3 + 167);
    expect(b.links(b.withClass("directory-up")[0])).toEqual([["/people/", "All letters"]]);
    expect(b.all("a").find((a) => a.attribs["aria-current"] === "page")?.attribs.href).toBe(
      "/people/letter/b/",
    );
    const sitemap = await readFile(path.join(built.outDir, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("https://ledger.example.test/people/letter/c/");
  }, 120_000);
});
