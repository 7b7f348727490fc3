import { z } from "zod";
import { describeValue } from "../../core/diagnostics.ts";
import { linkUrlProblem } from "./link-url.ts";
import type { RuleParams } from "./rule-issue.ts";
import { text } from "./text.ts";

/** Whether `src` names a remote image (`https://…`) rather than a file under `content/`. */
export function isRemoteSrc(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//");
}

/**
 * Why `src` cannot name a local photo, or undefined when it can: a path relative to the article's folder
 * (`harbour.jpg`, `photos/harbour.jpg`) or to the content folder (`/photos/harbour.jpg`), without `..`.
 */
export function localSrcProblem(src: string): string | undefined {
  if (src.includes("\\")) return "it contains a backslash; write / between folders";
  if (src.split("/").some((part) => part === ".." || part === "."))
    return "it contains . or .. segments; photos must be inside the content folder";
  if (/[?#]/.test(src)) return "a file name with ? or # cannot be published";
  return undefined;
}

const dimension = (field: string) =>
  z
    .number({
      error: (issue) => `expected "image.${field}" to be a number, found ${describeValue(issue.input)}`,
    })
    .int(`expected "image.${field}" to be a whole number of pixels`)
    .positive(`expected "image.${field}" to be a number of pixels above 0`)
    .max(100_000, `"image.${field}" is over 100,000 pixels`);

function addIssue(
  ctx: z.core.$RefinementCtx,
  path: string,
  message: string,
  rule: string,
  hint: string,
): void {
  const params: RuleParams = { rule, hint };
  ctx.addIssue({ code: "custom", message, path: [path], params });
}

/**
 * An article's lead image: `image: { src, alt, caption, credit }`, with `width` and `height` for a remote
 * image. A missing or empty `alt` is `article/image-missing-alt`; a remote image without both dimensions is
 * `article/image-no-dimensions`; a `src` that is neither an http(s) URL nor a path inside the content folder
 * is `article/invalid-image`. Whether a local file exists and can be read is the content stage's to find
 * out (`photos.ts`).
 */
export const imageField = () =>
  z
    .object(
      {
        src: z
          .string({
            error: (issue) => `expected "image.src" to be text, found ${describeValue(issue.input)}`,
          })
          .trim()
          .min(1, `"image.src" is empty`),
        alt: z.unknown().optional(),
        caption: text("image.caption").optional(),
        credit: text("image.credit").optional(),
        width: dimension("width").optional(),
        height: dimension("height").optional(),
      },
      {
        error: (issue) =>
          `expected "image" to be a mapping with src and alt (and caption, credit), found ${describeValue(issue.input)}`,
      },
    )
    .strict()
    .superRefine((value, ctx) => {
      const alt = typeof value.alt === "string" ? value.alt.trim() : "";
      if (typeof value.alt !== "string" && value.alt !== undefined && value.alt !== null)
        addIssue(
          ctx,
          "alt",
          `expected "image.alt" to be text, found ${describeValue(value.alt)}`,
          "image-missing-alt",
          "describe what the photo shows, for readers who cannot see it",
        );
      else if (alt === "")
        addIssue(
          ctx,
          "alt",
          value.alt === undefined || value.alt === null
            ? `the image has no "alt" text`
            : `the image's "alt" text is empty`,
          "image-missing-alt",
          "describe what the photo shows, for readers who cannot see it",
        );
      if (isRemoteSrc(value.src)) {
        const problem = linkUrlProblem(value.src);
        if (problem || !/^https?:/i.test(value.src))
          addIssue(
            ctx,
            "src",
            `"image.src": ${JSON.stringify(value.src.slice(0, 200))} is not an image a page may show (${problem ?? "not http(s)"})`,
            "invalid-image",
            "give an https:// URL, or the path of a photo in the content folder",
          );
        else if (value.width === undefined || value.height === undefined)
          addIssue(
            ctx,
            "src",
            `the remote image ${JSON.stringify(value.src.slice(0, 200))} has no ${value.width === undefined ? (value.height === undefined ? "width and height" : "width") : "height"}`,
            "image-no-dimensions",
            "add width: and height: in pixels under image:, so the page does not jump while it loads",
          );
      } else {
        const problem = localSrcProblem(value.src);
        if (problem)
          addIssue(
            ctx,
            "src",
            `"image.src": ${JSON.stringify(value.src.slice(0, 200))} cannot be used (${problem})`,
            "invalid-image",
            "give the path of the photo relative to the article's folder, or from the content folder starting with /",
          );
      }
    })
    .transform(({ alt, ...rest }) => ({ ...rest, alt: typeof alt === "string" ? alt.trim() : "" }));

export type ImageFrontmatter = z.output<ReturnType<typeof imageField>>;
