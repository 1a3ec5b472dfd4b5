import type { CustomerFacts } from "../facts.js";
import { isoMonth, monthNumber } from "./dates.js";
import type { Window } from "./window.js";

export interface MonthTotal {
  month: number;
  label: string;
  amountFen: number;
}

/** Billed amounts per month over all accounts, for the window's months that have bills, oldest first. */
export function monthlyTotals(facts: CustomerFacts, window: Window): MonthTotal[] {
  const totals = new Map<number, number>();
  for (const bill of facts.billing.bills) {
    const month = monthNumber(bill.month);
    if (month < window.firstMonth || month > window.lastMonth) continue;
    totals.set(month, (totals.get(month) ?? 0) + bill.amountFen);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a - b)
    .map(([month, amountFen]) => ({ month, label: isoMonth(month), amountFen }));
}

export function revenueFen(totals: readonly MonthTotal[]): number {
  return totals.reduce((sum, t) => sum + t.amountFen, 0);
}

export interface Trend {
  /** Least-squares slope of the monthly totals, fen per month. */
  slopeFen: number;
  meanFen: number;
  /** Slope relative to the mean, per month (−0.02 = falling 2% a month); null when the mean is not positive. */
  relative: number | null;
  months: number;
}

/** Trend of monthly totals against their month numbers, so months without bills leave gaps, not distortions. */
export function trendOf(totals: readonly MonthTotal[]): Trend | null {
  if (totals.length < 2) return null;
  const n = totals.length;
  const meanX = totals.reduce((s, t) => s + t.month, 0) / n;
  const meanY = totals.reduce((s, t) => s + t.amountFen, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const t of totals) {
    covariance += (t.month - meanX) * (t.amountFen - meanY);
    variance += (t.month - meanX) ** 2;
  }
  const slopeFen = covariance / variance;
  return { slopeFen, meanFen: meanY, relative: meanY > 0 ? slopeFen / meanY : null, months: n };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
