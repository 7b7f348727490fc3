import { afterAll, beforeAll, expect, it } from "vitest";
import { formatViolations, runAxe } from "../helpers/axe.ts";
import { type Browser, horizontalOverflow, launchBrowser, PHONE, watch } from "../helpers/browser.ts";
import { buildFixture } from "../helpers/build-fixture.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, findJava, requireTool } from "../helpers/tools.ts";
import { checkHtml, formatVnu, type VnuReport } from "../helpers/vnu.ts";

const CHROMIUM = findChromium();
const JAVA = findJava();

/** The front page, a section page and its page 2, an article with a section. */
const PAGES = ["/", "/business/", "/business/page/2/", "/2024/05/30/harbour-tolls-cut/"];

describeWith([JAVA], "the Nu HTML Checker on a site with sections", () => {
  let report: VnuReport | undefined;

  beforeAll(async () => {
    const built = await buildFixture("sections");
    expect(built.ok).toBe(true);
    report = await checkHtml(requireTool(JAVA), built.outDir);
  });

  it("checks the front page and the section pages, and finds no errors or warnings", () => {
    expect(report?.files).toEqual(
      expect.arrayContaining([
        "index.html",
        "business/index.html",
        "business/page/2/index.html",
        "sport/index.html",
      ]),
    );
    expect(report?.errors, formatVnu(report?.errors ?? [])).toEqual([]);
    expect(report?.warnings, formatVnu(report?.warnings ?? [])).toEqual([]);
  });
});

describeWith([CHROMIUM], "a site with sections in the browser", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    const built = await buildFixture("sections");
    expect(built.ok).toBe(true);
    server = await serve(built.outDir);
    browser = await launchBrowser(requireTool(CHROMIUM));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(PAGES)("%s has no axe violations and no horizontal scroll at 375 px", async (url) => {
    if (!browser || !server) throw new Error("the browser or server did not start");
    const page = await browser.context.newPage();
    const watcher = watch(page);
    try {
      await page.setViewportSize(PHONE);
      expect((await page.goto(server.url(url)))?.status()).toBe(200);
      const violations = await runAxe(page);
      expect(violations, formatViolations(url, violations)).toHaveLength(0);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
    } finally {
      await page.close();
    }
  });
});
