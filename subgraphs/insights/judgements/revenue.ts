import type { CustomerFacts } from "../facts.js";
import { heldServices } from "./services.js";

/**
 * What ARPU and ARPA divide revenue by: the services the customer holds (billing's, barred ones
 * included) and the accounts in force. The value tier and the revenue trend share these definitions,
 * so a manager's monthly figures average out to the tier's.
 */
export interface RevenueUnits {
  services: number;
  accounts: number;
}

export function revenueUnits(facts: CustomerFacts): RevenueUnits {
  return { services: heldServices(facts).length, accounts: facts.billing.accounts.filter((a) => a.status === "ACTIVE").length };
}

/**
 * Revenue per unit per month over `months` billed months, rounded once, half up, to whole fen.
 * Nobody held counts as one, so revenue still shows; no month billed gives 0.
 */
export function perUnitPerMonth(revenueFen: number, months: number, units: number): number {
  return months === 0 ? 0 : Math.round(revenueFen / (months * Math.max(1, units)));
}
