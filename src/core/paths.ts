import path from "node:path";
import { fileURLToPath } from "node:url";

/** Dateline's own folder: its sources, templates and lockfile. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/**
 * The data layer's sources (the dev server reloads them when they change), also when this module runs
 * compiled, from `dist/`.
 */
export const SRC_DIR = fileURLToPath(new URL("../../src/", import.meta.url));
/** Eleventy's input folder: the page templates, with layouts and partials in `_includes/`. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));
/** Where processed photos are kept between builds: outside the output, safe to delete (`.cache/dateline/images/`). */
export const PHOTO_CACHE_DIR = path.join(PROJECT_ROOT, ".cache", "dateline", "images");
