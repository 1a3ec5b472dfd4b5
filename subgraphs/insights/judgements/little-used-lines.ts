import type { BillingFacts, CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { compareText } from "./compare.js";
import { addMonths, monthNumber } from "./dates.js";
import { count, fen } from "./format.js";
import { heldServices } from "./services.js";
import { windowOf } from "./window.js";

export interface LittleUsedLine {
  serviceNo: string;
  product: BillingFacts["services"][number]["product"];
  startedOn: string;
  /** Months of the window the line was held. */
  monthsHeld: number;
  /** Its share of the window's bills, in fen: each bill split evenly over the lines its items charge. */
  billedFen: number;
  averageMonthlyFen: number;
  reason: string;
}

/**
 * Lines installed but little used (热装冷用, seed 1.1.2 8)): lines the customer has held for at least
 * `minHeldMonths`, not barred, whose share of the window's bills averages under `maxMonthlyFen` a month.
 * Billing's facts name the lines each bill's items charge but not each line's amount, so a bill is split
 * evenly over its lines: a line no bill charged is exact (0), a line sharing a bill gets the bill's average.
 * Barred lines are left out: their silence is billing's doing, not the customer's.
 */
export function littleUsedLines(facts: CustomerFacts, model: ScoringModel): LittleUsedLine[] {
  const rules = model.littleUsed;
  const window = windowOf(facts, model);
  const heldSince = addMonths(facts.asOf, -rules.minHeldMonths);
  const shares = new Map<string, number>();
  for (const bill of facts.billing.bills) {
    const month = monthNumber(bill.month);
    if (month < window.firstMonth || month > window.lastMonth) continue;
    const lines = [...new Set(bill.serviceNos)];
    for (const line of lines) shares.set(line, (shares.get(line) ?? 0) + bill.amountFen / lines.length);
  }
  const lines: LittleUsedLine[] = [];
  for (const service of heldServices(facts)) {
    if (service.barring !== "NONE" || service.startedOn > heldSince) continue;
    const monthsHeld = window.lastMonth - Math.max(window.firstMonth, monthNumber(service.startedOn)) + 1;
    const billedFen = Math.round(shares.get(service.serviceNo) ?? 0);
    const averageMonthlyFen = Math.round(billedFen / monthsHeld);
    if (averageMonthlyFen >= rules.maxMonthlyFen) continue;
    const billed = billedFen === 0 ? `no bill of the last ${count(monthsHeld, "month")} charged it` : `its share of the bills of the last ${count(monthsHeld, "month")} is ${fen(billedFen)}, ${fen(averageMonthlyFen)} a month`;
    lines.push({
      serviceNo: service.serviceNo,
      product: service.product,
      startedOn: service.startedOn,
      monthsHeld,
      billedFen,
      averageMonthlyFen,
      reason: `Held since ${service.startedOn}; ${billed}, under ${fen(rules.maxMonthlyFen)} a month.`,
    });
  }
  return lines.sort((a, b) => a.averageMonthlyFen - b.averageMonthlyFen || compareText(a.serviceNo, b.serviceNo));
}
