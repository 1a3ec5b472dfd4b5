import { serveSimulator, type RunningSimulator, type SimulatorOptions } from "../http/simulator-server.js";
import { callCentreRoutes } from "./export.js";
import { CallCentreStore } from "./store.js";

export interface CallCentreSimulatorOptions extends SimulatorOptions {
  databaseUrl: string;
  /** The call centre's schema, schemaNames(prefix).callCentre. */
  schema: string;
}

export type CallCentreSimulator = RunningSimulator;

/** The call centre (呼叫中心) as its line-oriented export over HTTP, over its PostgreSQL store. */
export async function startCallCentreSimulator(options: CallCentreSimulatorOptions): Promise<CallCentreSimulator> {
  const store = new CallCentreStore(options.databaseUrl, options.schema);
  return serveSimulator("call centre", store, callCentreRoutes(store), options);
}
