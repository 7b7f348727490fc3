import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type { Site } from "../types.ts";
import type { EleventyConfig } from "./config-types.ts";
import datelinePlugin from "./plugin.ts";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Renders a checked `Site` into `outDir` with Eleventy. Returns the number of files written. */
export async function renderSite(
  site: Site,
  outDir: string,
  onWrite: () => void = () => {},
): Promise<number> {
  let written = 0;
  const count = () => {
    written++;
    onWrite();
  };
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    config: (config: EleventyConfig) => {
      config.benchmarks?.config?.setMinimumThresholdMs(0);
      datelinePlugin(config, { site, onWrite: count });
    },
  });
  eleventy.disableLogger(); // the CLI prints its own one-line summary
  await eleventy.write();
  return written;
}
