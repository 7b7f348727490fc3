/**
 * A validated value often holds its document's body (an article's `body`): the same string, which a copy of
 * the value (the content cache's file, a message between threads) would otherwise hold twice. These find it,
 * leave it out and say where to put it back.
 */

/** Where a value holds the document's body: its own `body`, or its `article`'s (an article file's value). */
export type BodyAt = true | "article";

export function bodyHolder(value: unknown, at: BodyAt): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (at === true) return value as Record<string, unknown>;
  const article = (value as { article?: unknown }).article;
  return typeof article === "object" && article !== null ? (article as Record<string, unknown>) : undefined;
}

/** Which holder of `value` has `body` as its body (the same string), if any. */
export function findBody(value: unknown, body: string): BodyAt | undefined {
  if (bodyHolder(value, true)?.body === body) return true;
  if (bodyHolder(value, "article")?.body === body) return "article";
  return undefined;
}

/** A copy of `value` without the body at `at`, in the same key order, never reading the body. */
export function withoutBody(value: object, at: BodyAt): Record<string, unknown> {
  return withHolder(value, at, (holder) => without(holder, "body"));
}

/** A shallow copy of `value` whose body at `at` is blank, every key in the same order, never reading the body. */
export function withBlankBody(value: object, at: BodyAt): Record<string, unknown> {
  return withHolder(value, at, (holder) => {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(holder))
      copy[key] = key === "body" ? "" : (holder as Record<string, unknown>)[key];
    return copy;
  });
}

/** A shallow copy of `value` with the holder of its body at `at` replaced by `change(holder)`. */
function withHolder(
  value: object,
  at: BodyAt,
  change: (holder: object) => Record<string, unknown>,
): Record<string, unknown> {
  if (at === true) return change(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    copy[key] = key === "article" && typeof item === "object" && item !== null ? change(item) : item;
  }
  return copy;
}

/** A copy of `object` without `omit`, never reading them (they may be texts not decoded yet). */
export function without<T extends object>(object: T, ...omit: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object))
    if (!omit.includes(key)) copy[key] = (object as Record<string, unknown>)[key];
  return copy;
}
