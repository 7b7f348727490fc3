import { createHash } from "node:crypto";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { TEMPLATES_DIR } from "../core/paths.ts";
import type { Site } from "../core/types.ts";
import type { PageSelection } from "../render/renderer.ts";
import type { EleventyConfig } from "./config-types.ts";
import datelinePlugin from "./plugin.ts";

export interface Rendered {
  /** Files written. */
  written: number;
  /** Each written file (relative to the output folder, forward slashes) → SHA-1 of its text. */
  outputs: Map<string, string>;
}

/**
 * Renders a checked `Site` into `outDir` with Eleventy as the host and the Dateline plugin, exactly as the
 * dev server does: Eleventy writes the pages that are not data-driven, the plugin runs the one renderer
 * for the data-driven pages (`select` picks which; all when absent) and writes the data files. Hashes each
 * file's text as it is written, so unchanged files can be recognised without reading them back.
 */
export async function renderSite(
  site: Site,
  outDir: string,
  options: { select?: PageSelection; onWrite?: () => void } = {},
): Promise<Rendered> {
  const root = path.resolve(outDir);
  const outputs = new Map<string, string>();
  const record = (file: string, content: string) => {
    const relative = path.relative(root, path.resolve(file)).split(path.sep).join("/");
    outputs.set(relative, createHash("sha1").update(content).digest("hex"));
    options.onWrite?.();
  };
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    config: (config: EleventyConfig) => {
      config.benchmarks?.config?.setMinimumThresholdMs(0);
      datelinePlugin(config, {
        site,
        onWrite: record,
        ...(options.select ? { select: options.select } : {}),
      });
    },
  });
  eleventy.disableLogger(); // the CLI prints its own one-line summary
  await eleventy.write();
  return { written: outputs.size, outputs };
}
