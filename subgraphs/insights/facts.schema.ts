import { z } from "zod";
import type { AccountBillingFacts, BillingFacts, KeyAccountFacts, NetworkFacts, ProfileFacts } from "./facts.js";

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

/**
 * Credit control's grades set by hand, newest first: the first one is in force, so a list out of date order
 * would apply an old grade. A row lifting the grade sets no list.
 */
const manualCredit = z
  .array(
    z.object({
      level: z.enum(["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"]).nullable(),
      list: z.enum(["RED", "GREY", "BLACK"]).nullable(),
      reason: z.string().min(1),
      setBy: z.string().min(1),
      setOn: date,
    }),
  )
  .superRefine((list, ctx) => {
    list.forEach((grade, i) => {
      const newer = list[i - 1];
      if (newer && grade.setOn > newer.setOn) {
        ctx.addIssue({ code: "custom", path: [i, "setOn"], message: `must be sorted by date, newest first: ${grade.setOn} comes after ${newer.setOn}` });
      }
      if (grade.level === null && grade.list !== null) ctx.addIssue({ code: "custom", path: [i, "list"], message: "a lifting grade sets no list" });
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
  manualCredit,
}) satisfies z.ZodType<BillingFacts>;

/** One account's facts (Account.billingFacts): billing's facts of that account alone, which sets no grade by hand. */
export const accountBillingFactsSchema = billingFactsSchema
  .extend({ accountNo: z.string(), customerId: z.string().regex(/^\d{12}$/, "must be a customer id (12 digits)") })
  .superRefine((facts, ctx) => {
    if (facts.accounts.length !== 1 || facts.accounts[0]?.accountNo !== facts.accountNo) {
      ctx.addIssue({ code: "custom", path: ["accounts"], message: `must hold account ${facts.accountNo} alone` });
    }
    if (facts.manualCredit.length > 0) ctx.addIssue({ code: "custom", path: ["manualCredit"], message: "grades set by hand are the customer's" });
  }) satisfies z.ZodType<AccountBillingFacts>;

const score = z.number().int().min(0).max(100);
const SCALE_RANGE = { FIVE_POINT: [1, 5], HUNDRED_POINT: [0, 100] } as const;
const QUESTIONS = ["image", "attitude", "serviceQuality", "care", "reliability", "timeliness", "security", "qualityForPrice", "priceForQuality"] as const;

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
      scale: z.enum(["FIVE_POINT", "HUNDRED_POINT"]),
      usesOtherCarrier: z.boolean(),
    }).superRefine((survey, ctx) => {
      const [low, high] = SCALE_RANGE[survey.scale];
      for (const question of QUESTIONS) {
        if (survey[question] < low || survey[question] > high) ctx.addIssue({ code: "custom", path: [question], message: `must be ${low}-${high} on the ${survey.scale} scale` });
      }
    }),
  ),
  workOrders: z.array(
    z.object({
      orderNo: z.string(),
      serviceNo: z.string(),
      type: z.enum(["INSTALLATION", "REMOVAL", "MOVE", "TRANSFER"]),
      acceptedAt: timestamp,
      completedOn: date.nullable(),
      status: z.enum(["ACCEPTED", "DISPATCHED", "COMPLETED", "CANCELLED"]),
      removalReason: z.enum(["MOVED_AWAY", "PRICE", "QUALITY", "COMPETITOR", "ARREARS", "DECEASED_OR_CLOSED", "OTHER"]).nullable(),
      competitor: z.enum(["CHINA_MOBILE", "CHINA_UNICOM", "CHINA_BROADNET", "OTHER"]).nullable(),
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
