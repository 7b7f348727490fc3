// Issue 11 in real clients: the launch newsroom (tests/fixtures/launch) in Chromium at a phone's and a
// desktop's width, through the Nu HTML Checker, and through the link crawler.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatViolations, runAxe } from "../helpers/axe.ts";
import {
  type Browser,
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  watch,
} from "../helpers/browser.ts";
import { buildFixture } from "../helpers/build-fixture.ts";
import { type CrawlReport, crawl, formatProblems, htmlPages } from "../helpers/links.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, findJava, requireTool } from "../helpers/tools.ts";
import { checkHtml, formatVnu, type VnuReport } from "../helpers/vnu.ts";

const CHROMIUM = findChromium();
const JAVA = findJava();
const BASE = "https://herald.example.test";
const HARBOUR = "/2024/05/20/harbour-reopens/";
const PIER = "/2023/09/20/ferry-pier-repairs/";
const OLD_URLS = ["/2023/09/20/pier-closes/", "/stories/pier-closure.html"];

/** Each page, where the browser ends up (a redirect page follows to its article), and its fewest images. */
const PAGES: { url: string; lands: string; images: number }[] = [
  { url: "/", lands: "/", images: 2 },
  { url: "/harbour/", lands: "/harbour/", images: 1 },
  { url: HARBOUR, lands: HARBOUR, images: 2 },
  { url: "/authors/mirela-dunavska/", lands: "/authors/mirela-dunavska/", images: 2 },
  { url: "/authors/", lands: "/authors/", images: 0 },
  { url: "/corrections/", lands: "/corrections/", images: 0 },
  { url: OLD_URLS[0] as string, lands: PIER, images: 0 },
  { url: OLD_URLS[1] as string, lands: PIER, images: 0 },
  { url: "/people/", lands: "/people/", images: 0 },
  { url: "/search/", lands: "/search/", images: 0 },
];
const CASES = PAGES.flatMap((p) => [
  { ...p, width: PHONE.width, viewport: PHONE },
  { ...p, width: DESKTOP.width, viewport: DESKTOP },
]);

describeWith([CHROMIUM, JAVA], "the launch newsroom in real clients", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let report: VnuReport = { files: [], errors: [], warnings: [] };
  let pages: string[] = [];
  let links: CrawlReport | undefined;

  beforeAll(async () => {
    const built = await buildFixture("launch");
    expect(built.ok).toBe(true);
    [report, pages, links] = await Promise.all([
      checkHtml(requireTool(JAVA), built.outDir),
      htmlPages(built.outDir).then((found) => found.map((p) => p.file)),
      // Readers also arrive at the old URLs of moved articles, from links elsewhere: the site's own list of them.
      readFile(path.join(built.outDir, "_redirects"), "utf8").then((text) => {
        const old = text
          .split("\n")
          .filter((line) => line.startsWith("/"))
          .map((line) => line.split(" ")[0] ?? "");
        expect(old).toEqual(OLD_URLS);
        return crawl(built.outDir, { siteOrigins: [BASE], entries: old });
      }),
    ]);
    server = await serve(built.outDir);
    browser = await launchBrowser(requireTool(CHROMIUM));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the Nu HTML Checker finds no error and no warning on any page, redirect pages included", () => {
    expect(report.files).toEqual(pages);
    expect(pages).toEqual(
      expect.arrayContaining([
        "2023/09/20/pier-closes/index.html",
        "stories/pier-closure.html",
        "search/index.html",
      ]),
    );
    expect(report.errors, formatVnu(report.errors)).toHaveLength(0);
    expect(report.warnings, formatVnu(report.warnings)).toHaveLength(0);
  });

  it("the link crawler finds no broken link and reaches every page, from the front page and the old URLs", () => {
    if (!links) throw new Error("no crawl");
    expect(links.problems, formatProblems(links.problems)).toHaveLength(0);
    expect(links.unreachable, links.unreachable.join("\n")).toHaveLength(0);
    expect(links.pages).toEqual(
      expect.arrayContaining([
        ...OLD_URLS,
        PIER,
        HARBOUR,
        "/harbour/",
        "/business/",
        "/culture/",
        "/authors/tomas-ferrenz/",
        "/corrections/",
        "/people/dorin-halvaston/",
        "/2023/",
      ]),
    );
  });

  it.each(CASES)(
    "$url at $width px: no sideways scroll, no console error, every image loaded, no axe violation",
    async ({ url, lands, images, viewport }) => {
      if (!browser || !server) throw new Error("the browser or server did not start");
      const page = await browser.context.newPage();
      const watcher = watch(page);
      try {
        await page.setViewportSize(viewport);
        await page.goto(server.url(url), { waitUntil: "load" });
        if (lands !== url) await page.waitForURL(server.url(lands), { timeout: 15_000 });
        expect(new URL(page.url()).pathname).toBe(lands);
        // Lazy images below the fold load once scrolled to.
        await page.evaluate(() =>
          (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 1e6),
        );
        await page.waitForLoadState("networkidle");
        const loaded = await page.$$eval("img", (imgs) =>
          (imgs as unknown as { complete: boolean; naturalWidth: number; currentSrc: string }[]).map(
            (img) => ({
              src: img.currentSrc,
              ok: img.complete && img.naturalWidth > 0,
            }),
          ),
        );
        expect(loaded.length).toBeGreaterThanOrEqual(images);
        expect(loaded.filter((img) => !img.ok).map((img) => img.src)).toEqual([]);
        await page.evaluate(() =>
          (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
        );
        expect(await horizontalOverflow(page)).toBe(0);
        const violations = await runAxe(page);
        expect(violations, formatViolations(url, violations)).toHaveLength(0);
        expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
      } finally {
        await page.close();
      }
    },
  );

  it("the search page finds an article of the newsroom", async () => {
    if (!browser || !server) throw new Error("the browser or server did not start");
    const page = await browser.context.newPage();
    const watcher = watch(page);
    try {
      await page.goto(server.url("/search/?q=tugboats"));
      await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 15_000 });
      const results = await page
        .locator(".pagefind-ui__result-link")
        .evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
      expect(results).toEqual(["/2024/02/27/shipyard-tugboats/"]);
      expect(watcher.problems, watcher.problems.join("\n")).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
