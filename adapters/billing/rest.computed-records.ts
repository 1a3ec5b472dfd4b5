import { z } from "zod";
import { ACCOUNT_NO, OFFER_CODE, SERVICE_NO } from "../kit/canonical-ids.js";
import { integer, isCalendarDate } from "../kit/values.js";
import type { Offer, OfferEffect, ServiceOfferDiscount } from "./offers-port.js";
import type { FeeLine, UsageRecord, UsageSummary } from "./usage-port.js";

/**
 * The records modern billing computes for its clients (usage, fee composition, detail records, offers and their
 * effects), checked as the SQL adapter checks the legacy rows behind the same answers (usage-rows.ts, offer-rows.ts).
 */

const serviceNo = z.string().refine((s) => SERVICE_NO.test(s), "not a service number");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "not a billing cycle YYYY-MM");
const count = integer.refine((n) => n >= 0, "a negative count");
const callClass = z.enum(["LOCAL", "LONG_DISTANCE", "INTERNATIONAL", "DATA", "VALUE_ADDED"]);
const isoDate = z.string().refine(isCalendarDate, "not an ISO calendar date");
const text = z.string().trim().min(1, "must not be blank");
/** A local time "YYYY-MM-DDTHH:MM:SS" on a real calendar day. */
const localTime = z.string().refine((t) => /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(t) && isCalendarDate(t.slice(0, 10)), "not a local time YYYY-MM-DDTHH:MM:SS");

export const usageSummaryRecord = z
  .object({ serviceNo, month, callClass, records: count, outgoing: count, peak: count, seconds: count, volumeKb: count, feeFen: count })
  .refine((r) => r.outgoing <= r.records && r.peak <= r.records, "more outgoing or peak records than records")
  .refine((r) => r.feeFen === 0 || r.outgoing > 0, "a fee with no outgoing record to charge it to")
  .transform(
    (r): UsageSummary => ({
      serviceNo: r.serviceNo,
      month: r.month,
      callClass: r.callClass,
      records: r.records,
      outgoing: r.outgoing,
      incoming: r.records - r.outgoing,
      peak: r.peak,
      offPeak: r.records - r.peak,
      seconds: r.seconds,
      volumeKb: r.volumeKb,
      feeFen: r.feeFen,
    }),
  );

export const callRecord = z
  .object({
    serviceNo,
    month,
    callClass,
    seq: z.number().int().min(1),
    startedAt: localTime,
    direction: z.enum(["OUTGOING", "INCOMING"]),
    peak: z.boolean(),
    otherParty: text,
    seconds: count,
    volumeKb: count,
    feeFen: count,
  })
  .transform((r): UsageRecord & { seq: number } => ({
    serviceNo: r.serviceNo,
    month: r.month,
    callClass: r.callClass,
    startedAt: r.startedAt,
    direction: r.direction,
    peak: r.peak,
    otherParty: r.otherParty,
    seconds: r.seconds,
    volumeKb: r.volumeKb,
    feeFen: r.feeFen,
    seq: r.seq,
  }));

export const feeLineRecord = z
  .object({
    accountNo: z.string().regex(ACCOUNT_NO, "not an account number (88 + 12 digits)"),
    month,
    type: z.enum(["BASIC_FEE", "LOCAL_CALLS", "LONG_DISTANCE", "DATA", "VALUE_ADDED", "DISCOUNT"]),
    amountFen: integer,
  })
  .transform((r): FeeLine => ({ accountNo: r.accountNo, month: r.month, type: r.type, amountFen: r.amountFen }));

/** An offer with its purpose's name and its regions: a purpose or region missing from the code tables is a dangling reference. */
export const offerRecord = z
  .object({
    code: z.string().trim().regex(OFFER_CODE, "not an offer code"),
    name: text,
    purposeCode: z.string().trim().regex(/^\d{2}$/, "not a purpose code (two digits)"),
    purposeName: text.nullable(),
    product: z.enum(["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"]),
    method: z.enum(["PERCENT_OFF", "FIXED_REDUCTION", "FREE_MINUTES"]),
    value: integer.refine((n) => n > 0, "must be positive"),
    termMonths: z.number().int().positive().nullable(),
    target: text,
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    regionCodes: z.array(z.string().trim().regex(/^\d{4}$/, "not a local network")).min(1, "applies in no local network"),
    regionNames: z.array(text.nullable()),
  })
  .superRefine((r, ctx) => {
    if (r.purposeName === null) ctx.addIssue({ code: "custom", path: ["purposeCode"], message: "dangling reference: no such purpose" });
    if (r.regionNames.includes(null)) ctx.addIssue({ code: "custom", path: ["regionCodes"], message: "dangling reference: no such local network" });
    if (r.method === "PERCENT_OFF" && r.value > 100) ctx.addIssue({ code: "custom", path: ["value"], message: `${r.value} percent off` });
    if (r.validTo !== null && r.validTo < r.validFrom) ctx.addIssue({ code: "custom", path: ["validTo"], message: "ends before it begins" });
  })
  .transform(
    (r): Offer => ({
      code: r.code,
      name: r.name,
      purpose: { code: r.purposeCode, name: r.purposeName as string },
      product: r.product,
      method: r.method,
      value: r.value,
      termMonths: r.termMonths,
      target: r.target,
      validFrom: r.validFrom,
      validTo: r.validTo,
      regions: r.regionCodes.map((code, i) => ({ code, name: r.regionNames[i] as string })),
    }),
  );

const NOT_A_DISCOUNT = "an item naming the offer is not a discount (type DISCOUNT, not above 0)";

/** One offer's effect rows: per cycle (month set) and over all cycles (month null). */
export const offerEffectRecords = z
  .array(z.object({ month: month.nullable(), discountFen: integer, customers: count, services: count, clean: z.boolean() }))
  .superRefine((rows, ctx) => {
    rows.forEach((row, i) => {
      if (!row.clean) ctx.addIssue({ code: "custom", path: [i, "items"], message: NOT_A_DISCOUNT });
    });
  })
  .transform((rows): OfferEffect => {
    const whole = rows.find((r) => r.month === null);
    return {
      discountFen: whole?.discountFen ?? 0,
      customers: whole?.customers ?? 0,
      services: whole?.services ?? 0,
      months: rows
        .filter((r) => r.month !== null)
        .map((r) => ({ month: r.month as string, discountFen: r.discountFen, customers: r.customers }))
        .sort((a, b) => a.month.localeCompare(b.month)),
    };
  });

export const serviceDiscountRecord = z
  .object({ discountFen: integer, months: count, firstMonth: month.nullable(), lastMonth: month.nullable(), clean: z.boolean() })
  .refine((r) => r.clean, { path: ["items"], message: NOT_A_DISCOUNT })
  .transform((r): ServiceOfferDiscount => ({ discountFen: r.discountFen, months: r.months, firstMonth: r.firstMonth, lastMonth: r.lastMonth }));
