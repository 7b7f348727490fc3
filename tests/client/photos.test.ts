import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatViolations, runAxe } from "../helpers/axe.ts";
import { type Browser, horizontalOverflow, launchBrowser, PHONE, watch } from "../helpers/browser.ts";
import { buildFixture, fixtureDir } from "../helpers/build-fixture.ts";
import { htmlPages } from "../helpers/links.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, findJava, requireTool } from "../helpers/tools.ts";
import { checkHtml, formatVnu, type VnuReport } from "../helpers/vnu.ts";

const CHROMIUM = findChromium();
const JAVA = findJava();
/** An article with a lead photo, caption and credit and a body photo; one with a small photo; listings. */
const PAGES = ["/", "/2024/05/20/harbour-reopens/", "/2024/05/18/pier-repairs/", "/people/aynur-qasimova/"];

describeWith([CHROMIUM, JAVA], "pages with photos in real clients", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let report: VnuReport = { files: [], errors: [], warnings: [] };
  let pages: string[] = [];

  beforeAll(async () => {
    const built = await buildFixture("photos");
    expect(built.ok).toBe(true);
    [report, pages] = await Promise.all([
      checkHtml(requireTool(JAVA), built.outDir),
      htmlPages(built.outDir).then((found) => found.map((p) => p.file)),
    ]);
    server = await serve(built.outDir);
    browser = await launchBrowser(requireTool(CHROMIUM));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the Nu HTML Checker finds no error and no warning on any page", () => {
    expect(report.files).toEqual(pages);
    expect(report.errors, formatVnu(report.errors)).toHaveLength(0);
    expect(report.warnings, formatVnu(report.warnings)).toHaveLength(0);
  });

  it.each(PAGES)(
    "%s: axe finds no violation, every photo loads, no sideways scroll at 375 px",
    async (url) => {
      if (!browser || !server) throw new Error("the browser or server did not start");
      const page = await browser.context.newPage();
      // The fixture's remote image, served from the fixture's own photos instead of the network.
      const stand_in = await readFile(path.join(fixtureDir("photos"), "photos/harbour.jpg"));
      await page.route("https://photos.example.test/**", (route) =>
        route.fulfill({ status: 200, contentType: "image/jpeg", body: stand_in }),
      );
      const watcher = watch(page);
      try {
        await page.setViewportSize(PHONE);
        const response = await page.goto(server.url(url), { waitUntil: "load" });
        expect(response?.status()).toBe(200);
        // Lazy images below the fold load once scrolled to.
        await page.evaluate(() =>
          (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 1e6),
        );
        await page.waitForLoadState("networkidle");
        const broken = await page.$$eval("img", (imgs) =>
          (imgs as unknown as { complete: boolean; naturalWidth: number; currentSrc: string }[])
            .filter((img) => !img.complete || img.naturalWidth === 0)
            .map((img) => img.currentSrc),
        );
        expect(broken).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
        const violations = await runAxe(page);
        expect(violations, formatViolations(url, violations)).toHaveLength(0);
        expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
      } finally {
        await page.close();
      }
    },
  );
});
