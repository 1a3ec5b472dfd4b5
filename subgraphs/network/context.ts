import DataLoader from "dataloader";
import type { OrMalformed } from "../../adapters/errors.js";
import type { Alarm, LineStatus, NetworkPort, ServiceNetworkFacts, TroubleTicket } from "../../adapters/network/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";
import type { Scope } from "../kit/scope.js";

export interface NetworkLoaders {
  lines: DataLoader<string, LineStatus | null>;
  activeAlarms: DataLoader<string, Alarm[]>;
  allAlarms: DataLoader<string, Alarm[]>;
  openTickets: DataLoader<string, TroubleTicket[]>;
  allTickets: DataLoader<string, TroubleTicket[]>;
  serviceFacts: DataLoader<string, ServiceNetworkFacts | null>;
  /** Who holds each line, as the business hall (the master of subscriptions) says: the scope of a ticket write. */
  holders: DataLoader<string, string | null>;
}

/**
 * Service number → the customer holding it, from the business hall; network management knows lines, not
 * their holders. The composition root wires it to the hall's port.
 */
export type HolderLookup = (serviceNos: readonly string[]) => Promise<Map<string, OrMalformed<string>>>;

export interface NetworkContext {
  network: NetworkPort;
  scope: Scope;
  loaders: NetworkLoaders;
}

export function networkContext(network: NetworkPort, scope: Scope, holdersOf: HolderLookup): NetworkContext {
  return {
    network,
    scope,
    loaders: {
      lines: mapLoader((nos) => network.getLineStatuses(nos), null),
      activeAlarms: listLoader((nos) => network.getAlarms(nos, { activeOnly: true })),
      allAlarms: listLoader((nos) => network.getAlarms(nos, { activeOnly: false })),
      openTickets: listLoader((nos) => network.getTroubleTickets(nos, { openOnly: true })),
      allTickets: listLoader((nos) => network.getTroubleTickets(nos, { openOnly: false })),
      serviceFacts: mapLoader((nos) => network.getServiceFacts(nos), null),
      holders: mapLoader(holdersOf, null),
    },
  };
}
