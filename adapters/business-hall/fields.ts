import { z } from "zod";
import { CUSTOMER_ID, SERVICE_NO } from "../kit/canonical-ids.js";
import { recordReader } from "../kit/parse.js";
import { isCalendarDate } from "../kit/values.js";

/** The field checks every record of the hall's answers shares (records.ts, work-order-records.ts). */

export const customerId = z.string().regex(CUSTOMER_ID, "not a 12-digit customer number");
export const serviceNo = z.string().refine((value) => SERVICE_NO.test(value), "not a service number");
export const numericId = z.string().regex(/^\d{1,19}$/, "not a numeric id");
export const required = z.string().min(1);
export const date = z.string().refine(isCalendarDate, "not a YYYY-MM-DD calendar date");
/** The hall keeps Beijing wall-clock time without a zone; the graph states the offset. */
export const localTime = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(value) && isCalendarDate(value.slice(0, 10)), "not a YYYY-MM-DD HH:MM:SS time")
  .transform((value) => `${value.replace(" ", "T")}+08:00`);
/** An element the hall leaves empty for "no value". */
export const orNone = <T extends z.ZodType>(schema: T) => z.union([z.literal("").transform(() => null), schema]);

/** Names a raw record by its key for error messages, e.g. "CustInfo 320100000123". */
export function name(item: string, raw: unknown, key: string): string {
  const value = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return `${item} ${typeof value === "string" && value !== "" ? value.slice(0, 40) : "(no " + key + ")"}`;
}

/** Items of the hall's answers, each read on its own: one that cannot be read is its error, not its batch's. */
export const read = recordReader("business-hall");
