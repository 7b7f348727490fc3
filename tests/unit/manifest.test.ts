import { createHash } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  isManifestName,
  LEGACY_MANIFEST_FILE,
  MANIFEST_FILE,
  manifestPath,
  readManifest,
  replaceManifest,
} from "../../src/publish/manifest.ts";
import {
  decodeManifest,
  encodeManifest,
  encodeManifestChunks,
  isCompactManifest,
  type Manifest,
  parseLegacyManifest,
} from "../../src/publish/manifest-format.ts";

const H1 = "0a2c2ee13d0fe423ae07eeee40816106853104ac";
const H2 = "4ce3e3b92ed558e00a3b7db47c5bbe80d55933ae";
const H3 = "ccf52d317aad680e442bf8c04d4117927e0caac2";

/** A manifest with every kind of entry: pages with and without a source, files without a page, odd hashes. */
function sample(): Manifest {
  return {
    fingerprint: "code-1",
    pages: new Map([
      ["2024/01/05/lighthouse/index.html", H1],
      ["index.html", H2],
      ["feed.xml", H3],
      // Held back in the pages' phase: a page hash but no output yet.
      ["search/index.html", H3],
      // Not a SHA-1 in lowercase hex: kept as text, exactly.
      ["fr/index.html", "4CE3E3B92ED558E00A3B7DB47C5BBE80D55933AE"],
    ]),
    outputs: new Map([
      ["index.html", H1],
      ["feed.xml", H2],
      ["2024/01/05/lighthouse/index.html", H3],
      ["fr/index.html", H2],
      ["img/harbour-960.webp", H1],
      // Unknown (after an interrupted publish), and a hand-made value.
      ["pagefind/pagefind-ui.js", ""],
      ["assets/site.css", "h-css"],
      ["2024/01/05/café/index.html", H2],
    ]),
    sources: new Map([
      ["2024/01/05/lighthouse/index.html", "content/articles/lighthouse.md"],
      ["2024/01/05/café/index.html", "content/articles/café.md"],
    ]),
    search: { fingerprint: "search-1", shards: { "en/2024": H1, "fr/2024": H2 } },
  };
}

/** The manifest with plain maps, to compare (a manifest read from disk looks its entries up in its bytes). */
function plain(m: Manifest | undefined) {
  if (!m) return undefined;
  return {
    ...m,
    pages: new Map(m.pages),
    outputs: new Map(m.outputs),
    ...(m.sources ? { sources: new Map(m.sources) } : {}),
  };
}

/** The same manifest with its entries in the reverse order. */
function reversed(m: Manifest): Manifest {
  const flip = (map: Iterable<[string, string]>) => new Map([...map].reverse());
  return {
    ...m,
    pages: flip(m.pages),
    outputs: flip(m.outputs),
    ...(m.sources ? { sources: flip(m.sources) } : {}),
  };
}

async function folder(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "dateline-manifest-"));
}

describe("the compact manifest", () => {
  it("decodes to the manifest it was made from, every entry and hash as it was", () => {
    const manifest = sample();
    const bytes = encodeManifest(manifest);
    expect(isCompactManifest(bytes)).toBe(true);
    const decoded = decodeManifest(bytes);
    expect(plain(decoded)).toEqual(manifest);
    expect(decoded?.pages.size).toBe(5);
    expect(decoded?.outputs.size).toBe(8);
    expect(decoded?.sources?.size).toBe(2);
    expect(decoded?.outputs.has("search/index.html")).toBe(false);
    expect(decoded?.pages.has("search/index.html")).toBe(true);
    expect(decoded?.outputs.get("nowhere.html")).toBeUndefined();
    expect(decoded?.outputs.get("pagefind/pagefind-ui.js")).toBe("");
    expect(decoded?.outputs.get("assets/site.css")).toBe("h-css");
    expect(decoded?.pages.get("fr/index.html")).toBe("4CE3E3B92ED558E00A3B7DB47C5BBE80D55933AE");
    expect(decoded?.pages.has("img/harbour-960.webp")).toBe(false);
    expect(decoded?.sources?.get("2024/01/05/café/index.html")).toBe("content/articles/café.md");
    // Files come back sorted.
    expect([...(decoded?.outputs.keys() ?? [])]).toEqual([...manifest.outputs.keys()].sort());
  });

  it("stores hashes as 20 bytes: far smaller than the JSON of the same manifest", () => {
    const pages = new Map<string, string>();
    for (let i = 0; i < 1000; i++) pages.set(`2024/01/02/article-${i}/index.html`, H1);
    const manifest: Manifest = { fingerprint: "f", pages, outputs: new Map(pages) };
    const json = JSON.stringify({ pages: Object.fromEntries(pages), outputs: Object.fromEntries(pages) });
    const bytes = encodeManifest(manifest);
    expect(bytes.length).toBeLessThan(json.length / 2);
    expect(plain(decodeManifest(bytes))).toEqual(manifest);
  });

  it("is written in chunks of one buffer, which join into the same bytes however many there are", () => {
    const pages = new Map<string, string>();
    const sources = new Map<string, string>();
    for (let i = 0; i < 30_000; i++) {
      const file = `2024/01/02/a-story-of-some-length-${i}/index.html`;
      pages.set(file, i % 7 === 0 ? "" : H1);
      sources.set(file, `content/articles/2024/01/a-story-of-some-length-${i}.md`);
    }
    // A name longer than a chunk takes a buffer of its own.
    pages.set(`${"x".repeat(400_000)}/index.html`, H2);
    const manifest: Manifest = { fingerprint: "f", pages, outputs: new Map(pages), sources };
    const chunks: Buffer[] = [];
    let checksum: Buffer | undefined;
    for (const chunk of encodeManifestChunks(manifest, (sum) => {
      checksum = sum;
    }))
      chunks.push(Buffer.from(chunk));
    expect(chunks.length).toBeGreaterThan(3);
    const bytes = Buffer.concat(chunks);
    expect(bytes.equals(encodeManifest(manifest))).toBe(true);
    expect(bytes.subarray(bytes.length - 20)).toEqual(checksum);
    const decoded = decodeManifest(bytes);
    expect(new Map(decoded?.pages)).toEqual(pages);
    expect(new Map(decoded?.outputs)).toEqual(pages);
    expect(new Map(decoded?.sources)).toEqual(sources);
  });

  it("keeps a manifest without sources (the dev server's) and an empty one apart from one with none", () => {
    const empty: Manifest = { fingerprint: "", pages: new Map(), outputs: new Map() };
    expect(plain(decodeManifest(encodeManifest(empty)))).toEqual(empty);
    const noSources: Manifest = { fingerprint: "", pages: new Map(), outputs: new Map([["a.html", H1]]) };
    expect(plain(decodeManifest(encodeManifest(noSources)))).toEqual(noSources);
    const emptySources: Manifest = { ...noSources, sources: new Map() };
    expect(plain(decodeManifest(encodeManifest(emptySources)))).toEqual(emptySources);
  });

  it("is deterministic: the same manifest gives the same bytes, whatever order its entries were added in", () => {
    const a = encodeManifest(sample());
    expect(encodeManifest(sample()).equals(a)).toBe(true);
    expect(encodeManifest(reversed(sample())).equals(a)).toBe(true);
    const decoded = decodeManifest(a);
    if (!decoded) throw new Error("not decoded");
    expect(encodeManifest(decoded).equals(a)).toBe(true);
    // Anything different gives other bytes.
    const other = { ...sample(), outputs: new Map([...sample().outputs, ["index.html", H3]]) };
    expect(encodeManifest(other).equals(a)).toBe(false);
  });

  it("reads a damaged or cut-off manifest as none", () => {
    const bytes = encodeManifest(sample());
    for (const length of [0, 10, 24, 40, bytes.length / 2, bytes.length - 21, bytes.length - 1])
      expect(decodeManifest(bytes.subarray(0, Math.floor(length)))).toBeUndefined();
    for (const at of [0, 25, 60, Math.floor(bytes.length / 2), bytes.length - 30, bytes.length - 1]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] as number) ^ 0x01;
      expect(decodeManifest(damaged)).toBeUndefined();
    }
    expect(decodeManifest(Buffer.concat([bytes, Buffer.from("\n")]))).toBeUndefined();
    expect(decodeManifest(Buffer.from('{"version":1}'))).toBeUndefined();
  });

  it("reads a manifest whose checksum holds but whose records do not add up as none", () => {
    const bytes = encodeManifest(sample());
    /** The manifest with its header's JSON changed, and a checksum that fits. */
    const withHeader = (change: (header: Record<string, unknown>) => Record<string, unknown>) => {
      const body = bytes.subarray(0, bytes.length - 20);
      const length = body.readUInt32LE(body.length - 4);
      const start = body.length - 4 - length;
      const header = JSON.parse(body.toString("utf8", start, body.length - 4)) as Record<string, unknown>;
      const json = Buffer.from(JSON.stringify(change(header)));
      const size = Buffer.alloc(4);
      size.writeUInt32LE(json.length);
      const rest = Buffer.concat([body.subarray(0, start), json, size]);
      return Buffer.concat([rest, createHash("sha1").update(rest).digest()]);
    };
    expect(decodeManifest(withHeader((h) => h))?.outputs.size).toBe(8);
    expect(decodeManifest(withHeader((h) => ({ ...h, files: 8 })))).toBeUndefined();
    expect(decodeManifest(withHeader((h) => ({ ...h, files: 10 })))).toBeUndefined();
    expect(decodeManifest(withHeader((h) => ({ ...h, files: 4_000_000_000 })))).toBeUndefined();
    expect(decodeManifest(withHeader((h) => ({ ...h, texts: [] })))).toBeUndefined();
    expect(decodeManifest(withHeader((h) => ({ ...h, fingerprint: 1 })))).toBeUndefined();
  });

  it("refuses a file name holding NUL rather than writing another manifest than it was given", () => {
    const manifest: Manifest = { fingerprint: "", pages: new Map(), outputs: new Map([["a\0b.html", H1]]) };
    expect(() => encodeManifest(manifest)).toThrow("contains a NUL character");
  });

  it("reads the JSON manifest of earlier builds", () => {
    const json = JSON.stringify({
      version: 1,
      fingerprint: "code-0",
      pages: { "index.html": H1, "2024/01/05/lighthouse/index.html": H2 },
      outputs: { "2024/01/05/lighthouse/index.html": H3, "index.html": H1, "img/a.webp": "" },
      sources: { "2024/01/05/lighthouse/index.html": "content/articles/lighthouse.md" },
      search: { fingerprint: "search-0", shards: { "en/2024": H1 } },
    });
    expect(parseLegacyManifest(json)).toEqual({
      fingerprint: "code-0",
      pages: new Map([
        ["index.html", H1],
        ["2024/01/05/lighthouse/index.html", H2],
      ]),
      outputs: new Map([
        ["2024/01/05/lighthouse/index.html", H3],
        ["index.html", H1],
        ["img/a.webp", ""],
      ]),
      sources: new Map([["2024/01/05/lighthouse/index.html", "content/articles/lighthouse.md"]]),
      search: { fingerprint: "search-0", shards: { "en/2024": H1 } },
    });
    // Before sources were recorded, and before outputs were.
    const older = parseLegacyManifest('{"version":1,"fingerprint":"f","pages":{"a.html":"h"}}');
    expect(older).toEqual({ fingerprint: "f", pages: new Map([["a.html", "h"]]), outputs: new Map() });
    expect(parseLegacyManifest('{"version":2,"fingerprint":"f"}')).toBeUndefined();
    expect(parseLegacyManifest('{"version":1,"fingerpr')).toBeUndefined();
    expect(parseLegacyManifest("null")).toBeUndefined();
  });
});

describe("the manifest in an output folder", () => {
  it("is read from the compact file, else from the JSON file of an earlier build, else none", async () => {
    const out = await folder();
    expect(await readManifest(out)).toBeUndefined();
    expect(await manifestPath(out)).toBeUndefined();
    await writeFile(
      path.join(out, LEGACY_MANIFEST_FILE),
      JSON.stringify({ version: 1, fingerprint: "old", pages: {}, outputs: { "a.html": H1 } }),
    );
    expect((await readManifest(out))?.fingerprint).toBe("old");
    expect(await manifestPath(out)).toBe(path.join(out, LEGACY_MANIFEST_FILE));
    // Replacing it writes the compact manifest and removes the JSON one.
    await replaceManifest(out, { ...sample(), fingerprint: "new" });
    expect((await readManifest(out))?.fingerprint).toBe("new");
    expect(await manifestPath(out)).toBe(path.join(out, MANIFEST_FILE));
    await expect(readFile(path.join(out, LEGACY_MANIFEST_FILE))).rejects.toThrow("ENOENT");
  });

  it("a cut-off compact manifest counts as no manifest, even beside an old JSON one", async () => {
    const out = await folder();
    const bytes = encodeManifest(sample());
    await writeFile(path.join(out, MANIFEST_FILE), bytes.subarray(0, bytes.length - 5));
    await writeFile(path.join(out, LEGACY_MANIFEST_FILE), JSON.stringify({ version: 1, fingerprint: "old" }));
    expect(await readManifest(out)).toBeUndefined();
  });

  it("both names mark a Dateline output folder; nothing else does", () => {
    expect(isManifestName(MANIFEST_FILE)).toBe(true);
    expect(isManifestName(LEGACY_MANIFEST_FILE)).toBe(true);
    expect(isManifestName("manifest.json")).toBe(false);
    expect(MANIFEST_FILE).toBe(".dateline-manifest");
  });
});
