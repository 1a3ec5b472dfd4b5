import type { BillingFacts, CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { count, num } from "./format.js";
import type { FactorFinding } from "./score.js";

type Service = BillingFacts["services"][number];

/**
 * Services the customer still holds: billing's services not removed (barred ones are still held).
 * Billing is the source because it is where a service costs and earns; the hall's subscriptions mirror it.
 */
export function heldServices(facts: CustomerFacts): Service[] {
  return facts.billing.services.filter((s) => s.status !== "REMOVED");
}

export function removedServices(facts: CustomerFacts): Service[] {
  return facts.billing.services.filter((s) => s.status === "REMOVED");
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
