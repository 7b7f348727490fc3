import { z } from "zod";
import { type DateProblem, parseIsoDate } from "../../core/dates.ts";
import { describeValue } from "../../core/diagnostics.ts";
import { addRuleIssue } from "./rule-issue.ts";

/** Problems with their own rule; the others are `<prefix>/invalid-<field>`. */
const RULES: Partial<Record<DateProblem, string>> = {
  "out-of-range": "date-out-of-range",
  "nonexistent-local-time": "nonexistent-local-time",
};

/**
 * An ISO 8601 date or date-time, read in `timeZone` when it has no offset (see `parseIsoDate`). The YAML
 * reader keeps dates as the text the editor wrote, so this is the only place they are parsed.
 */
export const isoDate = (field: string, timeZone: string) =>
  z
    .string({
      error: (issue) =>
        `expected "${field}" to be an ISO 8601 date such as 2022-12-15, found ${describeValue(issue.input)}`,
    })
    .transform((value, ctx) => {
      const parsed = parseIsoDate(value, timeZone);
      if (!parsed.ok) {
        const message = `"${field}": ${parsed.message}`;
        const rule = RULES[parsed.problem];
        if (rule) addRuleIssue(ctx, message, rule, parsed.hint);
        else ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return { value: parsed.value, dateOnly: parsed.dateOnly };
    });
