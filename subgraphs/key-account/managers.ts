import type { AccountManager } from "../../adapters/key-account/port.js";
import { forbidden, type Scope } from "../kit/scope.js";

/**
 * A manager looked up on their own (by id, or as an entity) is staff of a local network: visible to
 * callers of that region, and to the manager themselves. Reached through a key account in scope, the
 * account's manager is shown with the account.
 */
export function checkManager(scope: Scope, manager: AccountManager): void {
  if (scope.caller.managerId === manager.id || scope.allowsRegion(manager.regionCode)) return;
  throw forbidden(`account manager ${manager.id} is outside your scope`);
}
