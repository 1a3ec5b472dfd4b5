import type { ScoringModel } from "../config.js";
import type { CustomerFacts } from "../facts.js";
import { CREDIT_LEVELS_ASCENDING, ruleOf, type OfferRule, type OfferRules } from "../offer-rules.js";
import { assessCredit } from "./credit.js";
import { isoMonth, monthNumber } from "./dates.js";
import { count, fen, num } from "./format.js";
import { heldServices } from "./services.js";
import { monthlyTotals, revenueFen } from "./usage.js";
import { monthsWindow } from "./window.js";

type Product = CustomerFacts["billing"]["services"][number]["product"];

/** An offer valid on the reference date where the customer lives, as billing's catalogue gives it. */
export interface OfferInForce {
  code: string;
  product: Product;
}

/** An offer one of the customer's lines took, as the business hall records it. */
export interface HeldOffer {
  serviceNo: string;
  offerCode: string;
  startDate: string;
  endDate: string | null;
}

/** One condition of an offer's rule: what it asks, what the customer has, whether that is enough, and why. */
export interface EligibilityFactor {
  name: string;
  required: string;
  actual: string;
  met: boolean;
  reason: string;
}

export interface OfferEligibilityResult {
  offerCode: string;
  /** Every factor met. */
  eligible: boolean;
  reason: string;
  factors: EligibilityFactor[];
}

/** What the rules read about the customer, worked out once for all the offers judged. */
interface Standing {
  kind: CustomerFacts["profile"]["kind"];
  lines: Product[];
  credit: ReturnType<typeof assessCredit>;
  spendFen: number;
  spendMonths: string;
  tenureMonths: number;
}

/**
 * Eligibility for new offers (seed 3.2.1.7: offers are set by lines held, credit and total spend): for each offer
 * valid where the customer lives, every condition of its rule (config/offers.json) with what it asks, what the
 * customer has and whether that is enough. An offer a line of the customer already holds is no new offer for it.
 */
export function assessOfferEligibility(
  facts: CustomerFacts,
  offers: readonly OfferInForce[],
  held: readonly HeldOffer[],
  rules: OfferRules,
  model: ScoringModel,
): OfferEligibilityResult[] {
  if (offers.length === 0) return [];
  const window = monthsWindow(facts.asOf, rules.spendMonths);
  const standing: Standing = {
    kind: facts.profile.kind,
    lines: heldServices(facts).map((s) => s.product),
    credit: assessCredit(facts, model),
    spendFen: revenueFen(monthlyTotals(facts, window)),
    spendMonths: `the ${count(window.months, "closed month")} ${isoMonth(window.firstMonth)} to ${isoMonth(window.lastMonth)}`,
    tenureMonths: monthsBetween(facts.profile.createdAt, facts.asOf),
  };
  const current = held.filter((h) => h.endDate === null || h.endDate >= facts.asOf);
  return offers.map((offer) => {
    const rule = ruleOf(rules, offer.code);
    const factors = [
      ...conditions(rule, offer, standing),
      alreadyHeld(current.filter((h) => h.offerCode === offer.code)),
    ];
    const unmet = factors.filter((f) => !f.met).map((f) => f.name);
    return {
      offerCode: offer.code,
      eligible: unmet.length === 0,
      reason: unmet.length === 0 ? `Eligible: all ${count(factors.length, "condition")} met.` : `Not eligible: ${unmet.join(", ")} not met.`,
      factors,
    };
  });
}

function conditions(rule: OfferRule, offer: OfferInForce, s: Standing): EligibilityFactor[] {
  const factors: EligibilityFactor[] = [];
  if (rule.customerKinds) {
    const met = rule.customerKinds.includes(s.kind);
    const wanted = rule.customerKinds.join(" or ");
    factors.push({ name: "customerKind", required: wanted, actual: s.kind, met, reason: `A ${s.kind} customer (business hall); the offer is for ${wanted} customers.` });
  }
  if (rule.minLines !== undefined || rule.maxLines !== undefined) {
    const range = bounds(rule.minLines, rule.maxLines, (n) => num(n));
    const met = within(s.lines.length, rule.minLines, rule.maxLines);
    factors.push({ name: "linesHeld", required: range, actual: num(s.lines.length), met, reason: `Holds ${count(s.lines.length, "line")} in service (billing, 装机量); the offer asks ${range}.` });
  }
  if (rule.product !== "ANY") {
    const holding = s.lines.filter((p) => p === offer.product).length;
    const met = rule.product === "HELD" ? holding > 0 : holding === 0;
    const actual = holding === 0 ? `no ${offer.product} line held` : `${count(holding, `${offer.product} line`)} held`;
    const required = rule.product === "HELD" ? `a ${offer.product} line held` : `no ${offer.product} line held`;
    const why = rule.product === "HELD" ? "it discounts a line of that product the customer holds" : "it is for customers taking their first such line";
    factors.push({ name: "productHeld", required, actual, met, reason: `${capital(actual)} (billing); ${why}.` });
  }
  const credit = s.credit;
  const source = credit.source === "MANUAL" ? "set by hand in billing's credit control" : `computed, score ${num(credit.score)}`;
  if (rule.minCreditLevel !== undefined) {
    const met = CREDIT_LEVELS_ASCENDING.indexOf(credit.level) >= CREDIT_LEVELS_ASCENDING.indexOf(rule.minCreditLevel);
    const required = `${rule.minCreditLevel} or better`;
    factors.push({ name: "creditLevel", required, actual: credit.level, met, reason: `Credit level ${credit.level} (${source}); the offer asks ${required}.` });
  }
  if (!rule.allowBlackList) {
    const met = credit.list !== "BLACK";
    factors.push({ name: "creditList", required: "not BLACK", actual: credit.list, met, reason: `On the ${credit.list} list (${source}); the offer is closed to the black list.` });
  }
  if (rule.minSpendFen !== undefined || rule.maxSpendFen !== undefined) {
    const range = bounds(rule.minSpendFen, rule.maxSpendFen, fen);
    const met = within(s.spendFen, rule.minSpendFen, rule.maxSpendFen);
    factors.push({ name: "spend", required: range, actual: fen(s.spendFen), met, reason: `Billed ${fen(s.spendFen)} over ${s.spendMonths} (billing, 话费总额); the offer asks ${range}.` });
  }
  if (rule.minTenureMonths !== undefined) {
    const met = s.tenureMonths >= rule.minTenureMonths;
    const required = `at least ${count(rule.minTenureMonths, "month")}`;
    factors.push({ name: "tenure", required, actual: count(s.tenureMonths, "month"), met, reason: `A customer for ${count(s.tenureMonths, "month")} (business hall); the offer asks ${required}.` });
  }
  return factors;
}

function alreadyHeld(holding: readonly HeldOffer[]): EligibilityFactor {
  const first = holding[0];
  if (!first) return { name: "notHeld", required: "not held already", actual: "not held", met: true, reason: "No line of the customer holds it (business hall)." };
  const until = first.endDate === null ? "no end set" : `to ${first.endDate}`;
  return {
    name: "notHeld",
    required: "not held already",
    actual: `held on ${first.serviceNo}`,
    met: false,
    reason: `Line ${first.serviceNo} already holds it from ${first.startDate}, ${until} (business hall): it is no new offer for this customer.`,
  };
}

function within(value: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function bounds(min: number | undefined, max: number | undefined, show: (n: number) => string): string {
  if (min !== undefined && max !== undefined) return `from ${show(min)} to ${show(max)}`;
  return min !== undefined ? `at least ${show(min)}` : `at most ${show(max as number)}`;
}

/** Whole calendar months from the date of the timestamp `from` to the ISO date `to` (0 when `from` is later). */
function monthsBetween(from: string, to: string): number {
  const months = monthNumber(to) - monthNumber(from) - (Number(to.slice(8, 10)) < Number(from.slice(8, 10)) ? 1 : 0);
  return Math.max(0, months);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
