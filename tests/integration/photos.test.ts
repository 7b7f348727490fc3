import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/eleventy/build.ts";
import { readManifest } from "../../src/publish/manifest.ts";
import { BUILD_TIME } from "../helpers/build-fixture.ts";
import { runCommand } from "../helpers/cli.ts";
import { contentWith } from "../helpers/content-copy.ts";
import { Page } from "../helpers/dom.ts";
import { hashTree } from "../helpers/tree.ts";

const BASE = "https://lens.example.test";
const HARBOUR = "/2024/05/20/harbour-reopens/";

let content: string;
let outDir: string;
let cacheDir: string;
let first: Awaited<ReturnType<typeof build>>;

const buildOnce = (contentDir = content, out = outDir) =>
  build({ contentDir, outDir: out, buildTime: BUILD_TIME, photoCacheDir: cacheDir, search: false });

/** The output file of an absolute URL of the site. */
const fileOf = (url: string) => path.join(outDir, new URL(url).pathname);

beforeAll(async () => {
  content = await contentWith("photos");
  outDir = path.join(path.dirname(content), "_site");
  cacheDir = await mkdtemp(path.join(tmpdir(), "dateline-photo-cache-"));
  first = await buildOnce();
  expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(first.ok).toBe(true);
});

describe("a site with photos", () => {
  it("processes each local photo once and writes every width in AVIF, WebP and JPEG under /img/", async () => {
    expect(first.photos).toEqual({ processed: 3, cached: 0 });
    const files = Object.keys(await hashTree(path.join(outDir, "img"))).sort();
    // The harbour: 3 widths × 3 formats + 3 crops; the pier (800 px): 2 × 3 + 3; the market, in a body only: 3 × 3.
    expect(files).toHaveLength(12 + 9 + 9);
    const harbour = files.filter((f) => f.endsWith("-1600.avif"));
    expect(harbour).toHaveLength(1);
    const meta = await sharp(
      path.join(outDir, "img", (harbour[0] as string).replace(".avif", ".jpeg")),
    ).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([1600, 1000, "jpeg"]);
    const manifest = await readManifest(outDir);
    for (const file of files) expect(manifest?.outputs.get(`img/${file}`)).toMatch(/^[0-9a-f]{40}$/);
  });

  it("shows the lead photo as a <picture> in a figure with its caption and credit, loaded first", async () => {
    const page = await Page.read(outDir, HARBOUR);
    const figure = page.withClass("lead-photo")[0];
    expect(figure?.name).toBe("figure");
    const sources = page.all("source");
    expect(sources.map((s) => s.attribs.type)).toEqual([
      "image/avif",
      "image/webp",
      "image/avif",
      "image/webp",
    ]);
    const img = page.all("img")[0];
    expect(img?.attribs).toMatchObject({
      alt: "Fishing boats moored at the harbour wall at dawn",
      width: "1600",
      height: "1000",
      fetchpriority: "high",
    });
    expect(img?.attribs.loading).toBeUndefined();
    expect(img?.attribs.srcset?.split(", ").map((s) => s.split(" ")[1])).toEqual(["480w", "960w", "1600w"]);
    for (const candidate of [
      img?.attribs.src,
      ...(img?.attribs.srcset ?? "").split(", ").map((s) => s.split(" ")[0]),
    ])
      expect(existsSync(path.join(outDir, candidate ?? "missing"))).toBe(true);
    expect(page.text(page.all("figcaption")[0])).toBe(
      "The harbour wall on the first morning after the storm. Photo: Leyla Fiktivova",
    );
  });

  it("turns a body image into a lazy <picture> of its own", async () => {
    const page = await Page.read(outDir, HARBOUR);
    const body = page.withClass("story-body")[0];
    const inBody = page.all("img").filter((i) => i.attribs.alt?.startsWith("Stalls"));
    expect(inBody).toHaveLength(1);
    expect(inBody[0]?.parent && "name" in inBody[0].parent ? inBody[0].parent.name : "").toBe("picture");
    expect(inBody[0]?.attribs).toMatchObject({ width: "1200", height: "900", loading: "lazy" });
    expect(page.text(body)).toContain("The market by the harbour opened too.");
  });

  it("gives og:image and a large Twitter card, with absolute URLs of files in the output", async () => {
    const html = await readFile(path.join(outDir, HARBOUR, "index.html"), "utf8");
    const og = /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1] ?? "";
    expect(og).toMatch(/^https:\/\/lens\.example\.test\/img\/[0-9a-f]{16}-1600\.jpeg$/);
    expect(existsSync(fileOf(og))).toBe(true);
    expect(html).toContain(`<meta property="og:image:width" content="1600">`);
    expect(html).toContain(`<meta property="og:image:height" content="1000">`);
    expect(html).toContain(`<meta name="twitter:card" content="summary_large_image">`);
    const plain = await readFile(path.join(outDir, "2024/05/10/council-meets/index.html"), "utf8");
    expect(plain).toContain(`<meta name="twitter:card" content="summary">`);
    expect(plain).not.toContain("og:image");
  });

  it("gives JSON-LD three 1,200 px crops (16:9, 4:3, 1:1) that exist in the output", async () => {
    const html = await readFile(path.join(outDir, HARBOUR, "index.html"), "utf8");
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    const data = [JSON.parse(json)].flat() as { "@type": string; image?: string[] }[];
    const images = data.find((d) => d["@type"] === "NewsArticle")?.image ?? [];
    expect(images).toHaveLength(3);
    const sizes = [];
    for (const url of images) {
      expect(url.startsWith(`${BASE}/img/`)).toBe(true);
      const meta = await sharp(fileOf(url)).metadata();
      sizes.push(`${meta.width}x${meta.height}`);
    }
    expect(sizes).toEqual(["1200x675", "1200x900", "1200x1200"]);
  });

  it("puts the lead photo into the feeds: JSON Feed image, Atom enclosure", async () => {
    const feed = JSON.parse(await readFile(path.join(outDir, "feed.json"), "utf8")) as {
      items: { url: string; image?: string }[];
    };
    const byUrl = Object.fromEntries(feed.items.map((i) => [new URL(i.url).pathname, i.image]));
    expect(byUrl[HARBOUR]).toMatch(/^https:\/\/lens\.example\.test\/img\/[0-9a-f]{16}-1600\.jpeg$/);
    expect(existsSync(fileOf(byUrl[HARBOUR] as string))).toBe(true);
    expect(byUrl["/2024/05/15/ferry-photo/"]).toBe("https://photos.example.test/ferry/summer.jpg");
    expect(byUrl["/2024/05/10/council-meets/"]).toBeUndefined();
    const atom = await readFile(path.join(outDir, "feed.xml"), "utf8");
    const enclosures = [...atom.matchAll(/<link href="([^"]+)" rel="enclosure" type="image\/jpeg"\/>/g)].map(
      (m) => m[1],
    );
    expect(enclosures).toEqual([
      byUrl[HARBOUR],
      expect.stringMatching(/-800\.jpeg$/),
      byUrl["/2024/05/15/ferry-photo/"],
    ]);
    // An entity's feed carries the photo too.
    expect(await readFile(path.join(outDir, "people/aynur-qasimova/feed.json"), "utf8")).toContain(
      `"image": "${byUrl[HARBOUR]}"`,
    );
  });

  it("shows a thumbnail on listing pages", async () => {
    const home = await Page.read(outDir, "/");
    const thumbnails = home.withClass("thumbnail");
    // The newest story leads the front page with its large photo; the others show thumbnails.
    expect(home.withClass("lead-photo").map((img) => img.attribs.src)).toEqual([
      expect.stringMatching(/^\/img\/[0-9a-f]{16}-\d+\.jpeg$/),
    ]);
    expect(thumbnails.map((t) => t.attribs.src)).toEqual([
      expect.stringMatching(/^\/img\/[0-9a-f]{16}-480\.jpeg$/),
      "https://photos.example.test/ferry/summer.jpg",
    ]);
    expect(thumbnails[0]?.attribs).toMatchObject({ alt: "", width: "480", height: "360", loading: "lazy" });
    const person = await Page.read(outDir, "/people/aynur-qasimova/");
    expect(person.withClass("thumbnail")).toHaveLength(1);
  });

  it("takes unchanged photos from the cache, and leaves published ones untouched", async () => {
    const before = await hashTree(path.join(outDir, "img"));
    const again = await buildOnce();
    expect(again.ok).toBe(true);
    expect(again.photos).toEqual({ processed: 0, cached: 3 });
    expect(await hashTree(path.join(outDir, "img"))).toEqual(before);
    // A fresh output folder: copied from the cache, still nothing processed.
    const elsewhere = path.join(await mkdtemp(path.join(tmpdir(), "dateline-out-")), "_site");
    const fresh = await buildOnce(content, elsewhere);
    expect(fresh.photos).toEqual({ processed: 0, cached: 3 });
    expect(await hashTree(path.join(elsewhere, "img"))).toEqual(before);
  });

  it("removes the files of a photo no article shows any more", async () => {
    const scratch = await contentWith("photos");
    const out = path.join(path.dirname(scratch), "_site");
    expect((await buildOnce(scratch, out)).ok).toBe(true);
    const pier = (await readFile(path.join(out, "2024/05/18/pier-repairs/index.html"), "utf8")).match(
      /\/img\/([0-9a-f]{16})-800\.jpeg/,
    )?.[1];
    expect(pier).toBeDefined();
    await rm(path.join(scratch, "articles/2024/05/pier-repairs.md"));
    expect((await buildOnce(scratch, out)).ok).toBe(true);
    const left = Object.keys(await hashTree(path.join(out, "img")));
    expect(left.filter((f) => f.startsWith(pier as string))).toEqual([]);
    expect(left.length).toBe(12 + 9);
  });
});

describe("bad photos", () => {
  const cases: Record<string, { files: Record<string, string>; expected: string[] }> = {
    "a lead photo without alt": {
      files: {
        "articles/a.md": "---\ntitle: A\ndate: 2024-05-01\nimage:\n  src: /photos/harbour.jpg\n---\n",
      },
      expected: ["articles/a.md:4 error article/image-missing-alt"],
    },
    "a lead photo with an empty alt": {
      files: {
        "articles/b.md":
          "---\ntitle: B\ndate: 2024-05-01\nimage:\n  src: /photos/harbour.jpg\n  alt: ''\n---\n",
      },
      expected: ["articles/b.md:6 error article/image-missing-alt"],
    },
    "a missing file": {
      files: { "articles/c.md": "---\ntitle: C\ndate: 2024-05-01\nimage:\n  alt: X\n  src: gone.jpg\n---\n" },
      expected: ["articles/c.md:6 error article/image-not-found"],
    },
    "an unreadable file": {
      files: {
        "photos/broken.jpg": "not a photo at all",
        "articles/d.md":
          "---\ntitle: D\ndate: 2024-05-01\nimage:\n  alt: X\n  src: /photos/broken.jpg\n---\n",
      },
      expected: ["articles/d.md:6 error article/image-unreadable"],
    },
    "a remote image without dimensions": {
      files: {
        "articles/e.md":
          "---\ntitle: E\ndate: 2024-05-01\nimage:\n  alt: X\n  src: https://photos.example.test/e.jpg\n---\n",
      },
      expected: ["articles/e.md:6 error article/image-no-dimensions"],
    },
    "a body image without alt, and one without a file": {
      files: {
        "articles/f.md":
          "---\ntitle: F\ndate: 2024-05-01\n---\nText.\n\n![](/photos/harbour.jpg)\n\n![Y](nowhere.png)\n",
      },
      expected: [
        "articles/f.md:7 error article/body-image-missing-alt",
        "articles/f.md:9 error article/image-not-found",
      ],
    },
  };

  it.each(Object.keys(cases))(
    "%s is an error with file and line, and the output stays as it was",
    async (name) => {
      const { files, expected } = cases[name] as (typeof cases)[string];
      const scratch = await contentWith("photos", files);
      const out = path.join(path.dirname(scratch), "_site");
      const before = existsSync(out) ? await hashTree(out) : {};
      const result = await buildOnce(scratch, out);
      expect(result.ok).toBe(false);
      const found = result.diagnostics
        .filter((d) => d.severity === "error")
        .map(
          (d) =>
            `${path.relative(scratch, path.resolve(d.file)).split(path.sep).join("/")}:${d.line} ${d.severity} ${d.rule}`,
        );
      expect(found).toEqual(expected);
      expect(existsSync(out) ? await hashTree(out) : {}).toEqual(before);
    },
  );

  it("a failing build leaves a published site with photos unchanged", async () => {
    const scratch = await contentWith("photos");
    const out = path.join(path.dirname(scratch), "_site");
    expect((await buildOnce(scratch, out)).ok).toBe(true);
    const before = await hashTree(out);
    await writeFile(
      path.join(scratch, "articles/2024/05/harbour-reopens.md"),
      (await readFile(path.join(content, "articles/2024/05/harbour-reopens.md"), "utf8")).replace(
        "src: /photos/harbour.jpg",
        "src: /photos/harbour-gone.jpg",
      ),
    );
    const failed = await buildOnce(scratch, out);
    expect(failed.ok).toBe(false);
    expect(failed.diagnostics.map((d) => `${d.line} ${d.rule}`)).toContain("9 article/image-not-found");
    expect(await hashTree(out)).toEqual(before);
  });

  it("warns about a lead photo under 1,200 px wide, at its line, and builds", () => {
    const warnings = first.diagnostics.filter((d) => d.severity === "warning");
    expect(warnings.map((d) => `${path.basename(d.file)}:${d.line} ${d.rule}`)).toEqual([
      "pier-repairs.md:7 article/image-too-small",
    ]);
  });
});

describe("npm run build with photos", () => {
  it("says how many photos were processed and how many came from the cache", async () => {
    const scratch = await contentWith("photos");
    const out = path.join(path.dirname(scratch), "_site");
    const env = { ...process.env, DATELINE_PHOTO_CACHE: path.join(path.dirname(scratch), "cache") };
    const args = ["--content", scratch, "--out", out, "--build-time", BUILD_TIME, "--no-search"];
    const once = await runCommand("build", args, env);
    expect(once.code, once.stderr).toBe(0);
    expect(once.stdout).toContain("photos: 3 processed, 0 from cache");
    const twice = await runCommand("build", args, env);
    expect(twice.stdout).toContain("photos: 0 processed, 3 from cache");
  });
});

describe("incremental builds with photos", () => {
  it("renders an article again when a photo in its body is replaced by another file of the same name", async () => {
    const scratch = await contentWith("photos");
    const out = path.join(path.dirname(scratch), "_site");
    expect((await buildOnce(scratch, out)).ok).toBe(true);
    const page = path.join(out, HARBOUR, "index.html");
    const keyIn = async () => (await readFile(page, "utf8")).match(/\/img\/([0-9a-f]{16})-1200\.jpeg/)?.[1];
    const before = await keyIn();
    await sharp({ create: { width: 1000, height: 750, channels: 3, background: "#123456" } })
      .jpeg()
      .toFile(path.join(scratch, "articles/2024/05/market.jpg"));
    const again = await buildOnce(scratch, out);
    expect(again.ok).toBe(true);
    expect(again.photos).toEqual({ processed: 1, cached: 2 });
    expect(again.reused).toBeGreaterThan(0);
    const after = (await readFile(page, "utf8")).match(/\/img\/([0-9a-f]{16})-1000\.jpeg/)?.[1];
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(existsSync(path.join(out, `img/${after}-1000.avif`))).toBe(true);
    expect(existsSync(path.join(out, `img/${before}-1200.avif`))).toBe(false);
  });
});
