import type { BillingFacts } from "../facts.js";
import { dayNumber } from "./dates.js";

type Bill = BillingFacts["bills"][number];

/**
 * What was still owed on `bill` at the as-of date (a day number), never below 0. The facts give what is
 * paid now (`paidFen`) and the date of the latest payment allocated to the bill (`lastPaidOn`). When that
 * payment came after the as-of date the bill was not settled then, and since the facts do not say how
 * much of it was paid before, the whole bill counts as owed.
 */
export function owedFenAt(bill: Bill, asOf: number): number {
  const paidFen = bill.lastPaidOn !== null && dayNumber(bill.lastPaidOn) > asOf ? 0 : bill.paidFen;
  return Math.max(0, bill.amountFen - paidFen);
}
