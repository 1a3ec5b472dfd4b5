import type { BillingFacts, CustomerFacts, ProfileFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { count, num } from "./format.js";
import type { FactorFinding } from "./score.js";

type Service = BillingFacts["services"][number];
type Subscription = ProfileFacts["subscriptions"][number];

/** A line's standing on the as-of date: not the customer's yet, held (barred ones too), or removed. */
export type Standing = "NOT_YET" | "HELD" | "REMOVED";

/**
 * The hall's dating of lines after the as-of date, from its completed work orders: lines installed or transferred
 * to the customer after it, and lines removed after it.
 */
interface LaterOrders {
  cameAfter: ReadonlySet<string>;
  removedAfter: ReadonlySet<string>;
}

function laterOrders(facts: CustomerFacts): LaterOrders {
  const cameAfter = new Set<string>();
  const removedAfter = new Set<string>();
  for (const order of facts.profile.workOrders) {
    if (order.status !== "COMPLETED" || order.completedOn === null || order.completedOn <= facts.asOf) continue;
    if (order.type === "INSTALLATION" || order.type === "TRANSFER") cameAfter.add(order.serviceNo);
    if (order.type === "REMOVAL") removedAfter.add(order.serviceNo);
  }
  return { cameAfter, removedAfter };
}

/**
 * Where a line stood on the as-of date. A system's line state is the state now; the hall's completed work orders
 * date its changes: a line started, installed or transferred to the customer after the as-of date was not the
 * customer's yet, and one removed after it was still held then. A line removed now with no dated removal order
 * counts as removed (when is unknown). As of today this is the state now.
 */
function standingOf(line: { serviceNo: string; startedOn: string; removedNow: boolean }, asOf: string, later: LaterOrders): Standing {
  if (line.startedOn > asOf || later.cameAfter.has(line.serviceNo)) return "NOT_YET";
  return line.removedNow && !later.removedAfter.has(line.serviceNo) ? "REMOVED" : "HELD";
}

/**
 * Billing's services by where they stood on the as-of date. Billing is the source because it is where a service
 * costs and earns; the hall's subscriptions mirror it, and its work orders date the changes.
 */
export function servicesAsOf(facts: CustomerFacts): Record<Exclude<Standing, "NOT_YET">, Service[]> {
  const later = laterOrders(facts);
  const result: Record<Exclude<Standing, "NOT_YET">, Service[]> = { HELD: [], REMOVED: [] };
  for (const service of facts.billing.services) {
    const standing = standingOf({ serviceNo: service.serviceNo, startedOn: service.startedOn, removedNow: service.status === "REMOVED" }, facts.asOf, later);
    if (standing !== "NOT_YET") result[standing].push(service);
  }
  return result;
}

/** The hall's subscriptions by where they stood on the as-of date, on the same rule as billing's services. */
export function subscriptionsAsOf(facts: CustomerFacts): Record<Exclude<Standing, "NOT_YET">, Subscription[]> {
  const later = laterOrders(facts);
  const result: Record<Exclude<Standing, "NOT_YET">, Subscription[]> = { HELD: [], REMOVED: [] };
  for (const line of facts.profile.subscriptions) {
    const standing = standingOf({ serviceNo: line.serviceNo, startedOn: line.startDate, removedNow: line.status === "REMOVED" }, facts.asOf, later);
    if (standing !== "NOT_YET") result[standing].push(line);
  }
  return result;
}

/** Services the customer held on the as-of date (barred ones are still held). */
export function heldServices(facts: CustomerFacts): Service[] {
  return servicesAsOf(facts).HELD;
}

/** Services the customer had had removed by the as-of date. */
export function removedServices(facts: CustomerFacts): Service[] {
  return servicesAsOf(facts).REMOVED;
}

/** Equipment held (seed: 通信设备当前拥有情况): points per service up to a cap, plus a bonus per kind of product. */
export function productsHeldFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const config = model.productsHeld;
  const held = heldServices(facts);
  if (held.length === 0) return { value: 0, reason: "Holds no active service." };
  const kinds = [...new Set(held.map((s) => s.product))].sort();
  const counted = Math.min(held.length, config.maxServicesCounted);
  const bonus = kinds.reduce((sum, kind) => sum + config.productBonus[kind], 0);
  const value = Math.min(100, counted * config.perService + bonus);
  return {
    value,
    reason:
      `Holds ${count(held.length, "service")} of ${count(kinds.length, "kind")} (${kinds.join(", ")}): ` +
      `${num(counted)} × ${num(config.perService)} + ${num(bonus)} bonus = ${num(value)}${value === 100 ? " (capped)" : ""}.`,
  };
}
