import { createHash } from "node:crypto";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { TEMPLATES_DIR } from "../core/paths.ts";
import type { Site } from "../core/types.ts";
import { renderPaginated } from "../render/direct.ts";
import type { EleventyConfig } from "./config-types.ts";
import datelinePlugin from "./plugin.ts";

export { TEMPLATES_DIR };

export interface Rendered {
  /** Files written. */
  written: number;
  /** Each written file (relative to the output folder, forward slashes) → SHA-1 of its text. */
  outputs: Map<string, string>;
}

/**
 * Renders a checked `Site` into `outDir`: the paginated pages with the direct renderer (direct.ts), the
 * other pages with Eleventy, and the data files (feeds, sitemaps) with the plugin. Hashes each file's text
 * as it is written, so unchanged files can be recognised without reading them back. `eleventyOnly` renders
 * everything through Eleventy, as the dev server does.
 */
export async function renderSite(
  site: Site,
  outDir: string,
  onWrite: () => void = () => {},
  eleventyOnly = false,
): Promise<Rendered> {
  const root = path.resolve(outDir);
  const outputs = new Map<string, string>();
  const record = (file: string, content: string) => {
    const relative = path.relative(root, path.resolve(file)).split(path.sep).join("/");
    outputs.set(relative, createHash("sha1").update(content).digest("hex"));
    onWrite();
  };
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    config: (config: EleventyConfig) => {
      config.benchmarks?.config?.setMinimumThresholdMs(0);
      datelinePlugin(config, { site, onWrite: record });
    },
  });
  eleventy.disableLogger(); // the CLI prints its own one-line summary
  const lists = site.render;
  if (eleventyOnly) await eleventy.write();
  else {
    const none = {
      articles: [],
      homePages: [],
      entityPages: [],
      archivePages: [],
      directories: [],
      feeds: lists.feeds,
    };
    site.render = none;
    try {
      await eleventy.write();
    } finally {
      site.render = lists;
    }
    await renderPaginated(site, lists, outDir, record);
  }
  return { written: outputs.size, outputs };
}
