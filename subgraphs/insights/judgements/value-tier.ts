import type { CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { monthNumber } from "./dates.js";
import { count, fen, num } from "./format.js";
import { heldServices } from "./services.js";
import { perUnitPerMonth, revenueUnits } from "./revenue.js";
import { monthlyTotals, revenueFen } from "./usage.js";
import { complaintsInWindow, tenureDays, windowOf, withinWindow, type Window } from "./window.js";

export type ValueTier = "LOW_LET_GO" | "LOW_KEEP" | "ORDINARY" | "HIGH" | "IMPORTANT";

export interface ValueTierResult {
  tier: ValueTier;
  /** Average monthly revenue per service held, over the months billed in the window. */
  arpuFen: number;
  /** Average monthly revenue per account in force, over the months billed in the window. */
  arpaFen: number;
  revenue12mFen: number;
  costToServeFen: number;
  monthsBilled: number;
  reason: string;
}

/**
 * Value segmentation (seed 3.2.1.10, part 3): revenue against the cost of serving the customer over
 * the window, with important customers recognised by influence whatever they spend.
 */
export function assessValueTier(facts: CustomerFacts, model: ScoringModel): ValueTierResult {
  const config = model.value;
  const window = windowOf(facts, model);
  const totals = monthlyTotals(facts, window);
  const revenue12mFen = revenueFen(totals);
  const monthsBilled = totals.length;
  const units = revenueUnits(facts);
  const costToServeFen = costToServe(facts, model, window);
  const base = {
    arpuFen: perUnitPerMonth(revenue12mFen, monthsBilled, units.services),
    arpaFen: perUnitPerMonth(revenue12mFen, monthsBilled, units.accounts),
    revenue12mFen,
    costToServeFen,
    monthsBilled,
  };
  const money = `revenue ${fen(revenue12mFen)} over ${count(monthsBilled, "billed month")}, cost to serve ${fen(costToServeFen)}`;

  const important = importance(facts, model);
  if (important) return { ...base, tier: "IMPORTANT", reason: `${important}; ${money}.` };
  const tenure = tenureDays(facts);
  const losing = costToServeFen > revenue12mFen;
  // A customer of a few weeks may have cost something (a fault, a complaint) before a full bill: too early to judge.
  const tooNew = losing && tenure < config.newCustomerDays;
  if (losing && !tooNew) return { ...base, tier: "LOW_LET_GO", reason: `Costs more than it earns: ${money}.` };
  const newNote = tooNew ? `; joined ${count(tenure, "day")} ago, too new to let go (${num(config.newCustomerDays)} days)` : "";
  if (revenue12mFen < config.lowBelowFen) {
    return {
      ...base,
      tier: "LOW_KEEP",
      reason: `Low revenue (below ${fen(config.lowBelowFen)})${tooNew ? "" : " but earns its cost"}: ${money}${newNote}.`,
    };
  }
  if (revenue12mFen >= config.highFromFen) {
    return { ...base, tier: "HIGH", reason: `Revenue reaches ${fen(config.highFromFen)}: ${money}${newNote}.` };
  }
  return { ...base, tier: "ORDINARY", reason: `Revenue between ${fen(config.lowBelowFen)} and ${fen(config.highFromFen)}: ${money}${newNote}.` };
}

/** The influence rules: key accounts of a configured level, or holders of a large contract. */
function importance(facts: CustomerFacts, model: ScoringModel): string | null {
  const rules = model.value.important;
  const ka = facts.keyAccount;
  if (ka.isKeyAccount && ka.level !== null && rules.keyAccountLevels.includes(ka.level)) {
    return `${ka.level} key account, important whatever its spend`;
  }
  if (rules.minContractValueFen !== null && ka.contractValueFen >= rules.minContractValueFen) {
    return `Active contracts worth ${fen(ka.contractValueFen)} (from ${fen(rules.minContractValueFen)}), important whatever its spend`;
  }
  return null;
}

/**
 * What serving the customer cost over the window: each service held, for the window's months since it
 * started, at its product's monthly cost, plus every complaint and trouble ticket in the window.
 */
function costToServe(facts: CustomerFacts, model: ScoringModel, window: Window): number {
  const config = model.value;
  let cost = 0;
  for (const service of heldServices(facts)) {
    const months = window.lastMonth - Math.max(window.firstMonth, monthNumber(service.startedOn)) + 1;
    cost += Math.max(0, months) * config.monthlyCostFen[service.product];
  }
  cost += complaintsInWindow(facts, window).length * config.costPerComplaintFen;
  cost += facts.network.tickets.filter((t) => withinWindow(t.openedAt, window, facts.asOf)).length * config.costPerTicketFen;
  return cost;
}
