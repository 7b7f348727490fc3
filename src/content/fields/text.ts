import { z } from "zod";
import { describeValue } from "../../core/diagnostics.ts";
import { checkPrintable } from "./printable.ts";

/** A required one-piece text field, trimmed: `title: ' Harbour reopens '` → `Harbour reopens`. */
export const text = (field: string) =>
  z
    .string({ error: (issue) => `expected "${field}" to be text, found ${describeValue(issue.input)}` })
    .trim()
    .min(1, `"${field}" is empty`)
    .superRefine((value, ctx) => checkPrintable(field, value, ctx));

/** A list; a single value is accepted as a list of one (`people: Aynur Qasımova`). */
export const list = <T extends z.ZodType>(field: string, item: T, what = "a list") =>
  z.preprocess(
    (value) => (typeof value === "string" ? [value] : value),
    z.array(item, {
      error: (issue) => `expected "${field}" to be ${what}, found ${describeValue(issue.input)}`,
    }),
  );
