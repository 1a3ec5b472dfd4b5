import DataLoader from "dataloader";
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
}

export interface NetworkContext {
  network: NetworkPort;
  scope: Scope;
  loaders: NetworkLoaders;
}

export function networkContext(network: NetworkPort, scope: Scope): NetworkContext {
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
    },
  };
}
