import type { BillingFacts } from "../../adapters/billing/port.js";

/** What billing knows of a customer it has no record of: the facts field and the snapshot job (tools/snapshot) both judge on it. */
export const NO_BILLING: BillingFacts = { accounts: [], bills: [], services: [], suspensions: [], dunning: [], manualCredit: [] };
