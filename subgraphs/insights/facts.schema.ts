import { z } from "zod";
import type { BillingFacts, KeyAccountFacts, NetworkFacts, ProfileFacts } from "./facts.js";

/**
 * The facts arrive as JSON from other subgraphs: checked here, at the boundary, so a judgement never
 * computes from something it cannot read.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const month = z.string().regex(/^\d{4}-\d{2}$/, "must be YYYY-MM");
const timestamp = z.string().datetime({ offset: true });
const fen = z.number().int().refine(Number.isSafeInteger, "must be a safe integer");
const product = z.enum(["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"]);

/**
 * A bill's write-offs (销帐). The judgements walk them in order to find when the bill was settled, so a
 * list out of date order, or a write-off of nothing, would give a wrong date rather than an error.
 */
const settlements = z
  .array(z.object({ on: date, amountFen: fen.refine((amount) => amount > 0, "must be positive") }))
  .superRefine((list, ctx) => {
    list.forEach((settlement, i) => {
      const previous = list[i - 1];
      if (previous && settlement.on < previous.on) {
        ctx.addIssue({ code: "custom", path: [i, "on"], message: `must be sorted by date, oldest first: ${settlement.on} comes after ${previous.on}` });
      }
    });
  });

export const billingFactsSchema = z.object({
  accounts: z.array(
    z.object({
      accountNo: z.string(),
      paymentMethod: z.enum(["CASH", "BANK_DEBIT", "PREPAID", "AGENT"]),
      creditLimitFen: fen,
      balanceFen: fen,
      status: z.enum(["ACTIVE", "CLOSED"]),
    }),
  ),
  bills: z.array(
    z.object({
      accountNo: z.string(),
      billNo: z.string(),
      month,
      amountFen: fen,
      paidFen: fen,
      dueDate: date,
      state: z.enum(["UNPAID", "PARTLY_PAID", "PAID"]),
      settlements,
      serviceNos: z.array(z.string()),
    }),
  ),
  services: z.array(
    z.object({
      serviceNo: z.string(),
      product,
      status: z.enum(["ACTIVE", "BARRED", "REMOVED"]),
      barring: z.enum(["NONE", "SINGLE", "DOUBLE"]),
      startedOn: date,
    }),
  ),
  suspensions: z.array(
    z.object({
      serviceNo: z.string(),
      reason: z.enum(["ARREARS_SINGLE", "ARREARS_DOUBLE", "ILLEGAL_USE", "FACILITY_DAMAGE"]),
      from: date,
      until: date.nullable(),
    }),
  ),
  dunning: z.array(
    z.object({
      accountNo: z.string(),
      month,
      method: z.enum(["AUTOMATIC", "MANUAL"]),
      attempt: z.number().int().positive(),
      date,
      result: z.enum(["REACHED", "FAILED"]),
    }),
  ),
}) satisfies z.ZodType<BillingFacts>;

const score = z.number().int().min(1).max(5);

export const profileFactsSchema = z.object({
  kind: z.enum(["RESIDENTIAL", "BUSINESS", "INDIVIDUAL_KEY_ACCOUNT", "ENTERPRISE_KEY_ACCOUNT"]),
  createdAt: timestamp,
  category: z.enum(["ORDINARY", "APARTMENT", "VILLA"]),
  subscriptions: z.array(
    z.object({
      serviceNo: z.string(),
      productCode: product,
      status: z.enum(["ACTIVE", "SINGLE_BARRED", "DOUBLE_BARRED", "REMOVED"]),
      startDate: date,
    }),
  ),
  complaints: z.array(
    z.object({
      type: z.enum(["BILLING", "NETWORK_QUALITY", "SERVICE_ATTITUDE", "INSTALLATION", "OTHER"]),
      acceptedAt: timestamp,
      status: z.enum(["ACCEPTED", "IN_PROGRESS", "CLOSED"]),
    }),
  ),
  surveys: z.array(
    z.object({
      surveyDate: date,
      image: score,
      attitude: score,
      serviceQuality: score,
      care: score,
      reliability: score,
      timeliness: score,
      security: score,
      qualityForPrice: score,
      priceForQuality: score,
      usesOtherCarrier: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<ProfileFacts>;

const ticketState = z.enum(["OPEN", "DISPATCHED", "REPAIRED", "CLOSED"]);

export const networkFactsSchema = z.object({
  lines: z.array(z.object({ serviceNo: z.string(), status: z.enum(["UP", "DOWN", "DEGRADED", "OUT_OF_SERVICE"]) })),
  tickets: z.array(z.object({ serviceNo: z.string(), openedAt: timestamp, closedAt: timestamp.nullable(), state: ticketState })),
  activeAlarms: z.number().int().min(0),
}) satisfies z.ZodType<NetworkFacts>;

export const keyAccountFactsSchema = z.object({
  isKeyAccount: z.boolean(),
  level: z.enum(["NATIONAL", "PROVINCIAL", "MUNICIPAL"]).nullable(),
  relationship: z.enum(["BUY_OUT", "COOPERATIVE"]).nullable(),
  activeContracts: z.number().int().min(0),
  contractValueFen: fen,
  visitDates: z.array(date),
}) satisfies z.ZodType<KeyAccountFacts>;
