import DataLoader from "dataloader";
import type { AccountManager, Contract, KeyAccount, KeyAccountFacts, KeyAccountPort, Visit } from "../../adapters/key-account/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";
import type { Scope } from "../kit/scope.js";

export interface KeyAccountContext {
  keyAccounts: KeyAccountPort;
  scope: Scope;
  loaders: {
    byCustomer: DataLoader<string, KeyAccount | null>;
    managers: DataLoader<string, AccountManager | null>;
    portfolios: DataLoader<string, KeyAccount[]>;
    contracts: DataLoader<string, Contract[]>;
    visits: DataLoader<string, Visit[]>;
    facts: DataLoader<string, KeyAccountFacts | null>;
  };
}

export function keyAccountContext(keyAccounts: KeyAccountPort, scope: Scope): KeyAccountContext {
  return {
    keyAccounts,
    scope,
    loaders: {
      byCustomer: mapLoader((ids) => keyAccounts.getKeyAccountsByCustomer(ids), null),
      managers: mapLoader((ids) => keyAccounts.getManagers(ids), null),
      portfolios: listLoader((ids) => keyAccounts.getKeyAccountsByManager(ids)),
      contracts: listLoader((ids) => keyAccounts.getContracts(ids)),
      visits: listLoader((ids) => keyAccounts.getVisits(ids)),
      facts: mapLoader((ids) => keyAccounts.getKeyAccountFacts(ids), null),
    },
  };
}
