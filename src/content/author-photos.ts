import { diagnostic } from "../core/diagnostics.ts";
import type { AuthorEntry, Diagnostic } from "../core/types.ts";
import type { ParsedDocument } from "./frontmatter.ts";
import { readSitePhoto } from "./photos.ts";

/**
 * The photos of the author files: an `image` that is a site path to a file in the content folder
 * (`/photos/nilufar-demirtas.jpg`) is read and measured into `entry.photo`, so the photo stage publishes it
 * like an article's photo. A path with no file in the content folder stays a plain link; a file that is not
 * a photo is `author/image-unreadable`, at the line of `image`. Never throws on content.
 */
export async function readAuthorPhotos(
  entries: readonly AuthorEntry[],
  documents: readonly ParsedDocument[],
  contentDir: string,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    if (entry.image === undefined || !entry.image.startsWith("/")) continue;
    const read = await readSitePhoto(entry.image, contentDir);
    if (read === undefined) continue;
    if ("problem" in read) {
      const line = documents.find((d) => d.file === entry.file)?.keyLines.get("image") ?? 1;
      diagnostics.push(
        diagnostic("error", "author/image-unreadable", entry.file, line, read.problem, {
          field: "image",
          hint: "save the photo again as JPEG or PNG",
        }),
      );
      continue;
    }
    entry.photo = read;
  }
  return diagnostics;
}
