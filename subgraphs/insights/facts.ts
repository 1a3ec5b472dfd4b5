/**
 * The facts each source subgraph exposes on Customer for the judgements (billingFacts, profileFacts,
 * networkFacts, keyAccountFacts). The insights subgraph receives them through @requires and computes
 * from them alone: these shapes are the whole interface between the sources and the judgements.
 * Each is defined in its system's port, where the adapter produces it in one round trip.
 * Dates are ISO "YYYY-MM-DD", timestamps ISO 8601, money integer fen, months "YYYY-MM".
 */

export type { AccountBillingFacts, BillingFacts } from "../../adapters/billing/port.js";
export type { ProfileFacts } from "../../adapters/business-hall/port.js";
export type { NetworkFacts } from "../../adapters/network/port.js";
export type { KeyAccountFacts } from "../../adapters/key-account/port.js";
import type { BillingFacts } from "../../adapters/billing/port.js";
import type { ProfileFacts } from "../../adapters/business-hall/port.js";
import type { NetworkFacts } from "../../adapters/network/port.js";
import type { KeyAccountFacts } from "../../adapters/key-account/port.js";

/** Everything a judgement may read, plus the reference date results are computed as of. */
export interface CustomerFacts {
  customerId: string;
  asOf: string;
  billing: BillingFacts;
  profile: ProfileFacts;
  network: NetworkFacts;
  keyAccount: KeyAccountFacts;
}

export const FACTS_PARTS = ["billing", "profile", "network", "keyAccount"] as const;
export type FactsPart = (typeof FACTS_PARTS)[number];

/**
 * A customer's facts whose parts are read on first use and then kept: a judgement fails exactly when it
 * reads a part `read` cannot give, and is made from the others when it does not. The insights subgraph
 * and the snapshot job both build their facts with it, so they judge alike.
 */
export function lazyCustomerFacts(customerId: string, asOf: string, read: <K extends FactsPart>(key: K) => CustomerFacts[K]): CustomerFacts {
  const facts = { customerId, asOf } as CustomerFacts;
  for (const key of FACTS_PARTS) {
    let value: CustomerFacts[typeof key] | undefined;
    Object.defineProperty(facts, key, { enumerable: true, get: () => (value ??= read(key)) });
  }
  return facts;
}
