import DataLoader from "dataloader";
import type {
  Account,
  AccountBillingFacts,
  AccountService,
  Bill,
  BillingFacts,
  BillingPort,
  BillItem,
  BillQuery,
  DunningAction,
  Payment,
  Settlement,
  Suspension,
} from "../../adapters/billing/port.js";
import { usageRequestKey, type FeeLine, type UsageRecordPage, type UsageRecordRequest, type UsageSummary } from "../../adapters/billing/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";
import type { Scope } from "../kit/scope.js";
import { offerLoaders, type OfferLoaders } from "./offer-loaders.js";

export interface BillingContext {
  billing: BillingPort;
  scope: Scope;
  /** The reference date (ISO) the judgements are made as of: bill windows count back from it. */
  asOf: string;
  /** Billing's offers: the catalogue, what each took off the bills, the offers in force where each customer lives. */
  offers: OfferLoaders;
  loaders: {
    accounts: DataLoader<string, Account | null>;
    accountsByCustomer: DataLoader<string, Account[]>;
    billItems: DataLoader<string, BillItem[]>;
    payments: DataLoader<string, Payment[]>;
    dunning: DataLoader<string, DunningAction[]>;
    facts: DataLoader<string, BillingFacts | null>;
    accountFacts: DataLoader<string, AccountBillingFacts | null>;
    servicesByAccount: DataLoader<string, AccountService[]>;
    settlements: DataLoader<string, Settlement[]>;
    suspensionsByCustomer: DataLoader<string, Suspension[]>;
    usageSummaries: DataLoader<string, UsageSummary[]>;
    feeTrends: DataLoader<string, FeeLine[]>;
    /** Pages of itemised records, one batch for all the services and cycles asked in a tick. */
    usageRecords: DataLoader<UsageRecordRequest, UsageRecordPage, string>;
    /** One loader per distinct set of bill arguments, so each set is still one batch; all as of `asOf`. */
    bills(query: BillQuery): DataLoader<string, Bill[]>;
  };
}

export function billingContext(billing: BillingPort, scope: Scope, asOf: string): BillingContext {
  const billLoaders = new Map<string, DataLoader<string, Bill[]>>();
  return {
    billing,
    scope,
    asOf,
    offers: offerLoaders(billing, asOf),
    loaders: {
      accounts: mapLoader((nos) => billing.getAccounts(nos), null),
      accountsByCustomer: listLoader((ids) => billing.getAccountsByCustomer(ids)),
      billItems: listLoader((nos) => billing.getBillItems(nos)),
      payments: listLoader((nos) => billing.getPayments(nos)),
      dunning: listLoader((nos) => billing.getDunningActions(nos)),
      facts: mapLoader((ids) => billing.getBillingFacts(ids, { asOf }), null),
      accountFacts: mapLoader((nos) => billing.getAccountFacts(nos, { asOf }), null),
      servicesByAccount: listLoader((nos) => billing.getServicesByAccount(nos)),
      settlements: listLoader((nos) => billing.getSettlements(nos)),
      suspensionsByCustomer: listLoader((ids) => billing.getSuspensionsByCustomer(ids)),
      usageSummaries: listLoader((nos) => billing.getUsageSummaries(nos)),
      feeTrends: listLoader((nos) => billing.getFeeTrends(nos)),
      usageRecords: new DataLoader<UsageRecordRequest, UsageRecordPage, string>(
        async (requests) => {
          const found = await billing.getUsageRecords(requests);
          return requests.map((r) => found.get(usageRequestKey(r)) ?? { records: [], nextCursor: null });
        },
        { cacheKeyFn: usageRequestKey },
      ),
      bills(query) {
        const key = `${query.unpaidOnly ?? false}:${query.lastMonths ?? "all"}`;
        let loader = billLoaders.get(key);
        if (!loader) {
          loader = listLoader((nos) => billing.getBills(nos, { ...query, asOf }));
          billLoaders.set(key, loader);
        }
        return loader;
      },
    },
  };
}
