import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type { Site } from "../types.ts";
import type { EleventyConfig } from "./config-types.ts";
import datelinePlugin from "./plugin.ts";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

export interface Rendered {
  /** Files written. */
  written: number;
  /** Each written file (relative to the output folder, forward slashes) → SHA-1 of its text. */
  outputs: Map<string, string>;
}

/**
 * Renders a checked `Site` into `outDir` with Eleventy (pages) and the plugin (feeds, sitemaps). Hashes
 * each file's text as it is written, so unchanged files can be recognised without reading them back.
 */
export async function renderSite(
  site: Site,
  outDir: string,
  onWrite: () => void = () => {},
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
  await eleventy.write();
  return { written: outputs.size, outputs };
}
