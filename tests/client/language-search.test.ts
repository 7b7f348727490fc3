import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Browser, launchBrowser, PHONE, watch } from "../helpers/browser.ts";
import { buildFixture, buildInto } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, requireTool } from "../helpers/tools.ts";

const CHROMIUM = findChromium();

/** The result links of a search on one search page. */
async function results(
  browser: Browser | undefined,
  server: StaticServer | undefined,
  searchPage: string,
  term: string,
): Promise<string[]> {
  if (!browser || !server) throw new Error("not started");
  const page = await browser.context.newPage();
  const watcher = watch(page);
  try {
    await page.goto(server.url(searchPage));
    await page.fill(".pagefind-ui__search-input", term);
    // "Searching for…" first, then the count, then the results once their fragments (from whichever
    // shard) are loaded: wait until the message and the results stay the same for half a second.
    await page.waitForFunction(
      () => {
        const w = window as unknown as { settled?: { state: string; since: number } };
        const message = document.querySelector(".pagefind-ui__message")?.textContent ?? "";
        const state = `${message}|${document.querySelectorAll(".pagefind-ui__result-link").length}`;
        if (w.settled?.state !== state) w.settled = { state, since: performance.now() };
        return /\S/.test(message) && performance.now() - w.settled.since > 500;
      },
      undefined,
      { timeout: 15_000, polling: 100 },
    );
    const links = await page
      .locator(".pagefind-ui__result-link")
      .evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""));
    expect(watcher.problems, watcher.problems.join("\n")).toEqual([]);
    return links;
  } finally {
    await page.close();
  }
}

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

  const search = (searchPage: string, term: string) => results(browser, server, searchPage, term);

  it("the Russian search page finds Russian articles only", async () => {
    expect(await search("/ru/search/", "ремонт")).toEqual(["/ru/2024/05/15/remont-prichala/"]);
    expect(await search("/ru/search/", "market")).toEqual([]);
  });

  it("the default language's search page finds its own articles, not the Russian ones", async () => {
    expect(await search("/search/", "market")).toEqual(["/2024/05/20/fish-market/"]);
    expect(await search("/search/", "ремонт")).toEqual([]);
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

describeWith([CHROMIUM], "searching an index split into shards of several years", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    const executable = requireTool(CHROMIUM);
    const story = (year: string, word: string) =>
      `---\ntitle: ${word} ${year === "2023" ? "report" : "story"} of ${year}\ndate: ${year}-06-01\npeople:\n  - Lale Ordubadi\n---\nThe ${word.toLowerCase()} report is fictional.\n`;
    const content = await contentWith("newsroom", {
      "articles/2023/06/lighthouse.md": story("2023", "Lighthouse"),
      "articles/2022/06/orchard.md": story("2022", "Orchard"),
    });
    const built = await buildInto(content);
    expect(built.ok).toBe(true);
    server = await serve(built.outDir);
    browser = await launchBrowser(executable);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("finds articles in the older shards merged into the newest one", async () => {
    expect(await results(browser, server, "/search/", "Orchard")).toEqual(["/2022/06/01/orchard/"]);
    // Ranked across the shards: the 2023 article has the word in its title and body, the 2022 one in its body.
    expect(await results(browser, server, "/search/", "report")).toEqual([
      "/2023/06/01/lighthouse/",
      "/2022/06/01/orchard/",
    ]);
    expect(await results(browser, server, "/search/", "Ganja")).toContain("/2024/03/12/ferry-update-12/");
  });
});
