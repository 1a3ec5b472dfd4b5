import type { ServiceUsageFacts } from "../../kit/usage-facts.js";
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
  /** What rating charged for the line's own usage over those months, in fen. */
  billedFen: number;
  /** Calls, data sessions and messages rated over those months. */
  usageRecords: number;
  averageMonthlyFen: number;
  reason: string;
}

/** Billing rates no usage on a leased line: it is rented whole, so how much it is used cannot be told from billing. */
const UNRATED = new Set<LittleUsedLine["product"]>(["LEASED_LINE"]);

/**
 * Lines installed but little used (热装冷用, seed 1.1.2 8)): lines the customer held on the as-of date and for at
 * least `minHeldMonths`, not barred, whose own usage (what billing's rating charged for their calls, data and
 * messages, SERV_USAGE_MONTH) averages under `maxMonthlyFen` a month over the window's months they were held.
 * Basic fees are left out: they are charged whether a line is used or not. Barred lines are left out: their
 * silence is billing's doing, not the customer's; so are leased lines, which billing does not rate.
 */
export function littleUsedLines(facts: CustomerFacts, usage: ServiceUsageFacts, model: ScoringModel): LittleUsedLine[] {
  const rules = model.littleUsed;
  const window = windowOf(facts, model);
  const heldSince = addMonths(facts.asOf, -rules.minHeldMonths);
  const lines: LittleUsedLine[] = [];
  for (const service of heldServices(facts)) {
    if (service.barring !== "NONE" || service.startedOn > heldSince || UNRATED.has(service.product)) continue;
    const firstMonth = Math.max(window.firstMonth, monthNumber(service.startedOn));
    const monthsHeld = window.lastMonth - firstMonth + 1;
    let billedFen = 0;
    let usageRecords = 0;
    for (const u of usage.usage) {
      const month = monthNumber(u.month);
      if (u.serviceNo !== service.serviceNo || month < firstMonth || month > window.lastMonth) continue;
      billedFen += u.feeFen;
      usageRecords += u.records;
    }
    const averageMonthlyFen = Math.round(billedFen / monthsHeld);
    if (averageMonthlyFen >= rules.maxMonthlyFen) continue;
    const months = count(monthsHeld, "month");
    const used =
      usageRecords === 0
        ? `billing rated no usage on it in the last ${months}`
        : `billing rated ${count(usageRecords, "call, session or message", "calls, sessions and messages")} on it in the last ${months}, charged ${fen(billedFen)}, ${fen(averageMonthlyFen)} a month`;
    lines.push({
      serviceNo: service.serviceNo,
      product: service.product,
      startedOn: service.startedOn,
      monthsHeld,
      billedFen,
      usageRecords,
      averageMonthlyFen,
      reason: `Held since ${service.startedOn}; ${used}, under ${fen(rules.maxMonthlyFen)} a month.`,
    });
  }
  return lines.sort((a, b) => a.averageMonthlyFen - b.averageMonthlyFen || compareText(a.serviceNo, b.serviceNo));
}
