import type { z } from "zod";

/**
 * A field schema's problem that has its own rule id rather than `<prefix>/invalid-<field>`: the rule's
 * name without its prefix (`date-out-of-range`), which `schemaIssues` puts after `article/` or `registry/`.
 */
export interface RuleParams {
  rule: string;
  hint?: string;
}

/** Adds a custom issue carrying its rule (and an optional hint) to a zod refinement context. */
export function addRuleIssue(ctx: z.core.$RefinementCtx, message: string, rule: string, hint?: string): void {
  const params: RuleParams = hint === undefined ? { rule } : { rule, hint };
  ctx.addIssue({ code: "custom", message, params });
}

/** The rule and hint a custom issue carries, if any. */
export function ruleOf(issue: z.core.$ZodIssue): Partial<RuleParams> {
  if (issue.code !== "custom") return {};
  const params = issue.params as Partial<RuleParams> | undefined;
  return {
    ...(typeof params?.rule === "string" ? { rule: params.rule } : {}),
    ...(typeof params?.hint === "string" ? { hint: params.hint } : {}),
  };
}
