import { z } from "zod";
import { OFFER_CODE } from "../kit/canonical-ids.js";
import { code, dateOrNoneIn, integer } from "../kit/values.js";
import type { Offer, OfferEffect, OfferMethod, ServiceOfferDiscount } from "./offers-port.js";
import { PRODUCT_ID } from "./rows.js";
import { COMPACT, compactDate, cycleMonth } from "./values.js";

/** OFFER.METHOD (sandbox/schema/billing-offers.ts), the only meanings we accept. */
export const OFFER_METHOD: Record<string, OfferMethod> = { P: "PERCENT_OFF", F: "FIXED_REDUCTION", M: "FREE_MINUTES" };

const count = integer.refine((n) => n >= 0, "must not be negative");
const text = z.string().trim().min(1, "must not be blank");

/**
 * One offer with its purpose's name and its local networks (offerSelect). A purpose or local network missing from
 * its code table arrives as null, a dangling reference; an offer that applies nowhere or ends before it begins is
 * no offer billing could apply.
 */
export const offerRow = z
  .object({
    OFFER_CODE: z.string().trim().regex(OFFER_CODE, "not an offer code"),
    OFFER_NAME: text,
    PURPOSE_CODE: z.string().trim().regex(/^\d{2}$/, "not a purpose code (two digits)"),
    PURPOSE_NAME: z.union([text, z.null()]),
    PRODUCT_ID: code(PRODUCT_ID),
    METHOD: code(OFFER_METHOD),
    METHOD_VALUE: integer.refine((n) => n > 0, "must be positive"),
    TERM_MONTHS: count,
    TARGET_DESC: text,
    EFF_DATE: compactDate,
    EXP_DATE: dateOrNoneIn(COMPACT, "99991231"),
    LATN_IDS: z.array(z.string().trim().regex(/^\d{4}$/, "not a local network")).min(1, "applies in no local network"),
    LATN_NAMES: z.array(z.union([text, z.null()])),
  })
  .superRefine((r, ctx) => {
    if (r.PURPOSE_NAME === null) ctx.addIssue({ code: "custom", path: ["PURPOSE_CODE"], message: "dangling reference: no OFFER_PURPOSE row" });
    if (r.LATN_NAMES.includes(null)) ctx.addIssue({ code: "custom", path: ["LATN_ID"], message: "dangling reference: no LATN row" });
    if (r.METHOD === "PERCENT_OFF" && r.METHOD_VALUE > 100) ctx.addIssue({ code: "custom", path: ["METHOD_VALUE"], message: `${r.METHOD_VALUE} percent off` });
    if (r.EXP_DATE !== null && r.EXP_DATE < r.EFF_DATE) ctx.addIssue({ code: "custom", path: ["EXP_DATE"], message: "ends before it begins" });
  })
  .transform(
    (r): Offer => ({
      code: r.OFFER_CODE,
      name: r.OFFER_NAME,
      purpose: { code: r.PURPOSE_CODE, name: r.PURPOSE_NAME as string },
      product: r.PRODUCT_ID,
      method: r.METHOD,
      value: r.METHOD_VALUE,
      termMonths: r.TERM_MONTHS === 0 ? null : r.TERM_MONTHS,
      target: r.TARGET_DESC,
      validFrom: r.EFF_DATE,
      validTo: r.EXP_DATE,
      regions: r.LATN_IDS.map((code, i) => ({ code, name: r.LATN_NAMES[i] as string })),
    }),
  );

/**
 * One offer's discounts as the aggregate statement adds them up: per cycle (CYCLE set) and over all cycles (CYCLE
 * null). CLEAN is false when an item naming the offer is no discount or adds to the bill: such an item is no
 * discount the offer gave, and the offer's effect cannot be told.
 */
export const offerEffectRows = z
  .array(
    z.object({
      BILLING_CYCLE_ID: z.union([cycleMonth, z.null()]),
      DISCOUNT: integer,
      CUSTOMERS: count,
      SERVICES: count,
      CLEAN: z.boolean(),
    }),
  )
  .superRefine((rows, ctx) => {
    rows.forEach((row, i) => {
      if (!row.CLEAN) ctx.addIssue({ code: "custom", path: [i, "ACCT_ITEM"], message: "an item naming the offer is not a discount (type DS, not above 0)" });
    });
  })
  .transform((rows): OfferEffect => {
    const whole = rows.find((r) => r.BILLING_CYCLE_ID === null);
    return {
      discountFen: whole?.DISCOUNT ?? 0,
      customers: whole?.CUSTOMERS ?? 0,
      services: whole?.SERVICES ?? 0,
      months: rows
        .filter((r) => r.BILLING_CYCLE_ID !== null)
        .map((r) => ({ month: r.BILLING_CYCLE_ID as string, discountFen: r.DISCOUNT, customers: r.CUSTOMERS }))
        .sort((a, b) => a.month.localeCompare(b.month)),
    };
  });

/** One service's discounts from one offer; the same check of its items. */
export const serviceOfferDiscountRow = z
  .object({
    DISCOUNT: integer,
    CYCLES: count,
    FIRST_CYCLE: z.union([cycleMonth, z.null()]),
    LAST_CYCLE: z.union([cycleMonth, z.null()]),
    CLEAN: z.boolean(),
  })
  .refine((r) => r.CLEAN, { path: ["ACCT_ITEM"], message: "an item naming the offer is not a discount (type DS, not above 0)" })
  .transform((r): ServiceOfferDiscount => ({ discountFen: r.DISCOUNT, months: r.CYCLES, firstMonth: r.FIRST_CYCLE, lastMonth: r.LAST_CYCLE }));
