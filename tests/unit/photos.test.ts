import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/content.ts";
import { type ParsedDocument, parseDocument } from "../../src/content/frontmatter.ts";
import { createMarkdown } from "../../src/content/markdown.ts";
import { bodyImages, readPhotos } from "../../src/content/photos.ts";
import { validateArticle } from "../../src/content/validate.ts";
import type { PhotoSource } from "../../src/core/types.ts";
import {
  articleImage,
  leadPhotoMarkup,
  photoCrops,
  photoJobs,
  photoWidths,
  pictureMarkup,
  pictureOf,
  withBodyPictures,
} from "../../src/site/photos.ts";
import { fixtureDir } from "../helpers/build-fixture.ts";
import { TEST_SETTINGS } from "../helpers/settings.ts";

function validate(frontmatter: string) {
  const raw = `---\ntitle: Harbour\ndate: 2024-05-20\n${frontmatter}---\nBody.\n`;
  const parsed = parseDocument("content/articles/harbour.md", raw);
  if (!parsed.document) throw new Error(`parse failed: ${JSON.stringify(parsed.diagnostics)}`);
  return validateArticle(parsed.document, TEST_SETTINGS);
}

const brief = (d: { rule: string; line: number; severity: string }) => `${d.line} ${d.severity} ${d.rule}`;

describe("the image field", () => {
  it("reads src, alt, caption and credit, trimmed", () => {
    const { diagnostics, image } = validate(
      "image:\n  src: harbour.jpg\n  alt: ' Boats at the wall '\n  caption: The wall.\n  credit: Leyla Fiktivova\n",
    );
    expect(diagnostics).toEqual([]);
    expect(image).toEqual({
      src: "harbour.jpg",
      alt: "Boats at the wall",
      caption: "The wall.",
      credit: "Leyla Fiktivova",
    });
  });

  it("reports a missing alt at the image's src line, and an empty one at the alt line", () => {
    expect(validate("image:\n  src: harbour.jpg\n").diagnostics.map(brief)).toEqual([
      "4 error article/image-missing-alt",
    ]);
    const empty = validate("image:\n  src: harbour.jpg\n  alt: '  '\n").diagnostics;
    expect(empty.map(brief)).toEqual(["6 error article/image-missing-alt"]);
    expect(empty[0]?.message).toBe(`the image's "alt" text is empty`);
    expect(empty[0]?.field).toBe("image");
  });

  it("wants width and height for a remote image, at the src line", () => {
    const { diagnostics } = validate(
      "image:\n  alt: A ferry\n  src: https://photos.example.test/ferry.jpg\n  width: 1600\n",
    );
    expect(diagnostics.map(brief)).toEqual(["6 error article/image-no-dimensions"]);
    expect(diagnostics[0]?.message).toContain("has no height");
    expect(
      validate(
        "image:\n  alt: A ferry\n  src: https://photos.example.test/ferry.jpg\n  width: 1600\n  height: 900\n",
      ).diagnostics,
    ).toEqual([]);
  });

  it("refuses a src outside the content folder, another scheme, a non-mapping and unknown keys", () => {
    expect(validate("image:\n  src: ../../secret.jpg\n  alt: A\n").diagnostics.map(brief)).toEqual([
      "5 error article/invalid-image",
    ]);
    expect(validate("image:\n  src: javascript:alert(1)\n  alt: A\n").diagnostics.map(brief)).toEqual([
      "5 error article/invalid-image",
    ]);
    expect(validate("image: harbour.jpg\n").diagnostics.map(brief)).toEqual([
      "4 error article/invalid-image",
    ]);
    expect(validate("image:\n  src: a.jpg\n  alt: A\n  size: 3\n").diagnostics.map(brief)).toEqual([
      "4 error article/invalid-image",
    ]);
  });
});

const HARBOUR: PhotoSource = {
  file: "/x/harbour.jpg",
  key: "abc",
  width: 1600,
  height: 1000,
  format: "jpeg",
};
const SMALL: PhotoSource = { file: "/x/pier.png", key: "def", width: 800, height: 600, format: "png" };

describe("photo sizes and markup", () => {
  it("writes the standard widths below the photo's own, and 1,200 px crops at 16:9, 4:3 and 1:1", () => {
    expect(photoWidths(1600)).toEqual([480, 960, 1600]);
    expect(photoWidths(4000)).toEqual([480, 960, 1600]);
    expect(photoWidths(800)).toEqual([480, 800]);
    expect(photoWidths(300)).toEqual([300]);
    expect(photoCrops(HARBOUR)).toEqual([
      { width: 1200, height: 675 },
      { width: 1200, height: 900 },
      { width: 1200, height: 1200 },
    ]);
    expect(photoCrops(SMALL)).toEqual([
      { width: 800, height: 450 },
      { width: 800, height: 600 },
      { width: 800, height: 800 },
    ]);
  });

  it("gives a local lead photo its picture, main JPEG, crops and thumbnail", () => {
    const image = articleImage({ alt: "Boats", credit: "L. F.", photo: HARBOUR });
    expect(image?.main).toEqual({ url: "/img/abc-1600.jpeg", width: 1600, height: 1000, type: "image/jpeg" });
    expect(image?.thumbnail).toEqual({
      url: "/img/abc-480.jpeg",
      width: 480,
      height: 300,
      type: "image/jpeg",
    });
    expect(image?.crops.map((c) => c.url)).toEqual([
      "/img/abc-1200x675.jpeg",
      "/img/abc-1200x900.jpeg",
      "/img/abc-1200x1200.jpeg",
    ]);
    expect(image?.picture?.sources).toEqual([
      {
        type: "image/avif",
        srcset: "/img/abc-480.avif 480w, /img/abc-960.avif 960w, /img/abc-1600.avif 1600w",
      },
      {
        type: "image/webp",
        srcset: "/img/abc-480.webp 480w, /img/abc-960.webp 960w, /img/abc-1600.webp 1600w",
      },
    ]);
    expect(image?.credit).toBe("L. F.");
  });

  it("uses a remote image as it is, everywhere", () => {
    const remote = { url: "https://photos.example.test/f.jpg", width: 1600, height: 900, type: "image/jpeg" };
    const image = articleImage({ alt: "A ferry", remote });
    expect(image).toEqual({ alt: "A ferry", main: remote, crops: [remote], thumbnail: remote });
    expect(leadPhotoMarkup(image as NonNullable<typeof image>)).toBe(
      `<img src="https://photos.example.test/f.jpg" alt="A ferry" width="1600" height="900" fetchpriority="high">`,
    );
  });

  it("loads the lead photo first and every other photo lazily, with width and height", () => {
    const lead = pictureMarkup(pictureOf(HARBOUR), `Boats "at" <dawn>`, { lead: true });
    expect(lead).toContain(
      `alt="Boats &quot;at&quot; &lt;dawn&gt;" width="1600" height="1000" fetchpriority="high">`,
    );
    expect(lead).not.toContain("loading=");
    expect(lead.match(/<source /g)).toHaveLength(2);
    const body = pictureMarkup(pictureOf(SMALL), "Pier");
    expect(body).toContain(`width="800" height="600" loading="lazy" decoding="async"></picture>`);
    expect(body).not.toContain("fetchpriority");
  });

  it("replaces the sanitized body's <img> of a local photo with its picture, and leaves others", () => {
    const md = createMarkdown();
    const html = md.render("![Boats & nets](harbour.jpg)\n\n![Elsewhere](https://e.test/a.jpg)\n");
    const out = withBodyPictures(html, { "harbour.jpg": HARBOUR });
    expect(out).toContain(`<picture><source type="image/avif"`);
    expect(out).toContain(`alt="Boats &amp; nets" width="1600" height="1000" loading="lazy"`);
    expect(out).toContain(`<img src="https://e.test/a.jpg" alt="Elsewhere"`);
  });

  it("lists each photo once, crops only for lead photos", () => {
    const jobs = photoJobs([HARBOUR, undefined, HARBOUR], [SMALL, HARBOUR]);
    expect(jobs.map((j) => [j.source.key, j.crops.length])).toEqual([
      ["abc", 3],
      ["def", 0],
    ]);
  });

  it("finds body images with their lines in the file", () => {
    const found = bodyImages("Intro.\n\nText\n![One](a.jpg) and\n![](b.jpg)\n", 5, createMarkdown());
    expect(found).toEqual([
      { src: "a.jpg", alt: "One", line: 8 },
      { src: "b.jpg", alt: "", line: 9 },
    ]);
  });
});

describe("reading photos in the content stage", () => {
  async function readIn(
    files: Record<string, string>,
    article: string,
    spy?: (document: ParsedDocument) => ParsedDocument,
  ) {
    const content = await mkdtemp(path.join(tmpdir(), "dateline-photos-"));
    await mkdir(path.join(content, "articles"), { recursive: true });
    await mkdir(path.join(content, "photos"), { recursive: true });
    await copyFile(
      path.join(fixtureDir("photos"), "photos/harbour.jpg"),
      path.join(content, "photos/harbour.jpg"),
    );
    await copyFile(
      path.join(fixtureDir("photos"), "photos/small-pier.png"),
      path.join(content, "photos/pier.png"),
    );
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(content, name), text);
    const file = path.join(content, "articles/story.md");
    await writeFile(file, article);
    const parsed = parseDocument(file, article);
    if (!parsed.document) throw new Error("parse failed");
    const { article: input, image, diagnostics } = validateArticle(parsed.document, TEST_SETTINGS);
    if (!input) throw new Error(JSON.stringify(diagnostics));
    const document = spy ? spy(parsed.document) : parsed.document;
    const problems = await readPhotos(
      [{ input, document, ...(image ? { image } : {}) }],
      content,
      createMarkdown(),
    );
    return { input, problems };
  }
  const head = "---\ntitle: Harbour\ndate: 2024-05-20\nimage:\n  alt: Boats\n";

  it("measures a local photo and keys it by its bytes", async () => {
    const { input, problems } = await readIn({}, `${head}  src: /photos/harbour.jpg\n---\nBody.\n`);
    expect(problems).toEqual([]);
    expect(input.image?.photo).toMatchObject({ width: 1600, height: 1000, format: "jpeg" });
    expect(input.image?.photo?.key).toMatch(/^[0-9a-f]{16}$/);
  });

  it("reports a missing file, an unreadable file and a small lead photo at the src line", async () => {
    const missing = await readIn({}, `${head}  src: /photos/nowhere.jpg\n---\n`);
    expect(missing.problems.map(brief)).toEqual(["6 error article/image-not-found"]);
    expect(missing.problems[0]?.message).toContain(`"/photos/nowhere.jpg" was not found`);
    const unreadable = await readIn(
      { "photos/broken.jpg": "this is not a JPEG" },
      `${head}  src: /photos/broken.jpg\n---\n`,
    );
    expect(unreadable.problems.map(brief)).toEqual(["6 error article/image-unreadable"]);
    const small = await readIn({}, `${head}  src: /photos/pier.png\n---\n`);
    expect(small.problems.map(brief)).toEqual(["6 warning article/image-too-small"]);
    expect(small.problems[0]?.message).toContain("is 800 px wide");
  });

  it("finds a frontmatter position only for a photo with a problem", async () => {
    let asked = 0;
    const counting = (document: ParsedDocument): ParsedDocument => ({
      ...document,
      positionOf: (at) => {
        asked++;
        return document.positionOf(at);
      },
    });
    const fine = await readIn({}, `${head}  src: /photos/harbour.jpg\n---\nBody.\n`, counting);
    expect(fine.problems).toEqual([]);
    expect(asked).toBe(0);
    const small = await readIn({}, `${head}  src: /photos/pier.png\n---\n`, counting);
    expect(small.problems.map(brief)).toEqual(["6 warning article/image-too-small"]);
    expect(asked).toBe(1);
  });

  it("takes the body's images as found before (the content cache keeps them) without reading the body", async () => {
    const content = await mkdtemp(path.join(tmpdir(), "dateline-photos-"));
    await mkdir(path.join(content, "photos"), { recursive: true });
    await copyFile(
      path.join(fixtureDir("photos"), "photos/harbour.jpg"),
      path.join(content, "photos/harbour.jpg"),
    );
    const raw = "---\ntitle: Harbour\ndate: 2024-05-20\n---\nText.\n\n![Boats](/photos/harbour.jpg)\n";
    const parsed = parseDocument(path.join(content, "articles/story.md"), raw);
    if (!parsed.document) throw new Error("parse failed");
    const { article: input } = validateArticle(parsed.document, TEST_SETTINGS);
    if (!input) throw new Error("invalid");
    const found = bodyImages(parsed.document.body, parsed.document.bodyLine, createMarkdown());
    expect(found).toEqual([{ src: "/photos/harbour.jpg", alt: "Boats", line: 7 }]);
    const document = Object.defineProperty({ ...parsed.document }, "body", {
      get: () => {
        throw new Error("the body was read");
      },
    });
    const problems = await readPhotos([{ input, document, bodyImages: found }], content, createMarkdown());
    expect(problems).toEqual([]);
    expect(input.bodyPhotos?.["/photos/harbour.jpg"]).toMatchObject({ width: 1600, height: 1000 });
  });

  it("finds the body's photos of an article the content cache gives back unchanged", async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "dateline-photos-cache-"));
    const options = { contentDir: fixtureDir("photos"), buildTime: "2024-06-01T12:00:00+04:00", cacheDir };
    const bodyPhotos = async () => {
      const { content, cache } = await loadContent(options);
      const article = content?.articles.find((a) => a.input.file.endsWith("harbour-reopens.md"));
      return { photos: article?.input.bodyPhotos, cache };
    };
    const first = await bodyPhotos();
    const second = await bodyPhotos();
    expect(second.cache?.hits).toBeGreaterThan(0);
    expect(second.cache?.misses).toBe(0);
    expect(Object.keys(first.photos ?? {}).length).toBeGreaterThan(0);
    expect(second.photos).toEqual(first.photos);
  });

  it("reports body images without alt text or without a file at their line", async () => {
    const { input, problems } = await readIn(
      {},
      "---\ntitle: Harbour\ndate: 2024-05-20\n---\nText.\n\n![](/photos/harbour.jpg)\n\n![Pier](../photos/gone.jpg)\n\n![Pier](/photos/pier.png)\n",
    );
    expect(problems.map(brief)).toEqual([
      "7 error article/body-image-missing-alt",
      "9 error article/invalid-image",
    ]);
    expect(Object.keys(input.bodyPhotos ?? {})).toEqual(["/photos/harbour.jpg", "/photos/pier.png"]);
  });
});
