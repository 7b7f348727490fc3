import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderSite } from "../../src/eleventy/run.ts";
import { buildSite } from "../../src/site/site.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { hashTree } from "../helpers/tree.ts";

describe("the direct renderer", () => {
  it.each(["newsroom", "registry"])(
    "writes the same bytes as Eleventy for every page of the %s fixture",
    async (name) => {
      const { site } = await buildSite({ contentDir: fixtureDir(name), buildTime: BUILD_TIME });
      if (!site) throw new Error("no site");
      const root = await mkdtemp(path.join(tmpdir(), "dateline-direct-"));
      const viaEleventy = await renderSite(site, path.join(root, "eleventy"), undefined, true);
      const direct = await renderSite(site, path.join(root, "direct"));
      expect(direct.written).toBe(viaEleventy.written);
      expect(await hashTree(path.join(root, "direct"))).toEqual(await hashTree(path.join(root, "eleventy")));
    },
  );
});
