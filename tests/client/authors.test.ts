import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatViolations, runAxe } from "../helpers/axe.ts";
import { type Browser, horizontalOverflow, launchBrowser, PHONE, watch } from "../helpers/browser.ts";
import { buildFixture } from "../helpers/build-fixture.ts";
import { type StaticServer, serve } from "../helpers/serve.ts";
import { describeWith, findChromium, requireTool } from "../helpers/tools.ts";

const CHROMIUM = findChromium();
const PAGES = [
  "/2022/12/15/ferry-timetable-changes/",
  "/authors/",
  "/authors/nilufar-demirtas/",
  "/authors/rauf-kelbecov/",
  "/corrections/",
];

describeWith([CHROMIUM], "author and correction pages in Chromium", () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    const executable = requireTool(CHROMIUM);
    const built = await buildFixture("authors");
    expect(built.ok).toBe(true);
    // The author file's photo is a site path; the site's own files would hold it.
    await mkdir(path.join(built.outDir, "photos"), { recursive: true });
    await sharp({ create: { width: 192, height: 192, channels: 3, background: "#5a7d9a" } })
      .jpeg()
      .toFile(path.join(built.outDir, "photos/nilufar-demirtas.jpg"));
    server = await serve(built.outDir);
    browser = await launchBrowser(executable);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(PAGES)("%s has no axe violations and no sideways scrolling at 375 px", async (url) => {
    if (!browser || !server) throw new Error("the browser or server did not start");
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    const watcher = watch(page);
    try {
      const response = await page.goto(server.url(url));
      expect(response?.status()).toBe(200);
      expect(await horizontalOverflow(page)).toBe(0);
      const violations = await runAxe(page);
      expect(violations, formatViolations(url, violations)).toHaveLength(0);
      expect(watcher.problems, watcher.problems.join("\n")).toHaveLength(0);
    } finally {
      await page.close();
    }
  });
});
