/**
 * The layers of src/, lowest first. A module may import its own layer and the layers below it, never one
 * above; lint and wire sit side by side on top of the model and never import the renderer or each other.
 * Run by `npm test` (npm run deps).
 */
const LAYERS = ["core", "content", "site", "render", "publish", "eleventy", "lint|wire", "cli"];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.replace("|", "-")}`,
  comment: `src/${layer}/ may import only ${LAYERS.slice(0, i).join(", ") || "itself"} below it`,
  severity: "error",
  from: { path: `^src/(${layer})/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    ...upward,
    {
      name: "tools-never-render",
      comment: "lint and wire work on the checked content and the model, never on pages",
      severity: "error",
      from: { path: "^src/(lint|wire)/" },
      to: { path: "^src/(render|publish|eleventy)/" },
    },
    {
      name: "lint-works-on-checked-content",
      comment:
        "lint rules receive the content stage's Content: they never read files, load content or re-index entities",
      severity: "error",
      from: { path: "^src/lint/" },
      to: {
        path: "^(src/content/(content|load|entities|settings)\\.ts|node:fs|fs)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "lint-and-wire-apart",
      comment: "the editor's tools share the model below them, not each other's code",
      severity: "error",
      from: { path: "^src/lint/" },
      to: { path: "^src/wire/" },
    },
    {
      name: "wire-and-lint-apart",
      severity: "error",
      from: { path: "^src/wire/" },
      to: { path: "^src/lint/" },
    },
    {
      name: "one-renderer",
      comment: "only the renderer creates a Nunjucks environment or compiles a template",
      severity: "error",
      from: { pathNot: "^src/render/renderer\\.ts$" },
      to: { path: "node_modules/nunjucks/" },
    },
    {
      name: "no-stray-modules",
      comment: "every module of src/ belongs to a layer",
      severity: "error",
      from: { path: "^src/[^/]+$" },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    parser: "swc",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.d\\.ts$" },
  },
};
