import { afterAll, beforeAll, expect, it } from "vitest";
import { type AxeViolation, formatViolations, runAxe } from "../helpers/axe.ts";
import { type Browser, launchBrowser, watch } from "../helpers/browser.ts";
import { buildFixture, buildSample } from "../helpers/build-fixture.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, requireTool } from "../helpers/tools.ts";

const CHROMIUM = findChromium();

const SAMPLE_PAGES = [
  "/",
  "/2022/12/15/bayramov-meets-ots-secretary-general-omuraliev/",
  "/people/jeyhun-bayramov/",
  "/organizations/organization-of-turkic-states/",
  "/people/",
  "/organizations/",
];
/** The fixture adds what the sample lacks: pagers, a later page, a story without summary. */
const NEWSROOM_PAGES = ["/", "/page/2/", "/people/aynur-qasimova/page/2/", "/2024/04/01/windows-editor/"];
/** A site in three languages (switcher, hreflang, pages under /ru/ and /az/) and one right to left. */
const MULTILINGUAL_PAGES = [
  "/2024/05/02/ferry-route-opens/",
  "/ru/2024/05/02/paromnaya-liniya-otkryta/",
  "/az/",
  "/ru/people/elvin-tagizade/",
  "/ru/places/",
];
const ARABIC_PAGES = ["/", "/page/2/", "/2024/05/02/port-opens/", "/people/slma-alhdad/", "/places/"];
type Site = "sample" | "newsroom" | "multilingual" | "arabic";

describeWith([CHROMIUM], "axe-core (WCAG 2.1 A and AA)", () => {
  let browser: Browser | undefined;
  const servers: Partial<Record<Site, StaticServer>> = {};

  beforeAll(async () => {
    const executable = requireTool(CHROMIUM);
    const sample = await buildSample();
    const newsroom = await buildFixture("newsroom");
    expect(sample.ok).toBe(true);
    expect(newsroom.ok).toBe(true);
    servers.sample = await serve(sample.outDir);
    servers.newsroom = await serve(newsroom.outDir);
    for (const name of ["multilingual", "arabic"] as const) {
      const built = await buildFixture(name);
      expect(built.ok).toBe(true);
      servers[name] = await serve(built.outDir);
    }
    browser = await launchBrowser(executable);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(Object.values(servers).map((s) => s.close()));
  });

  async function violationsAt(site: Site, url: string): Promise<AxeViolation[]> {
    const server = servers[site];
    if (!browser || !server) throw new Error("the browser or server did not start");
    const page = await browser.context.newPage();
    const watcher = watch(page);
    try {
      const response = await page.goto(server.url(url));
      expect(response?.status()).toBe(200);
      const violations = await runAxe(page);
      expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
      return violations;
    } finally {
      await page.close();
    }
  }

  it.each(SAMPLE_PAGES)("finds no violations on the sample site's %s", async (url) => {
    const violations = await violationsAt("sample", url);
    expect(violations, formatViolations(url, violations)).toHaveLength(0);
  });

  it.each(NEWSROOM_PAGES)("finds no violations on the fixture site's %s", async (url) => {
    const violations = await violationsAt("newsroom", url);
    expect(violations, formatViolations(url, violations)).toHaveLength(0);
  });

  it.each(MULTILINGUAL_PAGES)("finds no violations on the multilingual site's %s", async (url) => {
    const violations = await violationsAt("multilingual", url);
    expect(violations, formatViolations(url, violations)).toHaveLength(0);
  });

  it.each(ARABIC_PAGES)("finds no violations on the Arabic site's %s", async (url) => {
    const violations = await violationsAt("arabic", url);
    expect(violations, formatViolations(url, violations)).toHaveLength(0);
  });
});
