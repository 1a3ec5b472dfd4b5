import type { CustomerFacts } from "../facts.js";
import { isoMonth } from "./dates.js";
import { perUnitPerMonth, revenueUnits } from "./revenue.js";
import { monthlyTotals } from "./usage.js";
import { monthsWindow } from "./window.js";

/** Billing's facts carry each account's last 12 billing months: a longer trend would show months it never read. */
export const MAX_TREND_MONTHS = 12;

export interface RevenueMonth {
  /** "YYYY-MM". */
  month: string;
  /** Whether any bill of the customer falls in the month. */
  billed: boolean;
  revenueFen: number;
  /** Null in a month without a bill: no revenue to share out. */
  arpuFen: number | null;
  arpaFen: number | null;
}

/**
 * Revenue, ARPU and ARPA month by month over the `months` closed billing months before the as-of month,
 * oldest first, every month listed. Each month's figures use the value tier's definitions (revenue.ts)
 * over that one month, so their mean over the billed months is the tier's ARPU and ARPA up to rounding.
 */
export function revenueTrend(facts: CustomerFacts, months: number): RevenueMonth[] {
  if (!Number.isInteger(months) || months < 1 || months > MAX_TREND_MONTHS) throw new RangeError(`months must be between 1 and ${MAX_TREND_MONTHS}`);
  const window = monthsWindow(facts.asOf, months);
  const billed = new Map(monthlyTotals(facts, window).map((t) => [t.month, t.amountFen]));
  const units = revenueUnits(facts);
  return Array.from({ length: months }, (_, i) => {
    const month = window.firstMonth + i;
    const revenueFen = billed.get(month);
    if (revenueFen === undefined) return { month: isoMonth(month), billed: false, revenueFen: 0, arpuFen: null, arpaFen: null };
    return {
      month: isoMonth(month),
      billed: true,
      revenueFen,
      arpuFen: perUnitPerMonth(revenueFen, 1, units.services),
      arpaFen: perUnitPerMonth(revenueFen, 1, units.accounts),
    };
  });
}
