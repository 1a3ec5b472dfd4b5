import { z } from "zod";
import { CUSTOMER_ID } from "../kit/canonical-ids.js";
import { code, isCalendarDate, readAs } from "../kit/values.js";
import { fromCallCentreNumber } from "./numbers.js";
import type { Call, CallOutcome, CallType } from "./port.js";

/** Codes as the call centre stores them (sandbox/schema/call-centre.ts); anything else is a malformed record. */
const CALL_TYPE_CODES: Readonly<Record<string, CallType>> = {
  ZX: "INQUIRY",
  TS: "COMPLAINT",
  ZA: "FAULT_REPORT",
  CF: "BILLING_QUESTION",
  XH: "CANCELLATION_INTENT",
};
const OUTCOME_CODES: Readonly<Record<string, CallOutcome>> = { 1: "RESOLVED", 2: "TRANSFERRED", 3: "CALLBACK" };

/** The export's columns, in its order; a header with any other is an export we do not know how to read. */
export const EXPORT_COLUMNS = ["CALL_SEQ", "CALLER_NO", "CUST_CODE", "CALL_TYPE", "RESULT_CODE", "START_TIME", "TALK_SECS", "AGENT_NO"] as const;
type Column = (typeof EXPORT_COLUMNS)[number];

/** 'YYYYMMDDHHMMSS' in the carrier's local time, with no zone: the same wall time with the carrier's offset. */
export function localTimeOf(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  if (!isCalendarDate(`${year}-${month}-${day}`) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}+08:00`;
}

export const callRecord = z
  .object({
    CALL_SEQ: z.string().regex(/^\d{1,18}$/, "is not a call serial"),
    CALLER_NO: readAs(fromCallCentreNumber, "a fixed-line or mobile calling number"),
    CUST_CODE: z.union([z.literal(""), z.string().regex(CUSTOMER_ID, "is not a customer number (12 digits) nor empty")]),
    CALL_TYPE: code(CALL_TYPE_CODES, { what: "call type" }),
    RESULT_CODE: code(OUTCOME_CODES, { what: "result" }),
    START_TIME: readAs(localTimeOf, "a local time YYYYMMDDHHMMSS"),
    TALK_SECS: z
      .string()
      .regex(/^\d{1,5}$/, "is not a number of seconds")
      .transform(Number)
      .refine((secs) => secs <= 86_400, "is longer than a day"),
    AGENT_NO: z.string().regex(/^A\d{4}$/, "is not an agent number A + 4 digits"),
    extra: z.array(z.string()).max(0, `has more fields than the header's ${EXPORT_COLUMNS.length}`),
  })
  .transform(
    (r): Call => ({
      callId: r.CALL_SEQ,
      callingNumber: r.CALLER_NO,
      customerId: r.CUST_CODE === "" ? null : r.CUST_CODE,
      type: r.CALL_TYPE,
      outcome: r.RESULT_CODE,
      startedAt: r.START_TIME,
      durationSeconds: r.TALK_SECS,
      agentId: r.AGENT_NO,
    }),
  );

/** One export line split into its named fields: missing ones are undefined, those past the header's are `extra`. */
export function fieldsOf(line: string): Record<Column, string> & { extra: string[] } {
  const values = line.split("|");
  const fields = Object.fromEntries(EXPORT_COLUMNS.map((column, i) => [column, values[i]])) as Record<Column, string>;
  return { ...fields, extra: values.slice(EXPORT_COLUMNS.length) };
}

/** How errors name a call: the table and the serial, as the centre's operators would look it up. */
export function recordName(fields: { CALL_SEQ?: string | undefined }): string {
  return `cc_call ${fields.CALL_SEQ ?? "?"}`;
}
