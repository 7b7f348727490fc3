import { stat } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type Browser,
  DESKTOP,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  screenshot,
  watch,
} from "../helpers/browser.ts";
import { buildFixture, buildSample } from "../helpers/build-fixture.ts";
import { htmlPages } from "../helpers/links.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, requireTool } from "../helpers/tools.ts";

const CHROMIUM = findChromium();
const STORY = "/2022/12/15/bayramov-meets-ots-secretary-general-omuraliev/";
const STORY_TITLE =
  "Azerbaijan's Foreign Minister meets new Secretary General of the Organization of Turkic States";
const PERSON = "/people/jeyhun-bayramov/";

describeWith([CHROMIUM], "reading the site in Chromium", () => {
  let browser: Browser | undefined;
  const servers: StaticServer[] = [];
  let sample: StaticServer;
  let newsroom: StaticServer;
  let samplePages: string[];
  let newsroomPages: string[];

  beforeAll(async () => {
    const executable = requireTool(CHROMIUM);
    const sampleBuild = await buildSample();
    const newsroomBuild = await buildFixture("newsroom");
    expect(sampleBuild.ok).toBe(true);
    expect(newsroomBuild.ok).toBe(true);
    samplePages = (await htmlPages(sampleBuild.outDir)).map((p) => p.url);
    newsroomPages = (await htmlPages(newsroomBuild.outDir)).map((p) => p.url);
    sample = await serve(sampleBuild.outDir);
    servers.push(sample);
    newsroom = await serve(newsroomBuild.outDir);
    servers.push(newsroom);
    browser = await launchBrowser(executable);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  async function newPage(viewport = PHONE) {
    if (!browser) throw new Error("the browser did not start");
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    return { page, watcher: watch(page) };
  }

  it("on a phone, a reader opens the home page, the story, a person in it, and goes back", async () => {
    const { page, watcher } = await newPage();
    const overflow: string[] = [];
    const checkWidth = async () => {
      const px = await horizontalOverflow(page);
      if (px > 0) overflow.push(`${page.url()} scrolls sideways by ${px}px`);
    };

    await page.goto(sample.url("/"));
    expect(await page.title()).toBe("Dateline");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Latest news");
    await checkWidth();

    await page.getByRole("link", { name: STORY_TITLE, exact: true }).click();
    await page.waitForURL(sample.url(STORY));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(STORY_TITLE);
    expect(await page.title()).toBe(`${STORY_TITLE} · Dateline`);
    await checkWidth();

    await page
      .getByRole("region", { name: "People in this story" })
      .getByRole("link", { name: "Jeyhun Bayramov", exact: true })
      .click();
    await page.waitForURL(sample.url(PERSON));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Jeyhun Bayramov");
    const listed = page.locator(".teaser").getByRole("link", { name: STORY_TITLE, exact: true });
    expect(await listed.getAttribute("href")).toBe(STORY);
    await checkWidth();

    await page.goBack();
    expect(page.url()).toBe(sample.url(STORY));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(STORY_TITLE);

    await page.close();
    expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
    expect(overflow, overflow.join("\n")).toHaveLength(0);
  });

  it("on the fixture site, a reader follows a person's page 2 link", async () => {
    const { page, watcher } = await newPage();
    await page.goto(newsroom.url("/people/aynur-qasimova/"));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Aynur Qasımova");
    expect(await page.locator(".entity-header .count").textContent()).toBe("25 articles");
    expect(await page.locator(".teaser").count()).toBe(20);

    await page
      .getByRole("navigation", { name: "Pages" })
      .getByRole("link", { name: "2", exact: true })
      .click();
    await page.waitForURL(newsroom.url("/people/aynur-qasimova/page/2/"));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Aynur Qasımova, page 2");
    expect(await page.locator(".teaser").count()).toBe(5);
    expect(await page.locator('.pager [aria-current="page"]').textContent()).toBe("2");
    expect(await horizontalOverflow(page)).toBe(0);

    await page.close();
    expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
  });

  it("loads every page of both sites at 375 px without errors or sideways scrolling", async () => {
    const { page, watcher } = await newPage(PHONE);
    const failures: string[] = [];
    const visit = async (server: StaticServer, urls: string[]) => {
      for (const url of urls) {
        const response = await page.goto(server.url(url));
        if (response?.status() !== 200) failures.push(`${url}: HTTP ${response?.status() ?? "no response"}`);
        const px = await horizontalOverflow(page);
        if (px > 0) failures.push(`${url}: scrolls sideways by ${px}px at ${PHONE.width}px wide`);
      }
    };
    await visit(sample, samplePages);
    await visit(newsroom, newsroomPages);
    await page.close();
    expect(samplePages).toEqual(expect.arrayContaining(["/", STORY, PERSON, "/people/", "/organizations/"]));
    expect(newsroomPages).toContain("/people/aynur-qasimova/page/2/");
    expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
    expect(failures, failures.join("\n")).toHaveLength(0);
  });

  it("saves screenshots of home, article and person page at 375 and 1280 px", async () => {
    const { page, watcher } = await newPage();
    const saved: string[] = [];
    for (const [name, url] of [
      ["home", "/"],
      ["article", STORY],
      ["person", PERSON],
    ] as const) {
      for (const viewport of [PHONE, DESKTOP]) {
        await page.setViewportSize(viewport);
        await page.goto(sample.url(url));
        saved.push(await screenshot(page, `sample-${name}-${viewport.width}`));
      }
    }
    await page.close();
    for (const file of saved) expect((await stat(file)).isFile()).toBe(true);
    expect(saved.map((f) => f.split("/").at(-1))).toEqual([
      "sample-home-375.png",
      "sample-home-1280.png",
      "sample-article-375.png",
      "sample-article-1280.png",
      "sample-person-375.png",
      "sample-person-1280.png",
    ]);
    expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
  });
});
