import type { BillingFacts, CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { compareText } from "./compare.js";
import { customerKindFinding } from "./customer-kind.js";
import { dayNumber, monthNumber } from "./dates.js";
import { count, fen, num, percent } from "./format.js";
import { settledOnAt } from "./owed.js";
import { levelOf, scoreFindings, type Factor, type FactorFinding, type Level } from "./score.js";
import { heldServices, productsHeldFinding } from "./services.js";
import { monthsWindow, type Window } from "./window.js";

export type CreditList = "RED" | "GREY" | "BLACK";
/** Whether the level and list are the computed ones or those billing's credit control set by hand. */
export type CreditSource = "COMPUTED" | "MANUAL";
/** A black-listed customer still holding a service (在用客户黑名单), or one who holds none any more (非在用客户黑名单). */
export type BlackListStatus = "IN_SERVICE" | "FORMER";
export type ManualCreditGrade = BillingFacts["manualCredit"][number];

/** A credit score from billing alone and the two factors only a customer has, and the list it puts the payer on. */
export interface ScoredCredit {
  score: number;
  level: Level;
  list: CreditList;
  /** Why the payer is on that list. */
  listReason: string;
  factors: Factor[];
}

export interface CreditResult extends ScoredCredit {
  source: CreditSource;
  /** The level and list the score and stains give, whatever was set by hand. */
  computedLevel: Level;
  computedList: CreditList;
  /** Null unless the list is BLACK. */
  blackListStatus: BlackListStatus | null;
  /** Credit control's grades set by hand up to the as-of date, newest first. */
  manualHistory: ManualCreditGrade[];
}

type CreditModel = ScoringModel["credit"];
type Account = BillingFacts["accounts"][number];
type Suspension = BillingFacts["suspensions"][number];
/** What the billing factors read: billing's facts of a customer or of one account, and the reference date. */
export type BillingSide = Pick<CustomerFacts, "asOf" | "billing">;

/**
 * Credit from the seed's six factors (3.2.1.5); the list follows from the score and from serious stains. A
 * level set by hand in billing's credit control, when one is in force, takes the level's and the list's place.
 */
export function assessCredit(facts: CustomerFacts, model: ScoringModel): CreditResult {
  const computed = scoreCredit(facts, model, {
    customerKind: customerKindFinding(facts, model.credit.customerKind),
    productsHeld: productsHeldFinding(facts, model),
    who: "customer",
  });
  // Billing's facts as of a date carry no later grade; facts read without one may, and a later grade is not yet known then.
  const manualHistory = facts.billing.manualCredit.filter((grade) => grade.setOn <= facts.asOf);
  const manual = manualOf(manualHistory[0], computed, model.credit);
  const list = manual?.list ?? computed.list;
  const blackListStatus = list === "BLACK" ? (heldServices(facts).length > 0 ? "IN_SERVICE" : "FORMER") : null;
  return {
    ...computed,
    ...manual,
    source: manual ? "MANUAL" : "COMPUTED",
    computedLevel: computed.level,
    computedList: computed.list,
    blackListStatus,
    manualHistory,
  };
}

/** The findings only a customer has, and how the list's reasons name who is judged ("customer", "account"). */
export interface CustomerLevel {
  customerKind: FactorFinding;
  productsHeld: FactorFinding;
  who: string;
}

/**
 * The score of the billing side with the customer-level findings given: a customer's own, or neutral ones for
 * an account (account-credit.ts). Its level is on the seed's cut points; its list from the score and stains.
 */
export function scoreCredit(side: BillingSide, model: ScoringModel, customerLevel: CustomerLevel): ScoredCredit {
  const config = model.credit;
  const window = monthsWindow(side.asOf, model.windowMonths);
  const { score, factors } = scoreFindings(config.weights, {
    customerKind: customerLevel.customerKind,
    paymentMethod: paymentMethodFinding(side, config),
    productsHeld: customerLevel.productsHeld,
    paymentTimeliness: timelinessFinding(side, config, window),
    currentCharges: currentChargesFinding(side, config),
    stains: stainsFinding(side, config),
  });
  const { list, listReason } = listOf(side, config, score, customerLevel.who);
  return { score, level: levelOf(score, model.levelCutPoints), list, listReason, factors };
}

/** The level and list of the grade in force, when it sets one (the newest grade may lift the one before). */
function manualOf(grade: ManualCreditGrade | undefined, computed: ScoredCredit, config: CreditModel): Pick<ScoredCredit, "level" | "list" | "listReason"> | null {
  if (grade === undefined || grade.level === null) return null;
  const list = grade.list ?? config.manual.listOfLevel[grade.level];
  const which = grade.list === null ? `the ${list} list following the level` : `the ${list} list`;
  const listReason =
    `Set by hand in billing's credit control on ${grade.setOn} by ${grade.setBy}: ${grade.level} and ${which} (${grade.reason}). ` +
    `Computed: ${computed.level}, ${computed.list}; ${computed.listReason}`;
  return { level: grade.level, list, listReason };
}

/** Accounts in force, or all of them when every account is closed (the customer is still judged on how they paid). */
function accountsInForce(facts: BillingSide): Account[] {
  const sorted = [...facts.billing.accounts].sort((a, b) => compareText(a.accountNo, b.accountNo));
  const active = sorted.filter((a) => a.status === "ACTIVE");
  return active.length > 0 ? active : sorted;
}

function paymentMethodFinding(facts: BillingSide, config: CreditModel): FactorFinding {
  const accounts = accountsInForce(facts);
  const neutral = config.paymentMethod.noAccount;
  if (accounts.length === 0) return { value: neutral, reason: `No billing account: neutral ${num(neutral)}.` };
  const values = accounts.map((a) => config.paymentMethod.values[a.paymentMethod]);
  const value = values.reduce((s, v) => s + v, 0) / values.length;
  const methods = accounts.map((a, i) => `${a.paymentMethod} (${num(values[i] as number)})`).join(", ");
  return {
    value,
    reason: accounts.length === 1 ? `Pays by ${methods}.` : `${count(accounts.length, "account")} pay by ${methods}: average ${num(value)}.`,
  };
}

/** How each bill due in the window was settled (written off) by the as-of date: on time, late by some days, or not yet. */
function timelinessFinding(facts: BillingSide, config: CreditModel, window: Window): FactorFinding {
  const rules = config.paymentTimeliness;
  const asOf = dayNumber(facts.asOf);
  const from = dayNumber(window.fromDate);
  const due = facts.billing.bills.filter((b) => {
    const day = dayNumber(b.dueDate);
    return day >= from && day < asOf;
  });
  if (due.length === 0) {
    return { value: rules.noBillsDue, reason: `No bill fell due in the last ${count(window.months, "month")}: neutral ${num(rules.noBillsDue)}.` };
  }
  let onTime = 0;
  let unpaid = 0;
  let late = 0;
  let worstLateDays = 0;
  let total = 0;
  for (const bill of due) {
    // Settled when billing's write-off run cleared it, not when money reached the account.
    const settledOn = settledOnAt(bill, asOf);
    if (settledOn === null) {
      unpaid += 1;
      total += rules.unpaid;
      continue;
    }
    const daysLate = settledOn - dayNumber(bill.dueDate);
    if (daysLate <= 0) {
      onTime += 1;
      total += rules.onTime;
      continue;
    }
    late += 1;
    worstLateDays = Math.max(worstLateDays, daysLate);
    total += rules.late.find((band) => daysLate <= band.maxDaysLate)?.value ?? rules.lateBeyond;
  }
  const value = total / due.length;
  const parts = [`${num(onTime)} paid on time`];
  if (late > 0) parts.push(`${num(late)} paid late (up to ${count(worstLateDays, "day")})`);
  if (unpaid > 0) parts.push(`${num(unpaid)} still unpaid`);
  const counted = `${count(due.length, "bill")} due in the last ${count(window.months, "month")}`;
  return { value, reason: `Of ${counted}: ${parts.join(", ")}; average ${num(value)}.` };
}

/**
 * The newest billing month's charges against what the customer may run up: the credit limit of
 * post-paid accounts, the balance left on prepaid ones.
 */
function currentChargesFinding(facts: BillingSide, config: CreditModel): FactorFinding {
  const rules = config.currentCharges;
  const asOfMonth = monthNumber(facts.asOf);
  const billed = facts.billing.bills.filter((b) => monthNumber(b.month) <= asOfMonth);
  if (billed.length === 0) return { value: rules.noBills, reason: `No bill yet: neutral ${num(rules.noBills)}.` };
  const latestMonth = Math.max(...billed.map((b) => monthNumber(b.month)));
  const latest = billed.filter((b) => monthNumber(b.month) === latestMonth);
  const charges = latest.reduce((sum, b) => sum + Math.max(0, b.amountFen), 0);
  const accountNos = new Set(latest.map((b) => b.accountNo));
  const accounts = facts.billing.accounts.filter((a) => accountNos.has(a.accountNo));
  const prepaid = accounts.filter((a) => a.paymentMethod === "PREPAID");
  const capacity = accounts.reduce((sum, a) => sum + Math.max(0, a.paymentMethod === "PREPAID" ? a.balanceFen : a.creditLimitFen), 0);
  const ratio = capacity > 0 ? charges / capacity : charges > 0 ? Number.POSITIVE_INFINITY : 0;
  const value = rules.bands.find((band) => ratio <= band.maxRatio)?.value ?? rules.beyond;
  const against =
    prepaid.length === 0 ? "a credit limit of" : prepaid.length === accounts.length ? "a prepaid balance of" : "limits and prepaid balances of";
  const share = Number.isFinite(ratio) ? ` (${percent(ratio)})` : "";
  return { value, reason: `Charges of ${latest[0]?.month} ${fen(charges)} against ${against} ${fen(capacity)}${share}: ${num(value)}.` };
}

/** Weight of a stain: full while it lasts, then by the age of its start. */
function stainWeight(suspension: Suspension, asOf: number, config: CreditModel): number {
  if (isActive(suspension, asOf)) return 1;
  const age = asOf - dayNumber(suspension.from);
  return config.stains.ageWeights.find((band) => age <= band.maxAgeDays)?.weight ?? config.stains.olderWeight;
}

function isActive(suspension: Suspension, asOf: number): boolean {
  return suspension.until === null || dayNumber(suspension.until) > asOf;
}

function stainsFinding(facts: BillingSide, config: CreditModel): FactorFinding {
  const asOf = dayNumber(facts.asOf);
  const stains = newestFirst(facts.billing.suspensions.filter((s) => dayNumber(s.from) <= asOf));
  if (stains.length === 0) return { value: 100, reason: "No suspension on record." };
  const byReason = new Map<Suspension["reason"], { n: number; penalty: number; active: number }>();
  for (const stain of stains) {
    const entry = byReason.get(stain.reason) ?? { n: 0, penalty: 0, active: 0 };
    entry.n += 1;
    entry.penalty += config.stains.penalty[stain.reason] * stainWeight(stain, asOf, config);
    if (isActive(stain, asOf)) entry.active += 1;
    byReason.set(stain.reason, entry);
  }
  const penalty = [...byReason.values()].reduce((sum, e) => sum + e.penalty, 0);
  const value = Math.max(0, 100 - penalty);
  const detail = [...byReason.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([reason, e]) => `${reason} ×${e.n}${e.active > 0 ? ` (${num(e.active)} active)` : ""} −${num(e.penalty)}`)
    .join(", ");
  return { value, reason: `${count(stains.length, "suspension")}: ${detail}; 100 − ${num(penalty)} = ${num(value)}.` };
}

/** Newest first, then by service number, so reasons never depend on the order the facts arrived in. */
function newestFirst(suspensions: readonly Suspension[]): Suspension[] {
  return [...suspensions].sort(
    (a, b) => dayNumber(b.from) - dayNumber(a.from) || compareText(a.serviceNo, b.serviceNo) || compareText(a.reason, b.reason),
  );
}

function listOf(facts: BillingSide, config: CreditModel, score: number, who: string): { list: CreditList; listReason: string } {
  const lists = config.lists;
  const asOf = dayNumber(facts.asOf);
  const serious = newestFirst(facts.billing.suspensions).find(
    (s) =>
      lists.blackListStains.includes(s.reason) &&
      dayNumber(s.from) <= asOf &&
      (isActive(s, asOf) || asOf - dayNumber(s.from) <= lists.blackListStainDays),
  );
  if (serious) {
    const when = isActive(serious, asOf) ? "still active" : `within ${num(lists.blackListStainDays)} days`;
    const listReason = `${serious.reason} suspension of ${serious.serviceNo} from ${serious.from} (${when}) puts the ${who} on the black list.`;
    return { list: "BLACK", listReason };
  }
  if (score < lists.blackBelow) return { list: "BLACK", listReason: `Score ${num(score)} is below ${num(lists.blackBelow)}.` };
  if (score >= lists.redFrom) return { list: "RED", listReason: `Score ${num(score)} reaches ${num(lists.redFrom)}.` };
  return { list: "GREY", listReason: `Score ${num(score)} is between ${num(lists.blackBelow)} and ${num(lists.redFrom)}.` };
}
