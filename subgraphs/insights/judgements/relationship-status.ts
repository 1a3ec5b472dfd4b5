import type { CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { addMonths, dayNumber } from "./dates.js";
import { COMPETITOR_WORDS, REMOVAL_REASON_WORDS } from "./churn-events.js";
import { count } from "./format.js";
import { assessPotentialKeyAccount } from "./potential-key-account.js";
import { subscriptionsAsOf } from "./services.js";
import { newestUsableSurvey } from "./survey.js";

/** The seed's relationship of a customer to the carrier (3.2.1.10 §2). */
export type RelationshipStatus = "CURRENT" | "POTENTIAL" | "FORMER" | "COMPETITORS" | "SHARED_WITH_COMPETITOR";

export interface RelationshipResult {
  status: RelationshipStatus;
  /** The rule that decided. */
  reason: string;
  /** Every fact the rules read, whether it decided or not. */
  facts: string[];
}

/**
 * One status per customer, though the seed's groups overlap (a customer falls into several by different
 * standards): the first rule that holds decides, in this order.
 * - Holds no line (the hall's subscriptions on the as-of date, services.ts: all removed or none):
 *   never held one → POTENTIAL (registered with the hall, never served: the seed's public potential customer);
 *   the newest removal went to a competitor, or the newest usable survey says they use another carrier →
 *   COMPETITORS; otherwise → FORMER.
 * - Holds a line: the newest usable survey says they also use another carrier, or a line went to a competitor
 *   within `competitorRemovalMonths` → SHARED_WITH_COMPETITOR; a potential key account (revenue just under the
 *   threshold: the seed's potential key-account customer) → POTENTIAL; otherwise → CURRENT.
 * The seed's third potential group, customers holding some products and not others, is every customer with a
 * gap in their products: a cross-selling criterion (customers(filter: { productCode })), not a status.
 */
export function assessRelationship(facts: CustomerFacts, model: ScoringModel): RelationshipResult {
  const { workOrders } = facts.profile;
  const asOf = dayNumber(facts.asOf);
  const lines = subscriptionsAsOf(facts);
  const held = lines.HELD;
  const subscriptions = [...lines.HELD, ...lines.REMOVED];
  const removals = workOrders
    .filter((o) => o.type === "REMOVAL" && o.status === "COMPLETED" && o.completedOn !== null && dayNumber(o.completedOn) <= asOf)
    .sort((a, b) => dayNumber(b.completedOn as string) - dayNumber(a.completedOn as string));
  const newestRemoval = removals[0];
  const { survey } = newestUsableSurvey(facts, model);
  const surveySaysOther = survey?.usesOtherCarrier === true;
  const found: string[] = [
    `Holds ${held.length} of the ${count(subscriptions.length, "line")} on record with the business hall.`,
    newestRemoval
      ? `Newest removal: line ${newestRemoval.serviceNo} on ${newestRemoval.completedOn}, ${removalWords(newestRemoval)}.`
      : "No line removed.",
    survey ? `Newest usable survey (${survey.surveyDate}) ${surveySaysOther ? "says they also use another carrier" : "shows no other carrier"}.` : "No usable survey.",
  ];
  const decide = (status: RelationshipStatus, reason: string): RelationshipResult => ({ status, reason, facts: found });

  if (held.length === 0) {
    if (subscriptions.length === 0) return decide("POTENTIAL", "Registered with the business hall but never held a line.");
    if (newestRemoval?.removalReason === "COMPETITOR") return decide("COMPETITORS", "Holds no line any more, and the last one went to a competitor.");
    if (surveySaysOther) return decide("COMPETITORS", "Holds no line any more, and their newest survey says they use another carrier.");
    return decide("FORMER", "Held lines before and holds none now.");
  }
  const since = dayNumber(addMonths(facts.asOf, -model.relationship.competitorRemovalMonths));
  const lostToCompetitor = removals.find((o) => o.removalReason === "COMPETITOR" && dayNumber(o.completedOn as string) >= since);
  if (surveySaysOther) return decide("SHARED_WITH_COMPETITOR", "Holds lines, and their newest survey says they also use another carrier.");
  if (lostToCompetitor) {
    return decide(
      "SHARED_WITH_COMPETITOR",
      `Holds lines, and line ${lostToCompetitor.serviceNo} went to a competitor on ${lostToCompetitor.completedOn}, within ${count(model.relationship.competitorRemovalMonths, "month")}.`,
    );
  }
  const potential = assessPotentialKeyAccount(facts, model);
  found.push(potential.reason);
  if (potential.potential) return decide("POTENTIAL", "Holds lines and is a potential key account.");
  return decide("CURRENT", "Holds lines, with no sign of a competitor.");
}

function removalWords(order: CustomerFacts["profile"]["workOrders"][number]): string {
  if (order.removalReason === null) return "no reason recorded";
  const where = order.competitor === null ? "" : ` (${COMPETITOR_WORDS[order.competitor]})`;
  return `${REMOVAL_REASON_WORDS[order.removalReason]}${where}`;
}
