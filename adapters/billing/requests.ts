import { AdapterError } from "../kit/errors.js";
import { checkAsOf, isCalendarDate } from "../kit/values.js";
import type { BillQuery, PaymentQuery } from "./port.js";

/** getBills' query, checked before any round trip by every billing adapter. */
export function checkBillQuery(query: BillQuery): { lastMonths: number | undefined; asOf: string | undefined } {
  const lastMonths = query.lastMonths;
  if (lastMonths !== undefined && !(Number.isSafeInteger(lastMonths) && lastMonths > 0)) {
    throw new AdapterError("BAD_USER_INPUT", "billing", `lastMonths must be a positive integer, got ${lastMonths}`);
  }
  return { lastMonths, asOf: checkAsOf(query.asOf, "billing") };
}

/** getPayments' query, checked before any round trip by every billing adapter. */
export function checkPaymentQuery(query: PaymentQuery): void {
  if (query.since !== undefined && !isCalendarDate(query.since)) {
    throw new AdapterError("BAD_USER_INPUT", "billing", `since must be an ISO date YYYY-MM-DD, got ${JSON.stringify(query.since)}`);
  }
}
