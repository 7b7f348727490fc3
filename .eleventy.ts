import type { EleventyConfig } from "./src/eleventy/config-types.ts";
import datelinePlugin from "./src/eleventy/plugin.ts";

/**
 * Eleventy's config for the dev server (`npm start`) and for running Eleventy directly. The production
 * build (`npm run build`) checks the content first and passes the plugin a finished site instead.
 */
export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(datelinePlugin, {
    contentDir: process.env.DATELINE_CONTENT ?? "content",
    preview: true,
  });
  return { dir: { input: "templates", output: "_site" } };
}
