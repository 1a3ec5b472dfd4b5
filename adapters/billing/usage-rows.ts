import { z } from "zod";
import { ACCOUNT_NO, SERVICE_NO } from "../kit/canonical-ids.js";
import { code, integer, readAs } from "../kit/values.js";
import { ITEM_TYPE } from "./rows.js";
import type { CallClass, FeeLine, UsageRecord, UsageSummary } from "./usage-port.js";
import { cycleMonth } from "./values.js";

/** SERV_USAGE_MONTH.CALL_CLASS and CDR.CALL_CLASS (sandbox/schema/billing.ts). */
export const CALL_CLASS: Record<string, CallClass> = { LC: "LOCAL", LD: "LONG_DISTANCE", IN: "INTERNATIONAL", DT: "DATA", VA: "VALUE_ADDED" };
const DIRECTION: Record<string, UsageRecord["direction"]> = { O: "OUTGOING", I: "INCOMING" };
const PEAK_FLAG: Record<string, boolean> = { "1": true, "0": false };

const serviceNo = z.string().refine((s) => SERVICE_NO.test(s), "not a service number");
const count = integer.refine((n) => n >= 0, "a negative count");
/** YYYYMMDDHHMISS as a local time "YYYY-MM-DDTHH:MM:SS". */
const startTime = readAs((text) => {
  const m = /^(\d{4})(\d{2})(\d{2})([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const day = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso) return null;
  return `${iso}T${m[4]}:${m[5]}:${m[6]}`;
}, "a YYYYMMDDHHMISS time");

export const usageSummaryRow = z
  .object({
    ACC_NBR: serviceNo,
    BILLING_CYCLE_ID: cycleMonth,
    CALL_CLASS: code(CALL_CLASS),
    RECORDS: count,
    OUT_RECORDS: count,
    PEAK_RECORDS: count,
    DURATION: count,
    VOLUME_KB: count,
    FEE: count,
  })
  .refine((r) => r.OUT_RECORDS <= r.RECORDS && r.PEAK_RECORDS <= r.RECORDS, "more outgoing or peak records than records")
  .refine((r) => r.FEE === 0 || r.OUT_RECORDS > 0, "a fee with no outgoing record to charge it to")
  .transform(
    (r): UsageSummary => ({
      serviceNo: r.ACC_NBR,
      month: r.BILLING_CYCLE_ID,
      callClass: r.CALL_CLASS,
      records: r.RECORDS,
      outgoing: r.OUT_RECORDS,
      incoming: r.RECORDS - r.OUT_RECORDS,
      peak: r.PEAK_RECORDS,
      offPeak: r.RECORDS - r.PEAK_RECORDS,
      seconds: r.DURATION,
      volumeKb: r.VOLUME_KB,
      feeFen: r.FEE,
    }),
  );

export const usageRecordRow = z
  .object({
    ACC_NBR: serviceNo,
    BILLING_CYCLE_ID: cycleMonth,
    CALL_CLASS: code(CALL_CLASS),
    START_TIME: startTime,
    DIRECTION: code(DIRECTION),
    PEAK_FLAG: code(PEAK_FLAG),
    OTHER_NBR: z.string().min(1),
    DURATION: count,
    VOLUME_KB: count,
    FEE: count,
  })
  .transform(
    (r): UsageRecord => ({
      serviceNo: r.ACC_NBR,
      month: r.BILLING_CYCLE_ID,
      callClass: r.CALL_CLASS,
      startedAt: r.START_TIME,
      direction: r.DIRECTION,
      peak: r.PEAK_FLAG,
      otherParty: r.OTHER_NBR.trim(),
      seconds: r.DURATION,
      volumeKb: r.VOLUME_KB,
      feeFen: r.FEE,
    }),
  );

export const feeLineRow = z
  .object({
    ACCT_NBR: z.string().regex(ACCOUNT_NO, "not an account number (88 + 12 digits)"),
    BILLING_CYCLE_ID: cycleMonth,
    ACCT_ITEM_TYPE_ID: code(ITEM_TYPE),
    AMOUNT: integer,
  })
  .transform((r): FeeLine => ({ accountNo: r.ACCT_NBR, month: r.BILLING_CYCLE_ID, type: r.ACCT_ITEM_TYPE_ID, amountFen: r.AMOUNT }));
