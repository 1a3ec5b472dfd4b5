import DataLoader from "dataloader";
import type { Account, Bill, BillingFacts, BillingPort, BillItem, BillQuery, DunningAction, Payment } from "../../adapters/billing/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";
import type { Scope } from "../kit/scope.js";

export interface BillingContext {
  billing: BillingPort;
  scope: Scope;
  loaders: {
    accounts: DataLoader<string, Account | null>;
    accountsByCustomer: DataLoader<string, Account[]>;
    billItems: DataLoader<string, BillItem[]>;
    payments: DataLoader<string, Payment[]>;
    dunning: DataLoader<string, DunningAction[]>;
    facts: DataLoader<string, BillingFacts | null>;
    /** One loader per distinct set of bill arguments, so each set is still one batch. */
    bills(query: BillQuery): DataLoader<string, Bill[]>;
  };
}

export function billingContext(billing: BillingPort, scope: Scope): BillingContext {
  const billLoaders = new Map<string, DataLoader<string, Bill[]>>();
  return {
    billing,
    scope,
    loaders: {
      accounts: mapLoader((nos) => billing.getAccounts(nos), null),
      accountsByCustomer: listLoader((ids) => billing.getAccountsByCustomer(ids)),
      billItems: listLoader((nos) => billing.getBillItems(nos)),
      payments: listLoader((nos) => billing.getPayments(nos)),
      dunning: listLoader((nos) => billing.getDunningActions(nos)),
      facts: mapLoader((ids) => billing.getBillingFacts(ids), null),
      bills(query) {
        const key = `${query.unpaidOnly ?? false}:${query.lastMonths ?? "all"}`;
        let loader = billLoaders.get(key);
        if (!loader) {
          loader = listLoader((nos) => billing.getBills(nos, query));
          billLoaders.set(key, loader);
        }
        return loader;
      },
    },
  };
}
