import type DataLoader from "dataloader";
import type { OrMalformed } from "../../adapters/errors.js";
import type { Call, CallCentrePort } from "../../adapters/call-centre/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";
import type { Scope } from "../kit/scope.js";

export interface CallCentreContext {
  callCentre: CallCentrePort;
  scope: Scope;
  loaders: {
    /** Calls by party (customer:<id> or line:<service number>): every party asked in one tick is one export. */
    calls: DataLoader<string, Call[]>;
    /** Calls by the centre's serial. */
    call: DataLoader<string, Call | null>;
    /** Who holds each line, as the business hall (the master of subscriptions) says: the scope of a call no agent identified. */
    holders: DataLoader<string, string | null>;
  };
}

/**
 * Service number → the customer holding it, from the business hall; the call centre knows numbers, not who
 * holds them. The composition root wires it to the hall's port.
 */
export type HolderLookup = (serviceNos: readonly string[]) => Promise<Map<string, OrMalformed<string>>>;

/** A fresh context per request: loaders batch within one request and never share a cache across callers. */
export function callCentreContext(callCentre: CallCentrePort, scope: Scope, holdersOf: HolderLookup): CallCentreContext {
  return {
    callCentre,
    scope,
    loaders: {
      calls: listLoader((parties) => callCentre.getCallsByParty(parties)),
      call: mapLoader((ids) => callCentre.getCalls(ids), null),
      holders: mapLoader(holdersOf, null),
    },
  };
}
