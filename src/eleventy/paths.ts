import { fileURLToPath } from "node:url";

/** Eleventy's input folder: the page templates, with layouts and partials in `_includes/`. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));
