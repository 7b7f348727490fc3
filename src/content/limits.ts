/**
 * The limits Dateline sets on content, in one place. Each bounds what one file can cost the build (time,
 * output size, file-name length); the checks that enforce them report the file, line and field, and the
 * editor's guide lists them.
 */

/** A content file larger than this is an error (`file/too-large`): 2 MiB is dozens of long reads. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A line longer than this (in characters) is an error (`file/line-too-long`). */
export const MAX_LINE_LENGTH = 65_536;

/** People, organizations or places named in one article, per list (`article/too-many-names`). */
export const MAX_NAMES_PER_LIST = 200;

/** Characters in one entity name or alias (`article/name-too-long`, `registry/name-too-long`). */
export const MAX_NAME_LENGTH = 200;

/** Characters in a slug, which becomes a folder name in the output (`article/slug-too-long`). */
export const MAX_SLUG_LENGTH = 120;

/** A headline longer than this (in characters) is a warning from `check`; wire import shortens to it. */
export const MAX_HEADLINE_LENGTH = 110;

/** Entities an entity page lists under "often seen with". */
export const MAX_SEEN_WITH = 10;

/** Categories a feed entry carries (its people, organizations and places, in that order). */
export const MAX_FEED_CATEGORIES = 30;

/**
 * How deep collections may nest in frontmatter (a list of mappings is 2). The `yaml` package composes and
 * converts recursively, so a deeper block (`[[[[…`, `- - - -…`) would exhaust the stack, and its parser
 * would hold one node per level: the parser is stopped as soon as it gets deeper than this.
 */
export const MAX_YAML_DEPTH = 32;

/** Aliases (`*name`) allowed in one frontmatter block: each may expand a whole structure (YAML bombs). */
export const MAX_YAML_ALIASES = 20;

/** Problems reported from one block: past a few, the rest are echoes of the first. */
export const MAX_YAML_PROBLEMS = 10;

/** A photo file (`image:` or in a body) larger than this is an error (`article/image-unreadable`). */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;
