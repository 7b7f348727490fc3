import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type Browser,
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  watch,
} from "../helpers/browser.ts";
import { buildFixture } from "../helpers/build-fixture.ts";
import { htmlPages } from "../helpers/links.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, requireTool } from "../helpers/tools.ts";

const CHROMIUM = findChromium();

describeWith([CHROMIUM], "an Arabic site in Chromium", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let pages: string[] = [];

  beforeAll(async () => {
    const executable = requireTool(CHROMIUM);
    const built = await buildFixture("arabic");
    expect(built.ok).toBe(true);
    pages = (await htmlPages(built.outDir)).map((p) => p.url);
    server = await serve(built.outDir);
    browser = await launchBrowser(executable);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ["a phone", PHONE],
    ["a desktop", DESKTOP],
  ] as const)("renders every page right to left without scrolling sideways on %s", async (_, viewport) => {
    if (!browser || !server) throw new Error("the browser or server did not start");
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    const watcher = watch(page);
    const problems: string[] = [];
    try {
      expect(pages.length).toBeGreaterThan(5);
      for (const url of pages) {
        await page.goto(server.url(url));
        const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
        if (direction !== "rtl") problems.push(`${url} is written ${direction}`);
        const px = await horizontalOverflow(page);
        if (px > 0) problems.push(`${url} scrolls sideways by ${px}px at ${viewport.width}px`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
      expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
    } finally {
      await page.close();
    }
  });

  it("mirrors the layout: the masthead starts on the right, the skip link appears at the right", async () => {
    if (!browser || !server) throw new Error("the browser or server did not start");
    const page = await browser.context.newPage();
    await page.setViewportSize(DESKTOP);
    try {
      await page.goto(server.url("/"));
      const layout = await page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
        const masthead = box(".masthead");
        const brand = box(".brand");
        return {
          mastheadRight: masthead?.right ?? 0,
          mastheadLeft: masthead?.left ?? 0,
          brandRight: brand?.right ?? 0,
          brandLeft: brand?.left ?? 0,
        };
      });
      // The brand is the masthead's first item: at its right edge, far from its left one.
      expect(Math.abs(layout.mastheadRight - layout.brandRight)).toBeLessThan(20);
      expect(layout.brandLeft - layout.mastheadLeft).toBeGreaterThan(200);
      await page.keyboard.press("Tab");
      const skip = await page.evaluate(() => {
        const link = document.querySelector(".skip-link")?.getBoundingClientRect();
        return { left: link?.left ?? 0, right: link?.right ?? 0, width: window.innerWidth };
      });
      expect(skip.width - skip.right).toBeLessThan(40);
      expect(skip.left).toBeGreaterThan(skip.width / 2);
    } finally {
      await page.close();
    }
  });
});
