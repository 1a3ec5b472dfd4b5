import type { BillingFacts } from "../facts.js";
import { dayNumber } from "./dates.js";

type Bill = BillingFacts["bills"][number];

/**
 * Billing posts payments to the account, and its write-off run (销帐) settles the account's owed bills
 * from that money, oldest bill first. So a bill is paid when, and by as much as, it is written off: its
 * `settlements`, oldest first (the facts' schema checks the order). Money billing records as paid
 * (`paidFen`) beyond their sum has no write-off record (old data): it was paid at some unknown time
 * before, so it counts as paid at any as-of date, and on time.
 */
function owedBeforeSettlements(bill: Bill): number {
  const settledFen = bill.settlements.reduce((sum, s) => sum + s.amountFen, 0);
  return bill.amountFen - Math.max(0, bill.paidFen - settledFen);
}

/** What was still owed on `bill` at the as-of date (a day number), never below 0. */
export function owedFenAt(bill: Bill, asOf: number): number {
  let owed = owedBeforeSettlements(bill);
  for (const s of bill.settlements) {
    if (dayNumber(s.on) > asOf) break;
    owed -= s.amountFen;
  }
  return Math.max(0, owed);
}

/**
 * The day number of the write-off with which `bill` stopped owing, at or before the as-of date; null
 * while it still owed then (exactly when `owedFenAt` is above 0). A bill that never owed after the money
 * paid without a write-off record (or a bill of nothing) gives -Infinity: settled before any due date,
 * so on time.
 */
export function settledOnAt(bill: Bill, asOf: number): number | null {
  let owed = owedBeforeSettlements(bill);
  if (owed <= 0) return Number.NEGATIVE_INFINITY;
  for (const s of bill.settlements) {
    const on = dayNumber(s.on);
    if (on > asOf) break;
    owed -= s.amountFen;
    if (owed <= 0) return on;
  }
  return null;
}
