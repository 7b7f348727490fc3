import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import { loadAuthors } from "../../src/content/authors.ts";
import { parseDocument } from "../../src/content/frontmatter.ts";
import { validateArticle } from "../../src/content/validate.ts";
import { articleJsonLd } from "../../src/render/structured-data.ts";
import { bylineParts } from "../../src/site/byline.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

function validate(raw: string, file = "content/articles/story.md") {
  const parsed = parseDocument(file, raw);
  if (!parsed.document) throw new Error(`parse failed: ${JSON.stringify(parsed.diagnostics)}`);
  return validateArticle(parsed.document, TEST_SETTINGS);
}

const found = (diagnostics: { line: number; column: number; rule: string }[]) =>
  diagnostics.map((d) => [d.line, d.column, d.rule]);

describe("bylines: author and authors", () => {
  it("reads authors as a list of names, and author as a list of one", () => {
    const many = validate(
      "---\ntitle: T\ndate: 2024-03-01\nauthors:\n  - ' Ada Fictional '\n  - Bo Imaginary\n---\n",
    );
    expect(many.diagnostics).toEqual([]);
    expect(many.article?.authorNames).toEqual(["Ada Fictional", "Bo Imaginary"]);
    const one = validate("---\ntitle: T\ndate: 2024-03-01\nauthor: Ada Fictional\n---\n");
    expect(one.article?.authorNames).toEqual(["Ada Fictional"]);
    expect(validate("---\ntitle: T\ndate: 2024-03-01\n---\n").article?.authorNames).toBeUndefined();
  });

  it("refuses author and authors together, and an authors item that is not a name, at the key's line", () => {
    const both = validate(
      "---\ntitle: T\ndate: 2024-03-01\nauthor: Ada Fictional\nauthors: [Bo Imaginary]\n---\n",
    );
    expect(found(both.diagnostics)).toEqual([[5, 1, "article/author-and-authors"]]);
    expect(both.diagnostics[0]?.field).toBe("authors");
    const bad = validate("---\ntitle: T\ndate: 2024-03-01\nauthors:\n  - 42\n---\n");
    expect(found(bad.diagnostics)).toEqual([[4, 1, "article/invalid-authors"]]);
  });
});

describe("corrections", () => {
  const article = (corrections: string) =>
    validate(`---\ntitle: T\ndate: 2022-12-15T10:30:00+04:00\ncorrections:\n${corrections}---\n`);

  it("reads each { date, text } in the site's time zone, oldest first", () => {
    const { article: a, diagnostics } = article(
      "  - date: 2022-12-18T09:00\n    text: ' Second. '\n  - date: 2022-12-15\n    text: First, the same day.\n",
    );
    expect(diagnostics).toEqual([]);
    expect(a?.corrections?.map((c) => [c.date.iso, c.date.text, c.text])).toEqual([
      ["2022-12-15", "December 15, 2022", "First, the same day."],
      ["2022-12-18T09:00:00+04:00", "December 18, 2022", "Second."],
    ]);
  });

  it("reports every bad item at its own line, and a correction before the article's date", () => {
    const { article: a, diagnostics } = article(
      [
        "  - date: 2022-12-16",
        "    text: Fine.",
        "  - just text",
        "  - date: December 16, 2022",
        "    text: Wrong date.",
        "  - date: 2022-12-17",
        "    text: '   '",
        "  - text: No date.",
        "  - date: 2022-12-14",
        "    text: Before publication.",
        "  - date: 2022-12-15T09:00:00+04:00",
        "    text: An hour before.",
        "  - date: 2022-12-16",
        "    text: Extra key.",
        "    author: Someone",
        "",
      ].join("\n"),
    );
    expect(a).toBeUndefined();
    expect(found(diagnostics)).toEqual([
      [7, 5, "article/invalid-correction"],
      [8, 5, "article/invalid-correction"],
      [11, 5, "article/invalid-correction"],
      [12, 5, "article/invalid-correction"],
      [13, 5, "article/correction-before-date"],
      [15, 5, "article/correction-before-date"],
      [19, 5, "article/invalid-correction"],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'correction 2: expected a mapping with "date" and "text", found the text "just text"',
      'correction 3: "date": expected an ISO 8601 date such as 2022-12-15 or 2022-12-15T10:30:00+04:00, found "December 16, 2022"',
      'correction 4: "text" is empty; expected what was corrected',
      'correction 5: missing "date" (an ISO 8601 date such as 2022-12-16)',
      "correction 6: dated 2022-12-14, before the article's date; expected the day of publication or later",
      "correction 7: dated 2022-12-15T09:00:00+04:00, before the article's date; expected the day of publication or later",
      'correction 8: unknown key "author"; expected only "date" and "text"',
    ]);
    expect(diagnostics.every((d) => d.field === "corrections")).toBe(true);
  });

  it("refuses corrections that are not a list, at the key's line", () => {
    const { diagnostics } = validate("---\ntitle: T\ndate: 2024-03-01\ncorrections: Fixed a name.\n---\n");
    expect(found(diagnostics)).toEqual([[4, 1, "article/invalid-corrections"]]);
  });
});

describe("loadAuthors: the author files", () => {
  it("reads name, role, bio, image, sameAs, email and the body", async () => {
    const { entries, diagnostics } = await loadAuthors(fixtureDir("authors"));
    expect(diagnostics).toEqual([]);
    expect(entries.map((e) => e.slug)).toEqual(["nilufar-demirtas", "oskar-velimirov"]);
    expect(entries[0]).toMatchObject({
      name: "Nilufar Demirtaş",
      role: "Harbour correspondent",
      bio: "Covers the fictional ports of the Caspian coast.",
      image: "/photos/nilufar-demirtas.jpg",
      email: "nilufar@courier.example.test",
      sameAs: ["https://example.org/staff/nilufar-demirtas"],
    });
    expect(entries[0]?.body).toContain("**invented**");
  });

  it("reports a bad e-mail, a bad sameAs, misnamed files and a missing name at their lines", async () => {
    const content = await contentWith("authors", {
      "authors/ada-fictional.md": "---\nname: Ada Fictional\nrole: Desk\nemail: ada at example\n---\n",
      "authors/bo-imaginary.md":
        "---\nname: Bo Imaginary\nsameAs:\n  - https://example.org/bo\n  - 'javascript:alert(1)'\n---\n",
      "authors/wrong-name.md": "---\nrole: Desk\nname: Cy Invented\n---\n",
      "authors/nobody.md": "---\nrole: Desk\n---\n",
      "authors/nilufar-demirtas-2.md": "---\nname: NILUFAR DEMIRTAŞ\n---\n",
    });
    const { entries, diagnostics } = await loadAuthors(content);
    const at = diagnostics
      .map((d) => [d.file.slice(d.file.indexOf("authors/")), d.line, d.rule, d.field])
      .sort();
    expect(at).toEqual([
      ["authors/ada-fictional.md", 4, "author/invalid-email", "email"],
      ["authors/bo-imaginary.md", 3, "author/invalid-url", "sameAs"],
      ["authors/nilufar-demirtas-2.md", 2, "author/file-name-mismatch", "name"],
      ["authors/nobody.md", 1, "author/missing-name", "name"],
      ["authors/wrong-name.md", 3, "author/file-name-mismatch", "name"],
    ]);
    expect(diagnostics.find((d) => d.rule === "author/invalid-email")?.message).toBe(
      '"email": "ada at example" is not an e-mail address; expected one address such as desk@example.org',
    );
    expect(entries.map((e) => e.slug)).toEqual(["nilufar-demirtas", "oskar-velimirov"]);
  });
});

describe("the site model: authors and corrections", () => {
  const load = async () => {
    const { site, diagnostics } = await buildSite({
      contentDir: fixtureDir("authors"),
      buildTime: BUILD_TIME,
    });
    expect(diagnostics).toEqual([]);
    if (!site) throw new Error("no site");
    return site;
  };

  it("gives every author a paginated page with their articles, and lists them at /authors/", async () => {
    const site = await load();
    expect(site.authorPages.map((p) => [p.url, p.author?.name, p.items.map((a) => a.slug)])).toEqual([
      ["/authors/nilufar-demirtas/", "Nilufar Demirtaş", ["ferry-timetable-changes", "port-reopens"]],
      ["/authors/oskar-velimirov/", "Oskar Velimirov", ["ferry-timetable-changes"]],
      ["/authors/rauf-kelbecov/", "Rauf Kelbecov", ["market-opens"]],
    ]);
    expect(site.authorPages[0]?.author).toMatchObject({
      role: "Harbour correspondent",
      email: "nilufar@courier.example.test",
      feeds: { atom: "/authors/nilufar-demirtas/feed.xml", json: "/authors/nilufar-demirtas/feed.json" },
      articleCount: 2,
    });
    expect(site.authorDirectories.map((d) => [d.url, d.entries.map((e) => [e.name, e.count])])).toEqual([
      [
        "/authors/",
        [
          ["Nilufar Demirtaş", 2],
          ["Oskar Velimirov", 1],
          ["Rauf Kelbecov", 1],
        ],
      ],
    ]);
    const feedUrls = site.feeds.map((f) => f.feeds.atom);
    expect(feedUrls).toContain("/authors/rauf-kelbecov/feed.xml");
    expect(feedUrls).toContain("/corrections/feed.xml");
  });

  it("links a byline to the author's page, in the spelling of the author file", async () => {
    const site = await load();
    const port = site.articles.find((a) => a.slug === "port-reopens");
    expect(port?.authors).toEqual([
      {
        name: "Nilufar Demirtaş",
        slug: "nilufar-demirtas",
        url: "/authors/nilufar-demirtas/",
        sameAs: ["https://example.org/staff/nilufar-demirtas"],
      },
    ]);
    expect(site.articles.find((a) => a.slug === "agency-grain-prices")?.authors).toBeUndefined();
  });

  it("raises dateModified to the latest of updated and the corrections", async () => {
    const site = await load();
    const bySlug = (slug: string) => site.articles.find((a) => a.slug === slug);
    expect(bySlug("ferry-timetable-changes")?.modified?.iso).toBe("2022-12-18T09:00:00+04:00");
    expect(bySlug("port-reopens")?.modified?.iso).toBe("2022-12-11T12:00:00+04:00");
    expect(bySlug("market-opens")?.modified).toBeUndefined();
  });

  it("lists every correction newest first, linked to its article", async () => {
    const site = await load();
    expect(site.correctionPages).toHaveLength(1);
    expect(site.correctionPages[0]?.items.map((c) => [c.date.iso, c.article.url])).toEqual([
      ["2022-12-18T09:00:00+04:00", "/2022/12/15/ferry-timetable-changes/"],
      ["2022-12-16", "/2022/12/15/ferry-timetable-changes/"],
    ]);
    const feed = site.feeds.find((f) => f.feeds.atom === "/corrections/feed.xml");
    expect(feed?.articles.map((a) => a.slug)).toEqual(["ferry-timetable-changes"]);
  });

  it("reports two byline spellings that would share an author page", async () => {
    const content = await contentWith("authors", {
      "articles/second-market.md":
        "---\ntitle: Second market\ndate: 2022-12-13\nauthor: Rauf Kəlbəcov\n---\n",
    });
    const { site, diagnostics } = await buildSite({ contentDir: content, buildTime: BUILD_TIME });
    expect(site).toBeUndefined();
    expect(diagnostics.map((d) => [d.file.slice(d.file.indexOf("articles/")), d.line, d.rule])).toEqual([
      ["articles/second-market.md", 4, "author/slug-collision"],
    ]);
  });

  it("gives each author of the JSON-LD a Person with the author page's url; agency copy keeps its source", async () => {
    const site = await load();
    const ld = (slug: string) => {
      const article = site.articles.find((a) => a.slug === slug);
      if (!article) throw new Error(slug);
      return JSON.parse(articleJsonLd(article, site.settings))[0];
    };
    const ferry = ld("ferry-timetable-changes");
    expect(ferry.author).toEqual([
      {
        "@type": "Person",
        name: "Nilufar Demirtaş",
        url: "https://courier.example.test/authors/nilufar-demirtas/",
        sameAs: ["https://example.org/staff/nilufar-demirtas"],
      },
      {
        "@type": "Person",
        name: "Oskar Velimirov",
        url: "https://courier.example.test/authors/oskar-velimirov/",
      },
    ]);
    expect(ferry.dateModified).toBe("2022-12-18T09:00:00+04:00");
    const agency = ld("agency-grain-prices");
    expect(agency.author).toEqual({
      "@type": "Organization",
      name: "The Byline Courier",
      url: "https://courier.example.test/",
    });
    expect(agency.sourceOrganization).toEqual({ "@type": "Organization", name: "Fictional Wire Agency" });
  });
});

describe("bylineParts", () => {
  const ref = (name: string, slug: string) => ({ name, slug, url: `/authors/${slug}/`, sameAs: [] });
  it("joins the authors as the language joins a list, each linked", () => {
    expect(bylineParts("By {author}", [ref("Ada", "ada"), ref("Bo", "bo"), ref("Cy", "cy")], "en")).toEqual([
      { text: "By " },
      { text: "Ada", url: "/authors/ada/" },
      { text: ", " },
      { text: "Bo", url: "/authors/bo/" },
      { text: ", and " },
      { text: "Cy", url: "/authors/cy/" },
    ]);
    expect(bylineParts("Автор: {author}", [ref("Ада", "ada"), ref("Бо", "bo")], "ru")).toEqual([
      { text: "Автор: " },
      { text: "Ада", url: "/authors/ada/" },
      { text: " и " },
      { text: "Бо", url: "/authors/bo/" },
    ]);
  });
});

describe("authors and corrections in a multilingual site", () => {
  it("gives each language its own author pages, /authors/ and /corrections/", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("multilingual"), buildTime: BUILD_TIME });
    if (!site) throw new Error("no site");
    expect(site.authorPages.map((p) => p.url)).toEqual([
      "/authors/fictional-reporter/",
      "/ru/authors/vymyshlenniy-korrespondent/",
    ]);
    expect(site.authorDirectories.map((d) => [d.url, d.title])).toEqual([
      ["/authors/", "Authors"],
      ["/ru/authors/", "Авторы"],
      ["/az/authors/", "Müəlliflər"],
    ]);
    expect(site.correctionPages.map((p) => [p.url, p.title])).toEqual([
      ["/corrections/", "Corrections"],
      ["/ru/corrections/", "Исправления"],
      ["/az/corrections/", "Düzəlişlər"],
    ]);
    const ru = site.articles.find((a) => a.lang.tag === "ru" && a.authors);
    expect(ru?.authors?.map((a) => a.url)).toEqual(["/ru/authors/vymyshlenniy-korrespondent/"]);
  });
});

describe("npm run check on author files", () => {
  it("warns about a key an author file does not read, suggesting the known one", async () => {
    const content = await contentWith("authors", {
      "authors/ada-fictional.md": "---\nname: Ada Fictional\nemial: ada@example.org\n---\n",
    });
    const { diagnostics } = await checkContent(content);
    const unknown = diagnostics.filter((d) => d.rule === "author/unknown-key");
    expect(
      unknown.map((d) => [d.file.slice(d.file.indexOf("authors/")), d.line, d.severity, d.hint]),
    ).toEqual([["authors/ada-fictional.md", 3, "warning", 'rename "emial" to "email"']]);
  });
});
