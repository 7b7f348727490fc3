/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Browser, launchBrowser, watch } from "../helpers/browser.ts";
import { buildSample } from "../helpers/build-fixture.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, requireTool } from "../helpers/tools.ts";

const CHROMIUM = findChromium();
const STORY = "/2022/12/15/bayramov-meets-ots-secretary-general-omuraliev/";

describeWith([CHROMIUM], "reader features in a real browser", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    const executable = requireTool(CHROMIUM);
    const sample = await buildSample();
    expect(sample.ok).toBe(true);
    server = await serve(sample.outDir);
    browser = await launchBrowser(executable);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (path: string) => {
    if (!browser || !server) throw new Error("not started");
    const page = await browser.context.newPage();
    const problems = watch(page);
    await page.goto(server.url(path));
    return { page, problems };
  };

  it("search finds the sample story for Shusha from the static output alone, with entity filters", async () => {
    const { page, problems } = await open("/search/");
    await page.fill(".pagefind-ui__search-input", "Shusha");
    const link = page.locator(".pagefind-ui__result-link").first();
    await link.waitFor({ timeout: 15_000 });
    expect(await link.getAttribute("href")).toBe(STORY);
    const filters = await page.locator(".pagefind-ui__filter-name").allTextContents();
    expect(filters.map((f) => f.trim().toLowerCase())).toEqual(
      expect.arrayContaining(["person", "organization", "place"]),
    );
    expect(problems.problems).toEqual([]);
    await page.close();
  });

  it("prints an article without navigation, related lists or footer", async () => {
    const { page } = await open(STORY);
    await page.emulateMedia({ media: "print" });
    const display = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => getComputedStyle(e).display);
    expect(await display(".masthead nav")).toBe("none");
    expect(await display(".site-footer")).toBe("none");
    expect(await display(".archive-links")).toBe("none");
    expect(await display(".story-body")).not.toBe("none");
    await page.close();
  });

  it("offers a skip link as the first thing a keyboard reaches", async () => {
    const { page } = await open(STORY);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const active = document.activeElement;
      return active
        ? {
            text: active.textContent,
            href: active.getAttribute("href"),
            top: active.getBoundingClientRect().top,
          }
        : null;
    });
    expect(focused).toMatchObject({ text: "Skip to content", href: "#main" });
    expect(focused?.top).toBeGreaterThanOrEqual(0);
    await page.close();
  });

  it("answers a missing page with the 404 page", async () => {
    const { page } = await open("/no-such-page/");
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    await page.close();
  });
});
