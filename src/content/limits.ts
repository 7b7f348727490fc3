/**
 * The limits Dateline sets on content, in one place: the editor's guide documents each, and the checks
 * that enforce them report the file and line.
 */

/** A headline longer than this (in characters) is a warning from `check`; wire import shortens to it. */
export const MAX_HEADLINE_LENGTH = 110;
