import { type ArticleInput, ENTITY_FIELD, type EntityKind } from "../core/types.ts";

/** The names of one kind an article gives, with the field and item each comes from. */
export function namesOf(
  input: ArticleInput,
  kind: EntityKind,
): { name: string; field: string; index: number }[] {
  const names = input.names[kind];
  return names.map((name, index) => {
    // validate.ts appends the dateline's city to the places after the `places` list.
    const fromDateline = kind === "place" && input.datelineCity !== undefined && index === names.length - 1;
    return fromDateline ? { name, field: "dateline", index: 0 } : { name, field: ENTITY_FIELD[kind], index };
  });
}
