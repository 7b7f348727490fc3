import MarkdownIt from "markdown-it";

/** The markdown pipeline for article bodies. Extend it with `md.use(plugin)`, one plugin per file. */
export function createMarkdown(): MarkdownIt {
  return new MarkdownIt({ html: true, linkify: true, typographer: true });
}
