import type { CustomerFacts, ProfileFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { compareText } from "./compare.js";
import { dayNumber } from "./dates.js";
import { count, fen, percent } from "./format.js";
import { median, monthlyTotals } from "./usage.js";
import { windowOf } from "./window.js";

type WorkOrder = ProfileFacts["workOrders"][number];
export type RemovalReason = NonNullable<WorkOrder["removalReason"]>;
export type Competitor = NonNullable<WorkOrder["competitor"]>;

/** The seed's kinds of churn (3.2.1.9): disconnection, move, usage falling below a level, use of another carrier. */
export type ChurnEventKind = "REMOVAL" | "MOVE" | "USAGE_FALL" | "COMPETITOR";

export interface ChurnEvent {
  kind: ChurnEventKind;
  /** The day it happened: a work order's completion, a survey's date, the first day of the month usage fell. */
  on: string;
  serviceNo: string | null;
  workOrderNo: string | null;
  removalReason: RemovalReason | null;
  competitor: Competitor | null;
  reason: string;
}

export const REMOVAL_REASON_WORDS: Record<RemovalReason, string> = {
  MOVED_AWAY: "moved away",
  PRICE: "the price",
  QUALITY: "the quality",
  COMPETITOR: "went to a competitor",
  ARREARS: "unpaid arrears",
  DECEASED_OR_CLOSED: "deceased, or the business closed",
  OTHER: "another reason",
};

export const COMPETITOR_WORDS: Record<Competitor, string> = {
  CHINA_MOBILE: "China Mobile",
  CHINA_UNICOM: "China Unicom",
  CHINA_BROADNET: "China Broadnet",
  OTHER: "another carrier",
};

const KIND_ORDER: Record<ChurnEventKind, number> = { REMOVAL: 0, MOVE: 1, USAGE_FALL: 2, COMPETITOR: 3 };

/**
 * The customer's churn events up to the as-of date, newest first: the hall's completed removal and move
 * orders with their reasons, surveys saying the customer also uses another carrier, and the month billed
 * usage fell below the customer's usual level (billing). A line removed to a competitor is one REMOVAL with
 * that reason, not a COMPETITOR event as well: each fact is one event.
 */
export function churnEvents(facts: CustomerFacts, model: ScoringModel): ChurnEvent[] {
  const asOf = dayNumber(facts.asOf);
  const events: ChurnEvent[] = [];
  for (const order of facts.profile.workOrders) {
    if (order.status !== "COMPLETED" || order.completedOn === null || dayNumber(order.completedOn) > asOf) continue;
    if (order.type === "REMOVAL") events.push(removal(order, order.completedOn));
    if (order.type === "MOVE") {
      events.push({ ...fromOrder(order, order.completedOn), kind: "MOVE", reason: `Line ${order.serviceNo} moved on ${order.completedOn} (work order ${order.orderNo}).` });
    }
  }
  for (const survey of facts.profile.surveys) {
    if (!survey.usesOtherCarrier || dayNumber(survey.surveyDate) > asOf) continue;
    events.push({
      kind: "COMPETITOR",
      on: survey.surveyDate,
      serviceNo: null,
      workOrderNo: null,
      removalReason: null,
      competitor: null,
      reason: `Survey of ${survey.surveyDate} says they also use another carrier.`,
    });
  }
  const fall = usageFall(facts, model);
  if (fall) events.push(fall);
  return events.sort((a, b) => compareText(b.on, a.on) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(b.workOrderNo ?? "", a.workOrderNo ?? ""));
}

function fromOrder(order: WorkOrder, on: string): Omit<ChurnEvent, "kind" | "reason"> {
  return { on, serviceNo: order.serviceNo, workOrderNo: order.orderNo, removalReason: order.removalReason, competitor: order.competitor };
}

function removal(order: WorkOrder, on: string): ChurnEvent {
  const why = order.removalReason === null ? "no reason recorded" : REMOVAL_REASON_WORDS[order.removalReason];
  const where = order.competitor === null ? "" : ` (${COMPETITOR_WORDS[order.competitor]})`;
  return { ...fromOrder(order, on), kind: "REMOVAL", reason: `Line ${order.serviceNo} removed on ${on} (work order ${order.orderNo}): ${why}${where}.` };
}

/**
 * The month billed usage fell below `belowShare` of the usual level (the median of the window's first
 * `baselineMonths` billed months) and stayed below in every billed month since; null when it has not.
 */
export function usageFall(facts: CustomerFacts, model: ScoringModel): ChurnEvent | null {
  const rules = model.churnEvents.usageFall;
  const totals = monthlyTotals(facts, windowOf(facts, model));
  if (totals.length < rules.minMonths) return null;
  const baseline = totals.slice(0, rules.baselineMonths);
  const usual = median(baseline.map((t) => t.amountFen));
  if (usual <= 0) return null;
  const level = usual * rules.belowShare;
  let first = -1;
  for (let i = totals.length - 1; i >= rules.baselineMonths && (totals[i]?.amountFen ?? 0) < level; i--) first = i;
  const fell = totals[first];
  if (!fell) return null;
  const since = totals.length - first - 1;
  return {
    kind: "USAGE_FALL",
    on: `${fell.label}-01`,
    serviceNo: null,
    workOrderNo: null,
    removalReason: null,
    competitor: null,
    reason:
      `Billed ${fen(fell.amountFen)} in ${fell.label}, below ${percent(rules.belowShare)} of the usual ${fen(Math.round(usual))} ` +
      `(median of ${baseline[0]?.label}…${baseline.at(-1)?.label})` +
      (since === 0 ? "." : `, and below it in the ${count(since, "billed month")} since.`),
  };
}
