import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAxe } from "../helpers/axe.ts";
import { type Browser, horizontalOverflow, launchBrowser, PHONE, watch } from "../helpers/browser.ts";
import { fixtureDir } from "../helpers/build-fixture.ts";
import { crawl } from "../helpers/links.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, findJava, requireTool } from "../helpers/tools.ts";
import { checkHtml, type VnuReport } from "../helpers/vnu.ts";

/** Static pages (not a Dateline site) that each break one rule on purpose; index.html is the valid control. */
const BROKEN = fixtureDir("broken-pages");
const JAVA = findJava();
const CHROMIUM = findChromium();

describe("the link crawler can fail", () => {
  it("reports the dead link, the missing #fragment, the missing image and the orphan page", async () => {
    const report = await crawl(BROKEN);
    expect(report.pages).toEqual([
      "/",
      "/browser-trouble.html",
      "/dead-link.html",
      "/image-without-alt.html",
      "/orphan.html",
      "/unclosed-element.html",
    ]);
    expect(report.problems).toEqual([
      {
        page: "/browser-trouble.html",
        attribute: "img[src]",
        value: "missing.svg",
        reason: "no missing.svg in the output",
      },
      {
        page: "/dead-link.html",
        attribute: "a[href]",
        value: "/no-such-page/",
        reason: "no no-such-page/index.html in the output",
      },
      {
        page: "/dead-link.html",
        attribute: "a[href]",
        value: "index.html#no-such-section",
        reason: 'no element with id="no-such-section" on /',
      },
    ]);
    expect(report.unreachable).toEqual(["/orphan.html"]);
  });
});

describeWith([JAVA], "the Nu HTML Checker can fail", () => {
  let report: VnuReport;

  beforeAll(async () => {
    report = await checkHtml(requireTool(JAVA), BROKEN);
  });

  it("reports the unclosed element, and nothing on the valid pages", () => {
    const byFile = (file: string) => report.errors.filter((e) => e.file === file).map((e) => e.message);
    expect(byFile("unclosed-element.html")).toEqual([
      "End tag “main” seen, but there were open elements.",
      "Unclosed element “div”.",
    ]);
    expect(byFile("image-without-alt.html")).toEqual([
      expect.stringMatching(/^An “img” element must have an “alt” attribute/),
    ]);
    expect(report.files).toHaveLength(6);
    expect(report.errors.map((e) => e.file).sort()).toEqual([
      "image-without-alt.html",
      "unclosed-element.html",
      "unclosed-element.html",
    ]);
    expect(report.warnings).toEqual([]);
  });
});

describeWith([CHROMIUM], "axe and the browser checks can fail", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    const executable = requireTool(CHROMIUM);
    server = await serve(BROKEN);
    browser = await launchBrowser(executable);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(url: string) {
    if (!browser || !server) throw new Error("the browser or server did not start");
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    const watcher = watch(page);
    await page.goto(server.url(url));
    return { page, watcher };
  }

  it("axe reports image-alt for the image without alt text, and nothing on the valid page", async () => {
    const broken = await open("/image-without-alt.html");
    const violations = await runAxe(broken.page);
    await broken.page.close();
    expect(violations.map((v) => [v.id, v.targets])).toEqual([["image-alt", ["img"]]]);

    const valid = await open("/");
    expect(await runAxe(valid.page)).toEqual([]);
    await valid.page.close();
  });

  it("the browser checks report the console error, the 404 and sideways scrolling", async () => {
    const { page, watcher } = await open("/browser-trouble.html");
    const overflow = await horizontalOverflow(page);
    await page.close();
    expect(overflow).toBeGreaterThan(0);
    const missing = server?.url("/missing.svg");
    expect(watcher.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^console error on .*\/browser-trouble\.html: broken on purpose/),
        `HTTP 404 for ${missing}`,
      ]),
    );
  });
});
