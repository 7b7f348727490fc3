import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANIFEST_FILE, readManifest } from "../../src/publish/manifest.ts";
import { BUILD_TIME, fixtureDir, ROOT } from "../helpers/build-fixture.ts";
import { runCommand } from "../helpers/cli.ts";
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
    const body = await pollPage(
      `${server.origin}${PAGE}`,
      (html) => html.includes("LIVE-EDIT-ONE"),
      CHANGE_TIMEOUT,
      log,
    );
    console.info(`dev server: article edit served after ${Date.now() - started} ms`);
    expect(body).toContain("The sides also exchanged LIVE-EDIT-ONE views");
  });

  it("shows an edit to the registry", async () => {
    await edit("people/jeyhun-bayramov.md", /^description: .*$/m, "description: LIVE-REGISTRY-DESCRIPTION");
    const body = await pollPage(
      `${server.origin}/people/jeyhun-bayramov/`,
      (html) => html.includes("LIVE-REGISTRY-DESCRIPTION"),
      CHANGE_TIMEOUT,
      log,
    );
    expect(body).toContain("LIVE-REGISTRY-DESCRIPTION");
  });

  it("keeps the last good page and prints the diagnostic while an article is broken, then recovers", async () => {
    // Its own good state first, so this test does not depend on another test's edit.
    await edit(
      ARTICLE,
      /The sides also exchanged (LIVE-EDIT-ONE )?views/,
      "The sides also exchanged GOOD-STATE views",
    );
    await pollPage(`${server.origin}${PAGE}`, (body) => body.includes("GOOD-STATE"), CHANGE_TIMEOUT, log);

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
    expect(await during.text()).toContain("GOOD-STATE");

    // Fixing the article recovers without a restart, with the latest text.
    await edit(ARTICLE, /^date: 2022-02-30$/m, "date: 2022-12-15");
    await edit(ARTICLE, "GOOD-STATE", "FIXED-STATE");
    const after = await pollPage(
      `${server.origin}${PAGE}`,
      (body) => body.includes("FIXED-STATE"),
      CHANGE_TIMEOUT,
      log,
    );
    expect(after).not.toContain("GOOD-STATE");
  });

  it("listens on the loopback address only", async () => {
    const reachable = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connect({ host, port: server.port, timeout: 2000 });
        socket.once("connect", () => {
          socket.destroy();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
        socket.once("timeout", () => {
          socket.destroy();
          resolve(false);
        });
      });
    expect(await reachable("127.0.0.1")).toBe(true);
    // Bound to every interface, the server would also answer on IPv6 loopback and on the machine's
    // network addresses.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal)
      .map((i) => i?.address ?? "");
    for (const host of ["::1", ...others]) expect(await reachable(host), host).toBe(false);
  });

  it.each(["/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/%E0%A4%A", "/a%00b"])(
    "answers %s with 400 instead of leaving it unanswered",
    async (target) => {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: server.port, path: target, timeout: 5000 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.once("timeout", () => req.destroy(new Error(`no answer to ${target}`)));
        req.once("error", reject);
        req.end();
      });
      expect(status).toBe(400);
    },
  );
});

/** A URL path for an output file: `a/b/index.html` → `/a/b/`, `feed.xml` → `/feed.xml`. */
function urlOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, "$1")}`;
}

describe("npm start and npm run build -- --drafts render the same bytes", () => {
  it.each(["sample", "newsroom", "registry", "multilingual", "arabic"])(
    "for every page and feed of the %s site",
    async (name) => {
      const contentDir = name === "sample" ? path.join(ROOT, "content") : fixtureDir(name);
      const dir = await mkdtemp(path.join(tmpdir(), "dateline-same-"));
      const built = path.join(dir, "built");
      const env = { ...process.env, DATELINE_BUILD_TIME: BUILD_TIME };
      const result = await runCommand(
        "build",
        ["--content", contentDir, "--out", built, "--drafts", "--no-search"],
        env,
      );
      expect(result.code, result.stderr).toBe(0);
      const server = await startDevServer(contentDir, path.join(dir, "served"), 90_000, ROOT, {
        DATELINE_BUILD_TIME: BUILD_TIME,
      });
      try {
        const files = (await readdir(built, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile())
          .map((e) => path.relative(built, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
          .filter((f) => f !== MANIFEST_FILE)
          .sort();
        expect(files).toContain("index.html");
        expect(files.some((f) => f.endsWith("feed.xml"))).toBe(true);
        const different: string[] = [];
        for (const file of files) {
          // A fetch that is not a navigation: the dev server injects its live-reload script only into pages
          // a browser navigates to.
          const response = await fetch(`${server.origin}${urlOf(file)}`, {
            headers: { "sec-fetch-mode": "cors" },
          });
          const served = Buffer.from(await response.arrayBuffer());
          if (response.status !== 200 || !served.equals(await readFile(path.join(built, file))))
            different.push(`${file} (${response.status})`);
        }
        expect(different).toEqual([]);
      } finally {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
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
    // The directories' titles come from the message files; the model computes the navigation from them.
    const file = path.join(dir, "src/site/languages.ts");
    const text = await readFile(file, "utf8");
    const nav = "title: title(tag, `directory.$" + "{ENTITY_FIELD[kind]}`)";
    const changed = text.replace(nav, `${nav}.replace("People", "Persons")`);
    expect(changed).not.toBe(text);
    await writeFile(file, changed);
    // A file watcher on a busy machine can miss one write; a second write of the same text is a no-op
    // for the code and gives it another event.
    const served = () =>
      pollPage(
        `${server.origin}/`,
        (html) => html.includes(">Persons</a>"),
        CHANGE_TIMEOUT / 2,
        server.output,
      );
    const after = await served().catch(async () => {
      await writeFile(file, changed);
      return served();
    });
    expect(after).toContain(">Persons</a>");
  });
});

describe("npm run build after npm start in the same folder", () => {
  it("removes the preview's drafts: the dev server lists what it wrote in the folder's manifest", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dateline-preview-"));
    const out = path.join(dir, "_site");
    const draft = "2024/04/02/unpublished-draft/index.html";
    const server = await startDevServer(fixtureDir("newsroom"), out, 90_000, ROOT, {
      DATELINE_BUILD_TIME: BUILD_TIME,
    });
    try {
      await pollPage(
        `${server.origin}/${draft.replace("index.html", "")}`,
        (_, status) => status === 200,
        20_000,
      );
    } finally {
      await server.stop();
    }
    const outputs = [...((await readManifest(out))?.outputs.keys() ?? [])];
    expect(outputs).toEqual(expect.arrayContaining([draft, "404.html", "feed.xml"]));
    expect(outputs.every((f) => !f.startsWith(".."))).toBe(true);

    const result = await runCommand(
      "build",
      ["--content", fixtureDir("newsroom"), "--out", out, "--no-search"],
      {
        ...process.env,
        DATELINE_BUILD_TIME: BUILD_TIME,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    await expect(readFile(path.join(out, draft), "utf8")).rejects.toThrow();
    expect(await readFile(path.join(out, "index.html"), "utf8")).not.toContain("unpublished-draft");
    await rm(dir, { recursive: true, force: true });
  }, 180_000);
});
