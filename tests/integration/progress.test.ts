import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { build } from "../../src/eleventy/build.ts";
import {
  type BuildProgress,
  expectedFiles,
  silentProgress,
  terminalProgress,
} from "../../src/publish/progress.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";

function fakeTerminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, {
    isTTY,
    columns: 100,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  return { stream, text: () => text };
}

describe("build progress", () => {
  it("reports every article loaded and every page written", async () => {
    const events = { loaded: 0, total: 0, expected: 0, wrote: 0, phases: [] as string[] };
    const progress: BuildProgress = {
      loaded: (done, total) => {
        events.loaded = done;
        events.total = total;
      },
      rendering: (expected) => {
        events.expected = expected;
      },
      wrote: () => {
        events.wrote++;
      },
      phase: (name) => events.phases.push(name),
      stop: () => {},
    };
    const out = path.join(await mkdtemp(path.join(tmpdir(), "dateline-progress-")), "_site");
    const result = await build({
      contentDir: fixtureDir("newsroom"),
      outDir: out,
      buildTime: BUILD_TIME,
      progress,
    });
    expect(events.loaded).toBe(27);
    expect(events.total).toBe(27);
    expect(events.wrote).toBe(result.files);
    expect(Math.abs(events.expected - result.files)).toBeLessThanOrEqual(8);
    expect(events.phases).toEqual([]); // a full build indexes for search while it renders
  });

  it("draws a bar with counts and time left on a terminal", async () => {
    const terminal = fakeTerminal(true);
    const progress = terminalProgress(terminal.stream);
    progress.rendering(10);
    for (let i = 0; i < 10; i++) progress.wrote();
    progress.stop();
    expect(terminal.text()).toMatch(/Pages written/);
    expect(terminal.text()).toMatch(/10\/10/);
    expect(terminal.text()).toMatch(/left/);
  });

  it("draws nothing without a terminal", () => {
    expect(terminalProgress(fakeTerminal(false).stream)).toBe(silentProgress);
  });

  it("estimates the files to write from the site", async () => {
    const { site } = await buildSite({ contentDir: fixtureDir("registry"), buildTime: BUILD_TIME });
    if (!site) throw new Error("no site");
    expect(expectedFiles(site)).toBe(1 + 4 + site.entityPages.length + 3 + 3 + site.feeds.length * 2 + 7);
  });
});
