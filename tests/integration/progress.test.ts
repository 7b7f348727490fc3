import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { build } from "../../src/eleventy/build.ts";
import { type BuildProgress, silentProgress, terminalProgress } from "../../src/publish/progress.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";

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
    expect(events.expected).toBe(result.files); // the estimate is exact for a full build
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

  it("estimates exactly the files an incremental build renders", async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), "dateline-progress-")), "_site");
    const content = await contentWith("newsroom");
    await build({ contentDir: content, outDir: out, buildTime: BUILD_TIME, search: false });
    const article = path.join(content, "articles/2024/04/windows-editor.md");
    await writeFile(
      article,
      (await readFile(article, "utf8")).replace(/^title: .*$/m, "title: A new headline"),
    );
    let expected = 0;
    let wrote = 0;
    const result = await build({
      contentDir: content,
      outDir: out,
      buildTime: BUILD_TIME,
      search: false,
      progress: { ...silentProgress, rendering: (n) => (expected = n), wrote: () => wrote++ },
    });
    expect(result.reused).toBeGreaterThan(0);
    expect(wrote).toBe(result.files - result.reused);
    expect(expected).toBe(wrote);
  });
});
