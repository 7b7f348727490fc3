import type MarkdownIt from "markdown-it";

/** An image in a markdown body: `src`, `alt` and the line in the file. */
export interface BodyImage {
  src: string;
  alt: string;
  line: number;
}

/** The images of a markdown body: `src`, `alt` and the line in the file. */
export function bodyImages(body: string, bodyLine: number, md: MarkdownIt): BodyImage[] {
  if (!body.includes("![")) return [];
  const found: BodyImage[] = [];
  for (const token of md.parse(body, { removals: [] })) {
    if (token.type !== "inline" || !token.children) continue;
    let line = bodyLine + (token.map?.[0] ?? 0);
    for (const child of token.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      if (child.type !== "image") continue;
      found.push({ src: child.attrGet("src") ?? "", alt: child.content.trim(), line });
    }
  }
  return found;
}
