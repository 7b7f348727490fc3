import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/build-fixture.ts";
import { type DevServer, pollPage, startDevServer } from "../helpers/dev-server.ts";

const ARTICLE = "articles/2022/12/bayramov-meets-ots-secretary-general-omuraliev.md";
const PAGE = "/2022/12/15/bayramov-meets-ots-secretary-general-omuraliev/";
/** Generous, for a loaded CI machine; on the sample site a change shows up in well under a second. */
const CHANGE_TIMEOUT = 20_000;

describe("npm start (dev server with live reload)", () => {
  let dir: string;
  let content: string;
  let server: DevServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "dateline-dev-"));
    content = path.join(dir, "content");
    await cp(path.join(ROOT, "content"), content, { recursive: true });
    server = await startDevServer(content, path.join(dir, "_site"));
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The server's output without the per-file lines, for failure messages. */
  const log = () =>
    server
      .output()
      .split("\n")
      .filter((l) => !l.startsWith("[11ty] Writing"))
      .slice(-40)
      .join("\n");

  const edit = async (file: string, from: string | RegExp, to: string) => {
    const full = path.join(content, file);
    const text = await readFile(full, "utf8");
    const changed = text.replace(from, to);
    expect(changed, `${file} should contain ${String(from)}`).not.toBe(text);
    await writeFile(full, changed);
  };

  it("serves the site from the content folder", async () => {
    const body = await pollPage(
      `${server.origin}${PAGE}`,
      (_, status) => status === 200,
      CHANGE_TIMEOUT,
      log,
    );
    expect(body).toContain("Jeyhun Bayramov");
  });

  it("shows an edit to an article", async () => {
    await edit(ARTICLE, "The sides also exchanged views", "The sides also exchanged LIVE-EDIT-ONE views");
    const started = Date.now();
    await pollPage(`${server.origin}${PAGE}`, (body) => body.includes("LIVE-EDIT-ONE"), CHANGE_TIMEOUT, log);
    console.info(`dev server: article edit served after ${Date.now() - started} ms`);
  });

  it("shows an edit to the registry", async () => {
    await edit("people/jeyhun-bayramov.md", /^description: .*$/m, "description: LIVE-REGISTRY-DESCRIPTION");
    await pollPage(
      `${server.origin}/people/jeyhun-bayramov/`,
      (body) => body.includes("LIVE-REGISTRY-DESCRIPTION"),
      CHANGE_TIMEOUT,
      log,
    );
  });

  it("keeps the last good page and prints the diagnostic while an article is broken, then recovers", async () => {
    const since = server.output().length;
    await edit(ARTICLE, /^date: 2022-12-15$/m, "date: 2022-02-30");
    await server.waitForOutput("[article/invalid-date]", CHANGE_TIMEOUT, since);
    await server.waitForOutput("showing the last good build", CHANGE_TIMEOUT, since);
    const printed = server.output().slice(since);
    expect(printed).toMatch(
      /bayramov-meets-ots-secretary-general-omuraliev\.md:3:1 {2}error {2}"date": "2022-02-30" is not a real date/,
    );
    // The last good page is still served, as it was before the break.
    const during = await fetch(`${server.origin}${PAGE}`);
    expect(during.status).toBe(200);
    expect(await during.text()).toContain("LIVE-EDIT-ONE");

    // Fixing the article recovers without a restart, with the latest text.
    await edit(ARTICLE, /^date: 2022-02-30$/m, "date: 2022-12-15");
    await edit(ARTICLE, "LIVE-EDIT-ONE", "LIVE-EDIT-TWO");
    await pollPage(`${server.origin}${PAGE}`, (body) => body.includes("LIVE-EDIT-TWO"), CHANGE_TIMEOUT, log);
  });

  // Eleventy watches the config's imports only for .js/.mjs/.cjs configs, so with .eleventy.ts an edit to
  // src/*.ts is neither noticed nor reloaded (the config is re-imported on its own edits, but its imports
  // stay in Node's module cache). See the report that came with this test; enable once that is fixed.
});

describe("npm start after an edit to src/", () => {
  let dir: string;
  let server: DevServer;

  beforeAll(async () => {
    // A copy of the project, so that editing its src/ cannot disturb other tests.
    dir = await mkdtemp(path.join(tmpdir(), "dateline-dev-src-"));
    for (const entry of [
      "src",
      "templates",
      "content",
      ".eleventy.ts",
      "package.json",
      "package-lock.json",
    ]) {
      await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
    }
    await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    server = await startDevServer(path.join(dir, "content"), path.join(dir, "_site"), 90_000, dir);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("shows the change without a restart", async () => {
    const before = await pollPage(
      `${server.origin}/`,
      (html) => html.includes(">People</a>"),
      CHANGE_TIMEOUT,
      server.output,
    );
    expect(before).toContain(">People</a>");
    const file = path.join(dir, "src/site/assemble.ts");
    const text = await readFile(file, "utf8");
    const changed = text.replace('person: "People"', 'person: "Persons"');
    expect(changed).not.toBe(text);
    await writeFile(file, changed);
    const after = await pollPage(
      `${server.origin}/`,
      (html) => html.includes(">Persons</a>"),
      CHANGE_TIMEOUT,
      server.output,
    );
    expect(after).toContain(">Persons</a>");
  });
});
