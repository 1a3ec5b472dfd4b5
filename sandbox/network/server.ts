import { serveSimulator, type RunningSimulator, type SimulatorOptions } from "../http/simulator-server.js";
import { networkRoutes } from "./routes.js";
import { NetworkStore } from "./store.js";

export interface NetworkSimulatorOptions extends SimulatorOptions {
  databaseUrl: string;
  /** The network management schema, e.g. schemaNames(prefix).network. */
  schema: string;
}

export type NetworkSimulator = RunningSimulator;

/** Network management (网管) as a REST/JSON service over its PostgreSQL store. */
export async function startNetworkSimulator(options: NetworkSimulatorOptions): Promise<NetworkSimulator> {
  const store = new NetworkStore(options.databaseUrl, options.schema);
  return serveSimulator("network", store, networkRoutes(store), options);
}
