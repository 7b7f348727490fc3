import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { ROOT } from "./build-fixture.ts";

/** Where screenshots go (gitignored with the rest of tests/.output/). */
export const SCREENSHOT_DIR = path.join(ROOT, "tests/.output/screenshots");

/** Flags for a quiet, offline, sandbox-free headless Chromium. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches the given Chromium with a fresh temporary profile; `close` also deletes the profile. */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), "dateline-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: DESKTOP,
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Records everything a reader should never meet on a page: console errors, uncaught exceptions, failed
 * requests and HTTP errors. Read `problems` after the navigation; `clear()` starts a new page.
 */
export function watch(page: Page): { problems: string[]; clear(): void } {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    problems.push(`console error on ${page.url()}: ${message.text()}${source ? ` (${source})` : ""}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "unknown";
    // A request cut short because the test moved on to the next page (the favicon, fetched after load) is
    // not a broken resource; a missing one shows up as an HTTP error below.
    if (reason === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  return {
    problems,
    clear: () => {
      problems.length = 0;
    },
  };
}

interface ScrollGlobals {
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}

/** The page's width beyond the viewport, in CSS pixels (0 when it does not scroll sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as ScrollGlobals).document.documentElement;
    return Math.max(0, root.scrollWidth - root.clientWidth);
  });
}

/** Saves a full-page screenshot as tests/.output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
