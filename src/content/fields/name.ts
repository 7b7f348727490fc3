import { z } from "zod";
import { describeValue } from "../../core/diagnostics.ts";
import { MAX_NAME_LENGTH, MAX_NAMES_PER_LIST } from "../limits.ts";
import { checkPrintable } from "./printable.ts";
import { addRuleIssue } from "./rule-issue.ts";
import { list } from "./text.ts";

/**
 * The name of a person, organization or place (or an alias), trimmed: at most `MAX_NAME_LENGTH`
 * characters, since each name becomes a page and its slug a folder (`<prefix>/name-too-long`).
 * `inList` words the messages for an item of a list.
 */
export const name = (field: string, inList = false) =>
  z
    .string({
      error: (issue) =>
        inList
          ? `expected every item of "${field}" to be a name, found ${describeValue(issue.input)}`
          : `expected "${field}" to be text, found ${describeValue(issue.input)}`,
    })
    .trim()
    .min(1, inList ? `"${field}" has an empty name` : `"${field}" is empty`)
    .superRefine((value, ctx) => {
      checkPrintable(field, value, ctx);
      if (value.length > MAX_NAME_LENGTH)
        addRuleIssue(
          ctx,
          `"${field}": a name of ${value.length} characters ("${value.slice(0, 40)}…"); expected at most ${MAX_NAME_LENGTH}`,
          "name-too-long",
        );
    });

/**
 * An article's list of people, organizations or places: at most `MAX_NAMES_PER_LIST` names, because the
 * pairs of names in an article cost work on every entity page (`<prefix>/too-many-names`).
 */
export const nameList = (field: string) =>
  list(field, name(field, true), "a list of names").superRefine((names, ctx) => {
    if (names.length > MAX_NAMES_PER_LIST)
      addRuleIssue(
        ctx,
        `"${field}" lists ${names.length} names; expected at most ${MAX_NAMES_PER_LIST}`,
        "too-many-names",
        "list the names the article is about; the others can stay in the text",
      );
  });
