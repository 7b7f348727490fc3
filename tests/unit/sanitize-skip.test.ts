import { beforeEach, describe, expect, it, vi } from "vitest";
import { sanitizeHtmlCouldChange } from "../../src/content/markdown/markdown-only.ts";
import { createMarkdown, renderMarkdown } from "../../src/content/markdown.ts";
import { renderSummary } from "../../src/content/summary.ts";
import { prng } from "../helpers/fuzz.ts";

// sanitize-html as it is, with its calls counted: which renders went through the final pass.
const calls = vi.hoisted(() => ({ count: 0 }));
vi.mock("sanitize-html", async (original) => {
  const actual = (await original()) as { default: (...args: unknown[]) => string };
  const counted = Object.assign((...args: unknown[]) => {
    calls.count++;
    return actual.default(...args);
  }, actual.default);
  return { ...actual, default: counted };
});

const md = createMarkdown({ embedHosts: ["video.example.test"] });
const forced = createMarkdown({ embedHosts: ["video.example.test"], alwaysSanitizeHtml: true });
const skipped = (body: string) => renderMarkdown(body, 1, md).html;
const sanitized = (body: string) => renderMarkdown(body, 1, forced).html;

/** The HTML of `body` and how many times sanitize-html ran for it. */
function rendered(body: string): { html: string; sanitizeCalls: number } {
  const before = calls.count;
  const html = skipped(body);
  return { html, sanitizeCalls: calls.count - before };
}

beforeEach(() => {
  calls.count = 0;
});

describe("the final sanitize-html pass", () => {
  it.each([
    ["a raw HTML block", "<div>x</div>"],
    ["raw inline HTML", 'a <b onclick="x()">b</b> c'],
    ["a raw link with an entity trick", '<a href="&#106;avascript:alert(1)">x</a>'],
    ["an image in raw HTML", '<img src="x.png" onerror="alert(1)">'],
    ["a data: link", "[x](data:image/png;base64,AAAA)"],
    ["an ftp: link", "[x](ftp://files.example.test/a)"],
    ["a protocol-relative link", "[x](//evil.example.test/a)"],
    ["an autolink with a bad scheme", "<ftp://files.example.test/a>"],
    ["a linkified URL with a bad scheme", "see ftp://files.example.test/a"],
    ["an image with a data: URL", "![a photo](data:image/png;base64,AAAA)"],
    ["an image with an ftp: URL", "![a photo](ftp://files.example.test/a.png)"],
    ["raw HTML in an image's alt text", "![a <b>bold</b> photo](/a.png)"],
    ["a code fence with an odd language", '```js"onclick=x\ncode\n```'],
    ["a code fence with a brace for a language", "```{.class}\ncode\n```"],
    ["a code fence whose language holds an escape", "```c\\+\\+\ncode\n```"],
    ["a code fence whose language holds an entity", "```c&plus;&plus;\ncode\n```"],
    ["an empty link destination", "[x]()"],
  ])("runs on %s, with the output sanitize-html gives", (_, body) => {
    const { html, sanitizeCalls } = rendered(body);
    expect(sanitizeCalls).toBe(1);
    expect(html).toBe(sanitized(body));
  });

  it.each([
    ["a javascript: link, which markdown-it leaves as text", "[x](javascript:alert(1))"],
    ["a vbscript: link, which markdown-it leaves as text", "[x](vbscript:msgbox(1))"],
    ["an entity trick, which markdown-it leaves as text", "[x](&#106;avascript:alert(1))"],
    ["an autolink with javascript:, which markdown-it leaves as text", "<javascript:alert(1)>"],
    ["a table with aligned columns", "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |"],
  ])("gives what sanitize-html gives for %s", (_, body) => {
    const html = skipped(body);
    expect(html).toBe(sanitized(body));
    expect(html).not.toMatch(/href|<script|javascript:alert\(1\)"/);
  });

  it("writes a table's alignment as markdown-it does, which sanitize-html keeps", () => {
    const body = "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |";
    expect(rendered(body)).toEqual({
      html: [
        "<table>",
        "<thead>",
        "<tr>",
        '<th style="text-align:left">a</th>',
        '<th style="text-align:center">b</th>',
        '<th style="text-align:right">c</th>',
        "</tr>",
        "</thead>",
        "<tbody>",
        "<tr>",
        '<td style="text-align:left">1</td>',
        '<td style="text-align:center">2</td>',
        '<td style="text-align:right">3</td>',
        "</tr>",
        "</tbody>",
        "</table>",
        "",
      ].join("\n"),
      sanitizeCalls: 0,
    });
  });

  it("runs when a plugin's renderer rule, a highlighter or an attribute could write what the policy refuses or sanitize-html writes otherwise", () => {
    const ruled = createMarkdown().use((m) => {
      m.renderer.rules.hr = () => '<hr onclick="x()" />\n';
    });
    expect(ruled.render("---")).toBe("<hr />\n");
    const highlighted = createMarkdown();
    highlighted.set({ highlight: (code) => `<span onclick="x()">${code}</span>` });
    expect(highlighted.render("```js\ncode\n```")).toBe(
      '<pre><code class="language-js"><span>code\n</span></code></pre>\n',
    );
    const targeted = createMarkdown().use((m) => {
      m.core.ruler.push("target", (state) => {
        for (const token of state.tokens)
          for (const child of token.children ?? [])
            if (child.type === "link_open") child.attrSet("target", "_blank");
        return true;
      });
    });
    expect(targeted.render("[x](https://example.test/)")).toBe(
      '<p><a href="https://example.test/">x</a></p>\n',
    );
    const spaced = createMarkdown().use((m) => {
      m.core.ruler.push("spaced", (state) => {
        for (const token of state.tokens)
          if (token.type === "td_open") token.attrSet("style", "text-align: right;");
        return true;
      });
    });
    expect(spaced.render("| a |\n|---|\n| 1 |")).toContain('<td style="text-align:right">1</td>');
    expect(calls.count).toBe(4);
  });

  it("runs on a summary with raw HTML or a bad link, and not on a plain one", () => {
    expect(renderSummary(md, "A <b onclick=x>bold</b> [x](ftp://a.test/) summary.").html).toBe(
      "A <b>bold</b> x summary.",
    );
    expect(calls.count).toBe(1);
    expect(
      renderSummary(md, 'A *plain* summary with [a link](https://example.test/ "its title").').html,
    ).toBe('A <em>plain</em> summary with <a href="https://example.test/" title="its title">a link</a>.');
    expect(calls.count).toBe(1);
  });
});

describe("a body of markdown only", () => {
  const plain = [
    "# A heading",
    "",
    'Some *emphasis*, **strong**, ~~struck~~ and `code with "quotes" & <tags>` text; "quoted" (c) -- ...',
    'A link to [the agency](https://agency.example.test/a?b=1&c="2" \'A "title"\'), [a path](/local/page),',
    "[mail](mailto:desk@example.test), [a reference][ref], https://example.test/linkified and desk@example.test.",
    "A hard break:  ",
    "and an entity: &copy; &quot; &amp; &nbsp; &#x27;.",
    "",
    "[ref]: https://example.test/ref",
    "",
    "- one",
    "- two",
    "  1. nested",
    "",
    "3. three",
    "4. four",
    "",
    "> quoted",
    "> — someone",
    "",
    "| a | b |",
    "|---|--:|",
    "| 1 | 2 |",
    "",
    "```ts",
    'const x = "y" < 2 && z > 1;',
    "```",
    "",
    "    indented code",
    "",
    "---",
    "",
    '![A photo, "quoted"](https://photos.example.test/a.jpg "A title") ![](/b.png)',
  ].join("\n");

  it("skips sanitize-html and gives exactly the HTML sanitize-html gives", () => {
    const { html, sanitizeCalls } = rendered(plain);
    expect(sanitizeCalls).toBe(0);
    expect(html).toBe(sanitized(plain));
    expect(html).toContain('<code>code with "quotes" &amp; &lt;tags&gt;</code>');
    expect(html).toContain(
      '<a href="https://agency.example.test/a?b=1&amp;c=%222%22" title="A &quot;title&quot;">the agency</a>',
    );
    expect(html).toContain("A hard break:<br />\nand an entity: © \" &amp; \u00a0 '.");
    expect(html).toContain(
      '<pre><code class="language-ts">const x = "y" &lt; 2 &amp;&amp; z &gt; 1;\n</code></pre>',
    );
    expect(html).toContain("<hr />");
    expect(html).toContain(
      '<img src="https://photos.example.test/a.jpg" alt="A photo, &quot;quoted&quot;" title="A title" /> <img src="/b.png" alt="" /></p>',
    );
    expect(html).toContain('<ol start="3">');
  });

  it("leaves out characters no page may carry without sanitize-html too", () => {
    expect(rendered("One\u0001 two\uFFFF.\n")).toEqual({ html: "<p>One two.</p>\n", sanitizeCalls: 0 });
  });

  it("is told from a body sanitize-html could change by the tokens alone", () => {
    const tokens = (body: string) => md.parse(body, { removals: [] });
    expect(sanitizeHtmlCouldChange(tokens(plain), md.options, md.renderer)).toBe(false);
    expect(sanitizeHtmlCouldChange(tokens(`${plain}\n\n<br>`), md.options, md.renderer)).toBe(true);
    expect(sanitizeHtmlCouldChange(tokens("x [y](ftp://a.test/)"), md.options, md.renderer)).toBe(true);
  });

  it("renders random markdown as sanitize-html does, skipped or not", () => {
    const pieces = [
      "*",
      "_",
      "**",
      "~~",
      "`",
      "```",
      "```js\n",
      "```c++ {1}\n",
      "    ",
      "\n",
      "\n\n",
      "- ",
      "1. ",
      "3) ",
      "> ",
      "## ",
      "|",
      "|---|:-:|--:|\n",
      "[",
      "]",
      "(",
      ")",
      "![",
      "](",
      '](https://a.test/x?q="1"&b=<2>)',
      '](/p "t")',
      "]()",
      "](<>)",
      "[r]: /x\n",
      "[r]",
      '"',
      "'",
      "&",
      "&quot;",
      "&amp;",
      "&#x22;",
      "javascript:",
      "data:image/png;base64,AA",
      "a@b.test",
      "www.example.test",
      "ftp://x.test",
      "//x.test",
      "\\",
      "---\n",
      "x",
      "word ",
      " ",
      "<",
      ">",
      "<https://a.test>",
      "(c)",
      "--",
      "\u0001",
    ];
    const random = prng(13);
    let skips = 0;
    for (let i = 0; i < 1500; i++) {
      let body = "";
      for (let n = 1 + Math.floor(random() * 30); n > 0; n--)
        body += pieces[Math.floor(random() * pieces.length)];
      const { html, sanitizeCalls } = rendered(body);
      if (sanitizeCalls === 0) skips++;
      expect(html, JSON.stringify(body)).toBe(sanitized(body));
    }
    expect(skips).toBeGreaterThan(500);
  });
});
