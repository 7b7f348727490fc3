import { readFile } from "node:fs/promises";
import path from "node:path";
import sanitizeHtml from "sanitize-html";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import { indexEntities } from "../../src/content/entities.ts";
import { normalizeText, parseDocument } from "../../src/content/frontmatter.ts";
import { cleanHtml } from "../../src/content/markdown/clean-html.ts";
import { sanitizeOptions } from "../../src/content/markdown/sanitize-output.ts";
import {
  bodyStartLine,
  createMarkdown,
  htmlRemovals,
  MAX_LISTED_REMOVALS,
  mayHaveRemovals,
  renderMarkdown,
} from "../../src/content/markdown.ts";
import { formatReport } from "../../src/core/report.ts";
import type { Diagnostic } from "../../src/core/types.ts";
import { removedHtml } from "../../src/lint/removed-html.ts";
import type { LintInput } from "../../src/lint/types.ts";
import { plainText } from "../../src/render/search.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir, ROOT } from "../helpers/build-fixture.ts";
import { prng } from "../helpers/fuzz.ts";

const EMBEDS = createMarkdown({ embedHosts: ["video.example.test"] });
const render = (body: string) => renderMarkdown(body, 1, EMBEDS);
const whats = (body: string) => render(body).removals.map((r) => r.what);

describe("raw HTML in a body", () => {
  it("loses <script>, event handlers, javascript: links, <svg> and iframes of other hosts", () => {
    const { html, removals } = render(
      [
        'A <b onclick="steal()">bold</b> <a href="javascript:alert(1)">link</a>.',
        "",
        "<script>alert(document.cookie)</script>",
        "",
        '<img src="/photos/a.jpg" alt="A photo" onerror="alert(2)">',
        "",
        '<svg onload="alert(3)"><circle r="4"/></svg>',
        "",
        '<iframe src="https://evil.example/x"></iframe>',
        "",
        '<object data="x.swf"></object><embed src="x.swf"><form action="/x"><input name="q"></form>',
      ].join("\n"),
    );
    expect(html).toBe(
      '<p>A <b>bold</b> <a>link</a>.</p>\n\n<img src="/photos/a.jpg" alt="A photo" />\n<p></p>\n\n<p></p>\n',
    );
    expect(removals).toEqual([
      { line: 1, what: "removed onclick attribute from <b>" },
      { line: 1, what: "removed javascript: link" },
      { line: 3, what: "removed <script> element" },
      { line: 5, what: "removed onerror attribute from <img>" },
      { line: 7, what: "removed <svg> element, keeping its text" },
      { line: 9, what: "removed <iframe> element: evil.example is not in embedHosts" },
      { line: 11, what: "removed <object> tag" },
      { line: 11, what: "removed <embed> tag" },
      { line: 11, what: "removed <form> tag" },
      { line: 11, what: "removed <input> tag" },
    ]);
  });

  it("reports each removal at its line in the file, counting from the line where the body starts", () => {
    const body = ["", "Intro.", "", "<div>", "  <p>fine</p>", '  <img src="x.png" onerror="x()">', "</div>"];
    expect(renderMarkdown(body.join("\n"), 9, EMBEDS).removals).toEqual([
      { line: 14, what: "removed onerror attribute from <img>" },
    ]);
    const inline = ["First line,", "second <i", 'onmouseover="x()">line</i>.'];
    expect(renderMarkdown(inline.join("\n"), 20, EMBEDS).removals).toEqual([
      { line: 21, what: "removed onmouseover attribute from <i>" },
    ]);
  });

  it("keeps the HTML a news article needs", () => {
    const body = [
      "<figure>",
      '<img src="https://photos.example.test/a.jpg" alt="Quay" width="640" height="480" loading="lazy">',
      '<figcaption>The quay at <time datetime="2024-05-01">dawn</time>.</figcaption>',
      "</figure>",
      "",
      '<blockquote cite="https://example.test/speech"><p>We will <abbr title="not">n\'t</abbr>.</p><cite>A. Speaker</cite></blockquote>',
      "",
      '<table><caption>Fares</caption><tr><th scope="col">Route</th><td colspan="2">5</td></tr></table>',
      "",
      '<h2>Next</h2><ol start="3"><li>three</li></ol><ul><li><code>x</code></li></ul><pre>a  b</pre>',
      "",
      '<p><a href="https://example.test/">out</a> <a href="http://example.test/">plain</a> <a href="mailto:desk@example.test">mail</a> <a href="/2024/05/01/x/">path</a> <a href="#notes">fragment</a> <a href="../up/">up</a></p>',
    ].join("\n");
    const { html, removals } = render(body);
    expect(removals).toEqual([]);
    for (const kept of [
      '<img src="https://photos.example.test/a.jpg" alt="Quay" width="640" height="480" loading="lazy" />',
      '<time datetime="2024-05-01">dawn</time>',
      "<figure>",
      "<figcaption>",
      '<blockquote cite="https://example.test/speech">',
      '<abbr title="not">',
      "<cite>A. Speaker</cite>",
      "<caption>Fares</caption>",
      '<th scope="col">Route</th><td colspan="2">5</td>',
      '<ol start="3"><li>three</li></ol>',
      "<pre>a  b</pre>",
      '<a href="https://example.test/">out</a>',
      '<a href="http://example.test/">plain</a>',
      '<a href="mailto:desk@example.test">mail</a>',
      '<a href="/2024/05/01/x/">path</a>',
      '<a href="#notes">fragment</a>',
      '<a href="../up/">up</a>',
    ])
      expect(html).toContain(kept);
  });

  it("judges a URL after decoding character references and dropping what browsers ignore", () => {
    for (const href of [
      "jav&#x61;script:alert(1)",
      "java&#9;script:alert(1)",
      " javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "&#106;avascript:alert(1)",
      "vbscript:msgbox(1)",
    ]) {
      const { html, removals } = render(`<a href="${href}">x</a>`);
      expect(html).toBe("<p><a>x</a></p>\n");
      expect(removals.map((r) => r.what)[0]).toMatch(/^removed (javascript|vbscript): link$/);
    }
  });

  it("refuses data:, protocol-relative and other schemes for images, and links other than http(s) and mailto", () => {
    expect(whats('<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">')).toEqual([
      "removed data: URL from the src of <img>",
    ]);
    expect(whats('<img src="//evil.example/x.png" alt="x">')).toEqual([
      "removed protocol-relative URL from the src of <img>",
    ]);
    expect(whats('<a href="/\\evil.example/">x</a>')).toEqual(["removed protocol-relative link"]);
    expect(render("![pixel](data:image/png;base64,AAAA) and [call](tel:+10000000)").html).toBe(
      "<p>pixel and call</p>\n",
    );
    expect(whats("![pixel](data:image/png;base64,AAAA) and [call](tel:+10000000)")).toEqual([
      "removed data: URL from the src of <img>",
      "removed tel: link",
    ]);
  });

  it("embeds an iframe only over https from a host in embedHosts, with the allowed attributes only", () => {
    const good =
      '<iframe src="https://video.example.test/embed/1" title="Clip" width="560" height="315" allow="fullscreen" allowfullscreen loading="lazy" referrerpolicy="no-referrer" onload="x()" style="position:fixed" srcdoc="<script>x</script>" sandbox="allow-scripts">fallback</iframe>';
    const { html, removals } = render(good);
    expect(html).toBe(
      '<iframe src="https://video.example.test/embed/1" title="Clip" width="560" height="315" allow="fullscreen" allowfullscreen loading="lazy" referrerpolicy="no-referrer"></iframe>',
    );
    expect(removals.map((r) => r.what)).toEqual([
      "removed onload attribute from <iframe>",
      "removed style attribute from <iframe>",
      "removed srcdoc attribute from <iframe>",
      "removed sandbox attribute from <iframe>",
    ]);
    for (const [src, why] of [
      ["http://video.example.test/embed/1", "its src is not an https URL"],
      ["https://evil.video.example.test/embed/1", "evil.video.example.test is not in embedHosts"],
      ["https://video.example.test.evil.example/1", "video.example.test.evil.example is not in embedHosts"],
      ["/embed/1", "its src is not an https URL"],
      ["javascript:alert(1)", "its src is not an https URL"],
    ]) {
      const result = render(`<iframe src="${src}">fallback</iframe>`);
      expect(result.html).toBe("");
      expect(result.removals.map((r) => r.what)).toEqual([`removed <iframe> element: ${why}`]);
    }
    expect(renderMarkdown('<iframe src="https://video.example.test/1"></iframe>', 1).html).toBe("");
  });

  it("keeps HTML split over markdown blocks in its place, and cleans the markdown between", () => {
    const { html } = render(
      ["<details>", "<summary>More</summary>", "", "Inner **text**.", "", "</details>", "", "After."].join(
        "\n",
      ),
    );
    expect(html).toBe(
      "<details>\n<summary>More</summary>\n<p>Inner <strong>text</strong>.</p>\n</details>\n<p>After.</p>\n",
    );
  });

  it("drops the content of a script or style split over inline tokens", () => {
    expect(render("a <script>steal(1)</script> b <style>p{}</style> c").html).toBe("<p>a  b  c</p>\n");
    expect(render("a <script>**steal**\nmore</script> b").html).toBe("<p>a  b</p>\n");
  });

  it("keeps no style but a table cell's alignment", () => {
    expect(render("| a | b |\n|--:|:-:|\n| 1 | 2 |").html).toContain('<td style="text-align:right">1</td>');
    expect(whats('<p style="color:red">x</p>')).toEqual(["removed style attribute from <p>"]);
    expect(
      whats('<table><tr><td style="text-align:right;background:url(javascript:x)">1</td></tr></table>'),
    ).toEqual(["removed style attribute from <td> (only text-align is kept)"]);
  });

  it("drops a URL that holds an HTML comment, and comments themselves without a report", () => {
    expect(whats('<a href="/x<!--y-->z">x</a>')).toEqual([
      "removed href attribute from <a>: an HTML comment in a URL",
    ]);
    expect(render("Note <!-- an editor's note --> here.").html).toBe("<p>Note  here.</p>\n");
    expect(whats("Note <!-- an editor's note --> here.")).toEqual([]);
  });

  it("has the final pass drop a URL holding comments, which sanitize-html would strip in quadratic time", () => {
    const html = `<a href="${"x<!---->".repeat(40_000)}">x</a>`;
    expect(sanitizeHtml(html, sanitizeOptions({ embedHosts: [] }))).toBe("<a>x</a>");
  }, 10_000);

  it("cleans the final HTML too, whatever a renderer rule writes", () => {
    const md = createMarkdown().use((m) => {
      m.renderer.rules.hr = () => '<img src="x.png" onerror="alert(1)"><script>alert(2)</script>';
    });
    expect(md.render("---")).toBe('<img src="x.png" />');
  });

  it("lists at most MAX_LISTED_REMOVALS removals, then how many more", () => {
    const body = Array.from({ length: 150 }, (_, i) => `<b on${i}="x">${i}</b>`).join("\n");
    const { removals } = renderMarkdown(body, 1);
    expect(removals).toHaveLength(MAX_LISTED_REMOVALS + 1);
    expect(removals.at(-1)).toEqual({ line: 100, what: "and 50 more removals after this line" });
  });

  it("decodes out-of-range and surrogate character references to U+FFFD", () => {
    expect(cleanHtml("<span>&#99999999;&#xD800;&#0;&amp;</span>", { embedHosts: [] }).html).toBe(
      "<span>\uFFFD\uFFFD\uFFFD&amp;</span>",
    );
    expect(renderMarkdown("<div>&#99999999;</div>", 1).html).toBe("<div>\uFFFD</div>");
  });
});

describe("the build", () => {
  it("publishes sanitized article and registry bodies", async () => {
    const { site, diagnostics } = await buildSite({
      contentDir: fixtureDir("hostile-html"),
      buildTime: BUILD_TIME,
    });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const article = site?.articles[0];
    const person = site?.entities.person.find((e) => e.slug === "nargiz-tofiqova");
    if (!article || !person?.html) throw new Error("no article or no registry body");
    for (const html of [article.html, person.html]) {
      expect(html).not.toMatch(/<script|onerror|onclick|onload|href="javascript:|<svg|<iframe/i);
    }
    expect(article.html).toContain('<img src="/photos/gala.jpg" alt="The gala" />');
    expect(article.html).toContain(
      "<details>\n<summary>Guest list</summary>\n<p>Nargiz Tofiqova and <strong>friends</strong>.</p>\n</details>",
    );
    expect(person.html).toContain('<img src="x" alt="Portrait" />');
    // `&#99999999;` in raw HTML: the search text has U+FFFD, and nothing throws.
    expect(plainText(article.html)).toContain("Prices: \uFFFD manat.");
  });
});

/** The LintInput `check` gives for these fixture files, with each document's body line. */
async function lintInputOf(fixture: string, files: string[]): Promise<LintInput> {
  const documents = await Promise.all(
    files.map(async (file) => {
      const text = normalizeText(await readFile(path.join(fixtureDir(fixture), file), "utf8"));
      const document = parseDocument(file, text).document;
      if (!document) throw new Error(`${file} does not parse`);
      return { ...document, bodyLine: bodyStartLine(text, document.body) };
    }),
  );
  const [article, ...registry] = documents;
  if (!article) throw new Error("no article");
  const input = { title: "", names: {}, fieldLines: {} } as unknown as LintInput["articles"][number]["input"];
  return {
    articles: [{ input, document: article, status: "published" }],
    registry: [],
    registryDocuments: registry,
    invalidDocuments: [],
    index: indexEntities([], [], new Intl.Collator("en")),
    embedHosts: [],
  };
}

const located = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.rule === "html/removed")
    .map((d) => [d.file, d.line, d.severity, d.message.replace(/ \(the published page.*$/, "")]);

describe("html/removed", () => {
  it("warns at the file and line of each removal, in article and registry bodies, without reading files", async () => {
    const input = await lintInputOf("hostile-html", [
      "articles/harbour-gala.md",
      "people/nargiz-tofiqova.md",
    ]);
    expect(located(removedHtml(input))).toEqual([
      ["articles/harbour-gala.md", 10, "warning", "removed onclick attribute from <b>"],
      ["articles/harbour-gala.md", 12, "warning", "removed <script> element"],
      ["articles/harbour-gala.md", 14, "warning", "removed onerror attribute from <img>"],
      ["articles/harbour-gala.md", 16, "warning", "removed javascript: link"],
      ["articles/harbour-gala.md", 18, "warning", "removed <svg> element, keeping its text"],
      [
        "articles/harbour-gala.md",
        20,
        "warning",
        "removed <iframe> element: video.example.test is not in embedHosts",
      ],
      ["people/nargiz-tofiqova.md", 7, "warning", "removed onerror attribute from <img>"],
    ]);
    expect(removedHtml(input)[3]?.message).toBe(
      "removed javascript: link (the published page leaves it out; expected only the HTML docs/sanitizing.md lists)",
    );
  });

  it("reports as docs/sanitizing.md shows", async () => {
    const input = await lintInputOf("hostile-html", [
      "articles/harbour-gala.md",
      "people/nargiz-tofiqova.md",
    ]);
    const doc = await readFile(path.join(ROOT, "docs/sanitizing.md"), "utf8");
    // The docs show it as the output of `npm run check` (a console block, which tests/docs runs), with the
    // fixture's folder in front of each path.
    const example = /```console\n\$ npm run check -- --content tests\/fixtures\/hostile-html\n([\s\S]*?)\n```/
      .exec(doc)?.[1]
      ?.replaceAll("tests/fixtures/hostile-html/", "");
    expect(example).toBe(formatReport(removedHtml(input)));
  });

  it("keeps an iframe from a host in embedHosts", async () => {
    const input = await lintInputOf("hostile-html", ["articles/harbour-gala.md"]);
    const lines = (hosts: string[]) => removedHtml({ ...input, embedHosts: hosts }).map((d) => d.line);
    expect(lines([])).toContain(20);
    expect(lines(["video.example.test"])).not.toContain(20);
  });

  it("is part of check, which finds warnings only where the build succeeds", async () => {
    const { diagnostics } = await checkContent(fixtureDir("hostile-html"));
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const removed = diagnostics.filter((d) => d.rule === "html/removed");
    expect(
      removed.map((d) => d.file.endsWith("harbour-gala.md") || d.file.endsWith("nargiz-tofiqova.md")),
    ).toEqual(Array(7).fill(true));
  });

  it("skips parsing only bodies in which nothing can be removed", () => {
    // Every way the sanitizer removes something needs a "<", a "//" not after "http(s):", or a link
    // destination after "](" or "]:" that is not plainly an http(s) URL or a path.
    for (const body of [
      "<script>x</script>",
      "[a](tel:123)",
      "![a](data:image/png;base64,AAAA)",
      "[a]: irc://x\n\n[b][a]",
      "see //evil.example.test/x",
      "ftp://files.example.test/a",
      "[a](https://ok.example.test) and [b](ftp://x.example.test)",
      "[a]( \n tel:1)",
      "[a](&#47;&#47;evil.example.test)",
      "![a](mailto:x@example.test)",
    ]) {
      expect(mayHaveRemovals(body), body).toBe(true);
      expect(htmlRemovals(body, 1).length, body).toBeGreaterThan(0);
    }
    // Links to https pages and paths, as most articles have them, are not parsed.
    for (const body of [
      "See [the report](https://records.example.test/a/1) and [b](/2024/01/02/story/).",
      "[ref]: http://example.test/x\n\nText [ref] and https://example.test/a and www.example.test",
      "![photo](harbour.jpg) [a] (b) x]y",
    ]) {
      expect(mayHaveRemovals(body), body).toBe(false);
      expect(renderMarkdown(body, 1).removals, body).toEqual([]);
    }
    const random = prng(7);
    const pieces = [
      "a",
      " ",
      "\n",
      "*",
      "_",
      "`",
      "(",
      ")",
      "[",
      "]",
      ":",
      "/",
      "!",
      "@",
      ".",
      "&",
      "#",
      "\\",
      "\t",
    ];
    const words = [
      "javascript",
      "http",
      "ftp",
      "tel",
      "mailto",
      "https:",
      "&#58;",
      "&#47;",
      "&colon;",
      "](",
      "]: ",
    ];
    // Whole URLs, links and tags: the parse for check (no typographer) must find what the render finds.
    const urls = [
      "https://a.example.test/x",
      "http://b.example.test",
      "ftp://c.example.test/f",
      "//d.example.test/",
      "www.e.example.test",
      "f@g.example.test",
      "](",
      "<b>",
      "<script>",
      "HTTPS://H.example.test",
      "hTTp://i.example.test",
      "](https://j.example.test/k)",
      "](/l/m)",
      "](//n.example.test)",
      "]: https://o.example.test",
      "![p](q.jpg)",
      "](mailto:r@example.test)",
    ];
    for (let i = 0; i < 8000; i++) {
      const from = i % 2 === 0 ? [...pieces, ...words] : [...pieces, ...words, ...urls];
      let body = "";
      for (let j = 0; j < 40; j++) body += from[Math.floor(random() * from.length)];
      const parsed = renderMarkdown(body, 1).removals;
      if (!mayHaveRemovals(body)) expect(parsed, body).toEqual([]);
      expect(htmlRemovals(body, 1), body).toEqual(parsed);
    }
  });

  it("has the same removals as the render", () => {
    const body = '<p onclick="x">a</p>\n\n<script>x</script>';
    expect(htmlRemovals(body, 3)).toEqual(renderMarkdown(body, 3).removals);
  });
});

describe("characters no page may carry, in a body", () => {
  it("are left out of the rendered HTML", () => {
    const { html } = renderMarkdown("One\u0001 two\u007f three\u0085 four\uFFFF.\n", 1);
    expect(html).toBe("<p>One two three four.</p>\n");
  });
});
