import type { BillingFacts, CustomerFacts } from "../facts.js";
import { DUNNING_STAGES, type ScoringModel } from "../config.js";
import { compareText } from "./compare.js";
import { dayNumber, isoDate } from "./dates.js";
import { count, fen } from "./format.js";
import { owedFenAt } from "./owed.js";

export type AgeBucketLabel = "0-30" | "31-60" | "61-90" | "90+";
export type DunningStage = "NONE" | (typeof DUNNING_STAGES)[number];
export type Barring = "NONE" | "SINGLE" | "DOUBLE";

export interface ArrearsResult {
  totalFen: number;
  /** Due date of the oldest bill with an unpaid remainder, null when nothing is overdue. */
  oldestDueDate: string | null;
  /** Days the oldest unpaid bill is past due as of the reference date; 0 when nothing is overdue. */
  daysOverdue: number;
  buckets: { label: AgeBucketLabel; amountFen: number }[];
  dunningStage: DunningStage;
  /** How the stage follows from the rules and from what billing has done. */
  stageReason: string;
  /** The strongest barring billing applies for arrears now. */
  billingBarring: Barring;
  dunningRecord: { automaticAttempts: number; manualAttempts: number; lastAttemptOn: string | null };
  /** Unpaid remainders per service number; null collects charges not tied to any service. Sums to totalFen. */
  byService: { serviceNo: string | null; amountFen: number }[];
  /** Unpaid remainders per account. Sums to totalFen. */
  byAccount: { accountNo: string; amountFen: number }[];
}

type Bill = BillingFacts["bills"][number];

/** Upper bounds in days past due of the contract's age buckets; fixed because the labels are the contract. */
const BUCKETS: readonly (readonly [AgeBucketLabel, number])[] = [
  ["0-30", 30],
  ["31-60", 60],
  ["61-90", 90],
  ["90+", Number.POSITIVE_INFINITY],
];
const STAGE_ORDER: readonly DunningStage[] = ["NONE", ...DUNNING_STAGES];
const BARRING_STAGE: Record<Barring, DunningStage> = { NONE: "NONE", SINGLE: "PARTIAL_BARRING", DOUBLE: "FULL_BARRING" };

/**
 * Arrears (seed 3.2.1.6): the unpaid remainder at the reference date of every bill whose due date has
 * passed, aged as of that date, with the dunning stage the rules call for, reconciled with the barring billing applies.
 */
export function assessArrears(facts: CustomerFacts, model: ScoringModel): ArrearsResult {
  const asOf = dayNumber(facts.asOf);
  const overdue = facts.billing.bills
    .map((bill) => ({ bill, owedFen: owedFenAt(bill, asOf), days: asOf - dayNumber(bill.dueDate) }))
    .filter((o) => o.days > 0 && o.owedFen > 0);

  const buckets = BUCKETS.map(([label]) => ({ label, amountFen: 0 }));
  for (const o of overdue) {
    const index = BUCKETS.findIndex(([, upTo]) => o.days <= upTo);
    (buckets[index] as (typeof buckets)[number]).amountFen += o.owedFen;
  }
  const totalFen = overdue.reduce((sum, o) => sum + o.owedFen, 0);
  const daysOverdue = overdue.reduce((max, o) => Math.max(max, o.days), 0);
  const oldestDueDate = daysOverdue > 0 ? isoDate(asOf - daysOverdue) : null;

  const ruleStage = stageByRules(daysOverdue, model);
  const billingBarring = barringForArrears(facts, asOf, totalFen > 0);
  const barringStage = BARRING_STAGE[billingBarring];
  const dunningStage = later(ruleStage, barringStage);

  return {
    totalFen,
    oldestDueDate,
    daysOverdue,
    buckets,
    dunningStage,
    stageReason: stageReason(totalFen, daysOverdue, ruleStage, billingBarring, barringStage, model),
    billingBarring,
    dunningRecord: dunningRecordOf(facts, overdue.map((o) => o.bill), asOf),
    byService: byServiceOf(overdue),
    byAccount: byAccountOf(overdue),
  };
}

function stageByRules(daysOverdue: number, model: ScoringModel): DunningStage {
  let stage: DunningStage = "NONE";
  for (const rule of model.arrears.dunningRules) if (daysOverdue >= rule.fromDays) stage = rule.stage;
  return stage;
}

function later(a: DunningStage, b: DunningStage): DunningStage {
  return STAGE_ORDER.indexOf(a) >= STAGE_ORDER.indexOf(b) ? a : b;
}

/**
 * The barring billing applies for arrears now. An arrears suspension still in force says so outright.
 * A service's barring flag without one counts as dunning only while something is overdue and no
 * violation (illegal use, facility damage) suspension explains it: then the barring is billing's own.
 */
function barringForArrears(facts: CustomerFacts, asOf: number, owes: boolean): Barring {
  const inForce = facts.billing.suspensions.filter((s) => dayNumber(s.from) <= asOf && (s.until === null || dayNumber(s.until) > asOf));
  let level: Barring = "NONE";
  const raise = (to: Barring) => {
    if (to === "DOUBLE" || (to === "SINGLE" && level === "NONE")) level = to;
  };
  for (const s of inForce) {
    if (s.reason === "ARREARS_DOUBLE") raise("DOUBLE");
    if (s.reason === "ARREARS_SINGLE") raise("SINGLE");
  }
  if (owes) {
    const violation = new Set(inForce.filter((s) => s.reason === "ILLEGAL_USE" || s.reason === "FACILITY_DAMAGE").map((s) => s.serviceNo));
    for (const service of facts.billing.services) {
      if (service.status !== "REMOVED" && !violation.has(service.serviceNo)) raise(service.barring);
    }
  }
  return level;
}

function stageReason(
  totalFen: number,
  daysOverdue: number,
  ruleStage: DunningStage,
  barring: Barring,
  barringStage: DunningStage,
  model: ScoringModel,
): string {
  const barred = barring === "NONE" ? "no barring" : `${barring.toLowerCase()} barring`;
  if (totalFen === 0) {
    return barring === "NONE"
      ? "Nothing overdue."
      : `Nothing overdue, but billing still applies ${barred} for arrears: ${barringStage}.`;
  }
  const rule = model.arrears.dunningRules.find((r) => r.stage === ruleStage);
  const from = rule ? ` (from ${count(rule.fromDays, "day")})` : "";
  const byRules = `${fen(totalFen)} overdue, oldest ${count(daysOverdue, "day")}: rules say ${ruleStage}${from}`;
  if (barringStage === ruleStage || (barring === "NONE" && ruleStage === "REMINDER")) return `${byRules}; billing applies ${barred}.`;
  if (STAGE_ORDER.indexOf(barringStage) > STAGE_ORDER.indexOf(ruleStage)) return `${byRules}; billing already applies ${barred}: ${barringStage}.`;
  return `${byRules}; billing applies ${barred} so far.`;
}

/** Dunning of the bills still owed, as billing recorded it up to the reference date. */
function dunningRecordOf(facts: CustomerFacts, owed: Bill[], asOf: number): ArrearsResult["dunningRecord"] {
  const owedCycles = new Set(owed.map((b) => `${b.accountNo}|${b.month}`));
  const record = facts.billing.dunning.filter((d) => owedCycles.has(`${d.accountNo}|${d.month}`) && dayNumber(d.date) <= asOf);
  const last = record.reduce<number | null>((max, d) => Math.max(max ?? -Infinity, dayNumber(d.date)), null);
  return {
    automaticAttempts: record.filter((d) => d.method === "AUTOMATIC").length,
    manualAttempts: record.filter((d) => d.method === "MANUAL").length,
    lastAttemptOn: last === null ? null : isoDate(last),
  };
}

/**
 * A bill's remainder split evenly in whole fen over the services it charges, the leftover fen going
 * to the first service listed, so the parts always add up to the remainder.
 */
export function splitFen(amountFen: number, parts: number): number[] {
  const share = Math.floor(amountFen / parts);
  return Array.from({ length: parts }, (_, i) => (i === 0 ? amountFen - share * (parts - 1) : share));
}

function byServiceOf(overdue: { bill: Bill; owedFen: number }[]): ArrearsResult["byService"] {
  const totals = new Map<string | null, number>();
  for (const { bill, owedFen } of overdue) {
    const serviceNos = [...new Set(bill.serviceNos)];
    if (serviceNos.length === 0) {
      totals.set(null, (totals.get(null) ?? 0) + owedFen);
      continue;
    }
    splitFen(owedFen, serviceNos.length).forEach((amount, i) => {
      const serviceNo = serviceNos[i] as string;
      totals.set(serviceNo, (totals.get(serviceNo) ?? 0) + amount);
    });
  }
  return sorted(totals).map(([serviceNo, amountFen]) => ({ serviceNo, amountFen }));
}

function byAccountOf(overdue: { bill: Bill; owedFen: number }[]): ArrearsResult["byAccount"] {
  const totals = new Map<string, number>();
  for (const { bill, owedFen } of overdue) totals.set(bill.accountNo, (totals.get(bill.accountNo) ?? 0) + owedFen);
  return sorted(totals).map(([accountNo, amountFen]) => ({ accountNo, amountFen }));
}

/** Largest first, then by key (null last), so results read well and never depend on input order. */
function sorted<K extends string | null>(totals: Map<K, number>): [K, number][] {
  return [...totals.entries()].sort(
    ([ka, a], [kb, b]) => b - a || (ka === null ? 1 : kb === null ? -1 : compareText(ka, kb)),
  );
}
