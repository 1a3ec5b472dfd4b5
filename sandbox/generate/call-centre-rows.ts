import type { Barring } from "./billing-rows.js";
import { localTimestamp } from "./dates.js";
import type { CustomerPlan, ServicePlan, World } from "./plan.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/** The call centre's stream: its rows must not move any other system's (see customer-rows.ts). */
const CALL_CENTRE_STREAM = 0x0cc0;
/** Call slots per customer: call_seq is index × slots + position. */
export const MAX_CALLS = 64;
/** How far back the call centre keeps calls: two years. */
const HISTORY_DAYS = 730;

/** The call centre's spelling of a calling number (sandbox/schema/call-centre.ts): fixed lines as they are, mobiles with or without 86. */
export function callCentreSpelling(service: Pick<ServicePlan, "accNbr" | "product">, withCountryCode: boolean): string {
  return service.product === "YD" && withCountryCode ? `86${service.accNbr}` : service.accNbr;
}

/**
 * Calls to the 10000 hotline over the last two years: a few a year for a contented customer, more for the
 * unhappy (who also complain at the hall), for those behind with their bills or barred for it, and for
 * customers with many lines (more to go wrong). Key accounts call less: they have a manager to call.
 */
export function emitCallCentre(world: World, plan: CustomerPlan, barring: Map<number, Barring>, sink: RowSink, schema: string): void {
  const rng = new Rng(world.seed + CALL_CENTRE_STREAM, plan.index);
  const unhappy = 1 - plan.mood;
  const barred = [...barring.values()].some((level) => level !== "NONE");
  const behind = { PUNCTUAL: 0, LATE: 0.6, PARTIAL: 1, ARREARS: 2 }[plan.habit] + (barred ? 1.5 : 0);
  const keyAccount = plan.kind === "03" || plan.kind === "04";
  const perYear = (1.2 + 2.5 * unhappy * unhappy + behind + 0.3 * Math.min(plan.services.length, 8)) * (keyAccount ? 0.6 : 1);
  const firstDay = Math.max(plan.createdDay, world.asOfDay - HISTORY_DAYS);
  const years = (world.asOfDay - firstDay + 1) / 365;
  const count = Math.min(MAX_CALLS, Math.round(perYear * years * (0.4 + rng.float() * 1.2)));
  const voice = plan.services.filter((s) => s.product === "YD" || s.product === "GH");
  const typeWeights: [string, number][] = [
    ["ZX", 40],
    ["CF", 20 + behind * 15],
    ["ZA", 15 + 2 * Math.min(plan.services.length, 8)],
    ["TS", 6 + 20 * unhappy],
    ["XH", 2 + 8 * unhappy + (barred ? 6 : 0)],
  ];
  for (let n = 0; n < count; n++) {
    const day = rng.int(firstDay, world.asOfDay);
    const second = rng.chance(0.05) ? rng.int(0, 86_399) : rng.int(8 * 3600, 21 * 3600 + 3599);
    const fromHeldLine = voice.length > 0 && rng.chance(0.8);
    const callerNo = fromHeldLine ? callCentreSpelling(rng.pick(voice), rng.chance(0.4)) : otherNumber(rng);
    // From a line the customer holds the agent often does not ask; from any other number the caller had to say who they are.
    const identified = !fromHeldLine || rng.chance(0.6);
    const type = rng.weighted(typeWeights);
    const result = rng.weighted(OUTCOMES[type] ?? OUTCOMES["ZX"]!);
    const talkSecs = type === "ZX" ? rng.int(20, 300) : rng.int(60, 1_200);
    const startTime = localTimestamp(day, second).replace(/[- :]/g, "");
    sink.row(schema, "cc_call", [plan.index * MAX_CALLS + n, callerNo, identified ? plan.custNo : "", type, result, startTime, talkSecs, `A${rng.digits(4)}`]);
  }
}

/** Outcome weights by call type: fault reports go on to network management, complaints often need a call back. */
const OUTCOMES: Record<string, [string, number][]> = {
  ZX: [["1", 88], ["2", 7], ["3", 5]],
  CF: [["1", 75], ["2", 10], ["3", 15]],
  ZA: [["1", 20], ["2", 70], ["3", 10]],
  TS: [["1", 35], ["2", 35], ["3", 30]],
  XH: [["1", 30], ["2", 50], ["3", 20]],
};

/** A number the customer does not hold with the carrier: a relative's mobile, an office switchboard. */
function otherNumber(rng: Rng): string {
  return rng.chance(0.7) ? `1${rng.pick(["35", "38", "52", "86", "39"])}${rng.digits(8)}` : `0${rng.pick(["10", "21", "25", "571"])}${rng.digits(8)}`;
}
