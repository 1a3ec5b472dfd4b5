import DataLoader from "dataloader";
import type { AccountManager, Contract, KeyAccount, KeyAccountFacts, KeyAccountPort, Visit } from "../../adapters/key-account/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";
import type { Scope } from "../kit/scope.js";

export interface KeyAccountContext {
  keyAccounts: KeyAccountPort;
  scope: Scope;
  /** The carrier's today (or the stack's reference date), YYYY-MM-DD: what "ending within 90 days" counts from. */
  asOf: string;
  loaders: {
    byCustomer: DataLoader<string, KeyAccount | null>;
    keyAccounts: DataLoader<string, KeyAccount | null>;
    managers: DataLoader<string, AccountManager | null>;
    portfolios: DataLoader<string, KeyAccount[]>;
    contracts: DataLoader<string, Contract[]>;
    visits: DataLoader<string, Visit[]>;
    facts: DataLoader<string, KeyAccountFacts | null>;
  };
}

export function keyAccountContext(keyAccounts: KeyAccountPort, scope: Scope, asOf: string): KeyAccountContext {
  return {
    keyAccounts,
    scope,
    asOf,
    loaders: {
      byCustomer: mapLoader((ids) => keyAccounts.getKeyAccountsByCustomer(ids), null),
      keyAccounts: mapLoader((ids) => keyAccounts.getKeyAccounts(ids), null),
      managers: mapLoader((ids) => keyAccounts.getManagers(ids), null),
      portfolios: listLoader((ids) => keyAccounts.getKeyAccountsByManager(ids)),
      contracts: listLoader((ids) => keyAccounts.getContracts(ids)),
      visits: listLoader((ids) => keyAccounts.getVisits(ids)),
      facts: mapLoader((ids) => keyAccounts.getKeyAccountFacts(ids, { asOf }), null),
    },
  };
}
