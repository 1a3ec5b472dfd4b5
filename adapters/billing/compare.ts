import type { CompareRules } from "../kit/shadow-compare.js";
import type { BillingPort } from "./port.js";

/**
 * How two billing adapters' answers compare in billing's terms (adapters/kit/shadow-compare.ts): which records
 * identify themselves by what, which lists have no order the port promises, which fields each adapter fills its own
 * way, which are personal data.
 */

type Item = Record<string, unknown>;
const by =
  (...names: string[]) =>
  (item: Item) =>
    names.map((name) => `${name}=${String(item[name] ?? "")}`).join(",");

const ACCOUNT = by("accountNo");
const BILL = by("billNo");
const SERVICE = by("serviceNo");
const DUNNING = by("accountNo", "month", "attempt");
const SUSPENSION = by("serviceNo", "from", "reason");

export const BILLING_COMPARE_RULES: CompareRules = {
  identity: {
    getAccountsByCustomer: ACCOUNT,
    getBills: BILL,
    getPayments: by("paymentId"),
    getDunningActions: DUNNING,
    getServicesByCustomer: SERVICE,
    getSuspensions: SUSPENSION,
    getSuspensionsByCustomer: SUSPENSION,
    getServicesByAccount: by("serviceNo", "itemGroup"),
    getUsageSummaries: by("month", "callClass"),
    getFeeTrends: by("month", "type"),
    getOffersInForce: by("code"),
    "getOffers.regions": by("code"),
    "getOffersInForce.regions": by("code"),
    "getBillingFacts.accounts": ACCOUNT,
    "getBillingFacts.bills": BILL,
    "getBillingFacts.services": SERVICE,
    "getBillingFacts.suspensions": SUSPENSION,
    "getBillingFacts.dunning": DUNNING,
    "getAccountFacts.accounts": ACCOUNT,
    "getAccountFacts.bills": BILL,
    "getAccountFacts.services": SERVICE,
    "getAccountFacts.suspensions": SUSPENSION,
    "getAccountFacts.dunning": DUNNING,
  },
  // Sets, as billing keeps them: the accounts paying for a service, the services a bill charges, an offer's networks.
  unordered: new Set([
    "getServices.accountNos",
    "getServicesByCustomer.accountNos",
    "getBillingFacts.bills.serviceNos",
    "getAccountFacts.bills.serviceNos",
    "getOffers.regions",
    "getOffersInForce.regions",
    "getBillingFacts.services",
    "getAccountFacts.services",
  ]),
  // Each system's own internal account key, and each adapter's opaque paging cursor.
  ignored: new Set(["serialNo", "nextCursor"]),
  personal: new Set(["name", "account", "otherParty"]),
};

/**
 * The reads shadow mode compares: every batch read keyed by ids. Not `findOffers` (a page of the catalogue: the
 * offers it holds are compared through getOffers) and not the writes (docs/shadow.md says why).
 */
export const SHADOWED_BILLING_READS = [
  "getAccounts",
  "getAccountsByCustomer",
  "getBills",
  "getBillItems",
  "getPayments",
  "getDunningActions",
  "getServices",
  "getServicesByCustomer",
  "getSuspensions",
  "getSuspensionsByCustomer",
  "getServicesByAccount",
  "getSettlements",
  "getCreditGrades",
  "getBillingFacts",
  "getAccountFacts",
  "getUsageSummaries",
  "getFeeTrends",
  "getUsageRecords",
  "getOffers",
  "getOffersInForce",
  "getOfferEffects",
  "getServiceOfferDiscounts",
] as const satisfies readonly (keyof BillingPort)[];

/**
 * Whether a read's arguments mean the same to the candidate: a page of detail records after a cursor does not, the
 * cursor being the serving adapter's own.
 */
export function shadowableBillingRead(method: string, args: readonly unknown[]): boolean {
  if (method !== "getUsageRecords") return true;
  const requests = args[0] as readonly { after: string | null }[];
  return requests.every((r) => r.after === null);
}
