import { DEFAULT_HOST, rejectBadPaths } from "@dateline/dev-server";
import type { EleventyConfig } from "./src/eleventy/config-types.ts";
import datelinePlugin from "./src/eleventy/plugin.ts";

/**
 * Eleventy's config for the dev server (`npm start`) and for running Eleventy directly: the one Dateline
 * plugin, loading the content on every build as a preview (drafts and scheduled articles shown, marked).
 * The production build (`npm run build`) runs the same plugin with a site it has checked first.
 */
export default function (eleventyConfig: EleventyConfig) {
  const buildTime = process.env.DATELINE_BUILD_TIME;
  eleventyConfig.addPlugin(datelinePlugin, {
    contentDir: process.env.DATELINE_CONTENT ?? "content",
    preview: true,
    ...(buildTime ? { buildTime } : {}),
  });
  eleventyConfig.setServerOptions({
    module: "@dateline/dev-server",
    host: process.env.DATELINE_HOST ?? DEFAULT_HOST,
    middleware: [rejectBadPaths],
  });
  return { dir: { input: "templates", output: "_site" } };
}
