import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * Who may take which offer (优惠政策是根据客户的装机量、信用度、话费总额等来制定的): the eligibility rules, keyed by billing's
 * offer code, with a default for offers that have no rule of their own. `docs/scoring.md` explains every setting.
 */
export const DEFAULT_OFFER_RULES_PATH = fileURLToPath(new URL("../../config/offers.json", import.meta.url));

const KINDS = ["RESIDENTIAL", "BUSINESS", "INDIVIDUAL_KEY_ACCOUNT", "ENTERPRISE_KEY_ACCOUNT"] as const;
/** Credit levels from the lowest up: a rule's minimum is reached by that level and every one after it. */
export const CREDIT_LEVELS_ASCENDING = ["VERY_LOW", "LOW", "MEDIUM", "HIGH", "VERY_HIGH"] as const;
/** Whether the customer must already hold a line of the offer's product, must not, or either. */
export const PRODUCT_CONDITIONS = ["HELD", "NOT_HELD", "ANY"] as const;

const count = z.number().int().min(0);
const fen = z.number().int().min(0);

const rule = z
  .strictObject({
    /** Only customers of these kinds; every kind when absent. */
    customerKinds: z.array(z.enum(KINDS)).min(1).optional(),
    /** Lines held (装机量): services in billing not removed. */
    minLines: count.optional(),
    maxLines: count.optional(),
    product: z.enum(PRODUCT_CONDITIONS),
    minCreditLevel: z.enum(CREDIT_LEVELS_ASCENDING).optional(),
    /** Whether a customer on the credit black list may take it. */
    allowBlackList: z.boolean(),
    /** What billing billed the customer over the last spendMonths closed months (话费总额). */
    minSpendFen: fen.optional(),
    maxSpendFen: fen.optional(),
    /** Months since the customer joined (the hall's record). */
    minTenureMonths: count.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.minLines !== undefined && r.maxLines !== undefined && r.minLines > r.maxLines) ctx.addIssue({ code: "custom", path: ["maxLines"], message: "maxLines must not be below minLines" });
    if (r.minSpendFen !== undefined && r.maxSpendFen !== undefined && r.minSpendFen > r.maxSpendFen) {
      ctx.addIssue({ code: "custom", path: ["maxSpendFen"], message: "maxSpendFen must not be below minSpendFen" });
    }
  });

export const offerRulesSchema = z.strictObject({
  /** The closed billing months before the reference date's month that spend adds up. */
  spendMonths: z.number().int().min(1).max(36),
  /** The rule of an offer with none of its own. */
  default: rule,
  /** Rules by billing's offer code (OFFER_CODE). */
  offers: z.record(z.string(), rule).superRefine((offers, ctx) => {
    for (const code of Object.keys(offers)) {
      if (!/^[A-Z]{2}\d{4,8}$/.test(code)) ctx.addIssue({ code: "custom", path: [code], message: "not an offer code (two capitals and 4 to 8 digits, e.g. YH0007)" });
    }
  }),
});

export type OfferRules = z.output<typeof offerRulesSchema>;
export type OfferRule = OfferRules["default"];

export class OfferRulesConfigError extends Error {
  override readonly name = "OfferRulesConfigError";
}

/** Validates parsed rules; every problem is reported with the path of the setting at fault, e.g. `offers.YH0007.minLines`. */
export function parseOfferRules(raw: unknown, source = "offer rules"): OfferRules {
  const result = offerRulesSchema.safeParse(raw);
  if (result.success) return result.data;
  const detail = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
  throw new OfferRulesConfigError(`invalid ${source}: ${detail}`, { cause: result.error });
}

/** Reads and validates the rules once, at boot. */
export function loadOfferRules(path: string = DEFAULT_OFFER_RULES_PATH): OfferRules {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new OfferRulesConfigError(`cannot read offer rules ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseOfferRules(raw, `offer rules ${path}`);
}

/** The rule an offer is judged by: its own, or the default. */
export function ruleOf(rules: OfferRules, offerCode: string): OfferRule {
  return rules.offers[offerCode] ?? rules.default;
}
