import type { BillingPort } from "../../billing/port.js";
import type { BusinessHallPort } from "../../business-hall/port.js";
import type { CallCentrePort } from "../../call-centre/port.js";
import type { KeyAccountPort } from "../../key-account/port.js";
import type { NetworkPort } from "../../network/port.js";
import { isAdapterError, type SourceSystem } from "../errors.js";
import { cachedPort, type BatchMethodOf, type WriteInvalidations } from "./cached-port.js";
import type { CacheSettings } from "./config.js";
import type { CacheStore } from "./store.js";

/** Each system's port, for the per-system lists below. */
export interface SystemPorts {
  "business-hall": BusinessHallPort;
  billing: BillingPort;
  network: NetworkPort;
  "key-account": KeyAccountPort;
  "call-centre": CallCentrePort;
}

/**
 * The batch reads that go through the cache: records keyed by id. The judgements' facts are cached
 * too, with their system's TTL: judgements are computed on read, so they are then at most a TTL old,
 * and they survive an outage of the system on stale facts, marked as such.
 *
 * Not cached: writes (recordComplaint, recordSurvey, recordPayment, recordDunningContact, setCreditGrade, openTroubleTicket, recordVisit), which instead
 * invalidate what they change (below); `listCustomers`, `countCustomers` and `countChurn`, a page and counts
 * that move as customers are added, keyed by no id; `findCustomerIdsByIdDocumentNumbers`, a search by personal
 * document number, rarely repeated, whose keys would put ID-card numbers into Redis key names; billing's
 * `getUsageRecords`, pages keyed by cursor, each rarely asked twice, whose values carry called numbers; billing's
 * `findOffers`, a page of the catalogue keyed by no id.
 */
export const CACHEABLE_METHODS = {
  "business-hall": [
    "getCustomers",
    "findCustomerIdsByServiceNumbers",
    "getSubscriptionsByCustomer",
    "getSubscriptions",
    "getContacts",
    "getComplaints",
    "getSurveyAnswers",
    "getWorkOrders",
    "getCustomerOffers",
    "getProfileFacts",
  ],
  billing: [
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
    "getOffers",
    "getOffersInForce",
    "getOfferEffects",
    "getServiceOfferDiscounts",
  ],
  network: ["getLineStatuses", "getAlarms", "getTroubleTickets", "getServiceFacts"],
  "key-account": [
    "getKeyAccountsByCustomer",
    "getKeyAccounts",
    "getManagers",
    "getKeyAccountsByManager",
    "getContracts",
    "getVisits",
    "getKeyAccountFacts",
  ],
  "call-centre": ["getCallsByParty", "getCalls"],
} as const satisfies Cacheable;

type Cacheable = { [S in SourceSystem]: readonly BatchMethodOf<SystemPorts[S]>[] };
// Typed per system, so that `withCache` can index it with its generic system.
const cacheable: Cacheable = CACHEABLE_METHODS;

/**
 * The customer an account belongs to, read from the port itself (not through the cache) for the facts a
 * billing write changes; none when it cannot be read, and the facts then refresh within their TTL.
 */
async function customerOfAccount(port: BillingPort, accountNo: string): Promise<string[]> {
  const account = (await port.getAccounts([accountNo])).get(accountNo);
  return account && !isAdapterError(account) ? [account.customerId] : [];
}

/**
 * What each write changes, so that the writer's next read sees its write. A replay wrote nothing, but
 * marks the same records: cheaper than telling, and harmless.
 */
export const WRITE_INVALIDATIONS: { [S in SourceSystem]: WriteInvalidations<SystemPorts[S]> } = {
  "business-hall": {
    recordComplaint: ({ result: { record } }) => [
      { method: "getComplaints", keys: [record.customerId] },
      { method: "getProfileFacts", keys: [record.customerId] },
    ],
    // A survey changes the customer's surveys and the facts satisfaction, loyalty and churn are judged from.
    recordSurvey: ({ result: { record } }) => [
      { method: "getSurveyAnswers", keys: [record.customerId] },
      { method: "getProfileFacts", keys: [record.customerId] },
    ],
  },
  billing: {
    // A payment changes its account's balance, bills and payments, and its customer's facts.
    recordPayment: async ({ result: { record }, port }) => {
      const customerId = await customerOfAccount(port, record.accountNo);
      return [
        { method: "getAccounts", keys: [record.accountNo] },
        { method: "getBills", keys: [record.accountNo] },
        { method: "getPayments", keys: [record.accountNo] },
        { method: "getAccountsByCustomer", keys: customerId },
        { method: "getBillingFacts", keys: customerId },
        { method: "getAccountFacts", keys: [record.accountNo] },
      ];
    },
    // A dunning contact changes its account's dunning record, and its customer's facts (the dunning stage).
    recordDunningContact: async ({ result: { record }, port }) => [
      { method: "getDunningActions", keys: [record.accountNo] },
      { method: "getBillingFacts", keys: await customerOfAccount(port, record.accountNo) },
      { method: "getAccountFacts", keys: [record.accountNo] },
    ],
    // A credit grade set by hand changes the customer's grades and the facts its credit is judged from.
    setCreditGrade: ({ result: { record } }) => [
      { method: "getCreditGrades", keys: [record.customerId] },
      { method: "getBillingFacts", keys: [record.customerId] },
    ],
  },
  network: {
    openTroubleTicket: ({ result: { record } }) => [
      { method: "getTroubleTickets", keys: [record.serviceNo] },
      { method: "getServiceFacts", keys: [record.serviceNo] },
    ],
  },
  "key-account": {
    recordVisit: async ({ result: { record }, port }) => {
      const keyAccount = (await port.getKeyAccounts([record.keyAccountId])).get(record.keyAccountId);
      const customerId = keyAccount && !isAdapterError(keyAccount) ? [keyAccount.customerId] : [];
      return [
        { method: "getVisits", keys: [record.keyAccountId] },
        { method: "getKeyAccountFacts", keys: customerId },
      ];
    },
  },
  // The graph writes nothing to the call centre.
  "call-centre": {},
};

/** One system's port with its cache, as configured; the port itself when its cache is disabled. */
export function withCache<S extends SourceSystem>(
  system: S,
  port: SystemPorts[S],
  store: CacheStore,
  settings: CacheSettings,
  now?: () => number,
): SystemPorts[S] {
  if (!settings.enabled) return port;
  const { ttlMs, staleMs } = settings;
  return cachedPort(port, cacheable[system], { system, store, ttlMs, staleMs, now, invalidations: WRITE_INVALIDATIONS[system] });
}
