import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Browser, launchBrowser, PHONE, watch } from "../helpers/browser.ts";
import { buildFixture } from "../helpers/build-fixture.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, requireTool } from "../helpers/tools.ts";

const CHROMIUM = findChromium();

describeWith([CHROMIUM], "searching one language of a multilingual site", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    const executable = requireTool(CHROMIUM);
    const built = await buildFixture("multilingual");
    expect(built.ok).toBe(true);
    server = await serve(built.outDir);
    browser = await launchBrowser(executable);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The result links of a search on one search page. */
  async function results(searchPage: string, term: string): Promise<string[]> {
    if (!browser || !server) throw new Error("not started");
    const page = await browser.context.newPage();
    const watcher = watch(page);
    try {
      await page.goto(server.url(searchPage));
      await page.fill(".pagefind-ui__search-input", term);
      await page
        .locator(".pagefind-ui__message")
        .filter({ hasText: /\S/ })
        .first()
        .waitFor({ timeout: 15_000 });
      const links = await page
        .locator(".pagefind-ui__result-link")
        .evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
      expect(watcher.problems, watcher.problems.join("\n")).toEqual([]);
      return links;
    } finally {
      await page.close();
    }
  }

  it("the Russian search page finds Russian articles only", async () => {
    expect(await results("/ru/search/", "ремонт")).toEqual(["/ru/2024/05/15/remont-prichala/"]);
    expect(await results("/ru/search/", "market")).toEqual([]);
  });

  it("the default language's search page finds its own articles, not the Russian ones", async () => {
    expect(await results("/search/", "market")).toEqual(["/2024/05/20/fish-market/"]);
    expect(await results("/search/", "ремонт")).toEqual([]);
  });

  /** The result links once a search has run on an open page, without typing into it. */
  async function shownResults(page: Page): Promise<string[]> {
    await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 15_000 });
    return page
      .locator(".pagefind-ui__result-link")
      .evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
  }

  it("runs the search given in the address, /search/?q=…, when the page opens", async () => {
    if (!browser || !server) throw new Error("not started");
    const page = await browser.context.newPage();
    const watcher = watch(page);
    try {
      await page.goto(server.url(`/ru/search/?q=${encodeURIComponent("ремонт")}`));
      expect(await shownResults(page)).toEqual(["/ru/2024/05/15/remont-prichala/"]);
      expect(await page.inputValue(".pagefind-ui__search-input")).toBe("ремонт");
      expect(watcher.problems, watcher.problems.join("\n")).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the masthead's search box on a phone fits the screen and sends its words to the language's search page", async () => {
    if (!browser || !server) throw new Error("not started");
    const page = await browser.context.newPage();
    const watcher = watch(page);
    try {
      await page.setViewportSize(PHONE);
      await page.goto(server.url("/2024/05/20/fish-market/"));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE.width);
      await page.getByRole("searchbox", { name: "Search articles" }).fill("market");
      await page.getByRole("search").getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/search\/\?q=market$/);
      expect(await shownResults(page)).toEqual(["/2024/05/20/fish-market/"]);
      expect(watcher.problems, watcher.problems.join("\n")).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
