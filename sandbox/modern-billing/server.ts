import { carrierToday } from "../generate/dates.js";
import { serveSimulator, type RunningSimulator, type SimulatorOptions } from "../http/simulator-server.js";
import { loadModernBilling, type LoadProgress, type LoadSummary } from "./load.js";
import { modernBillingRoutes } from "./routes.js";
import { ModernBillingStore } from "./store.js";

export interface ModernBillingSimulatorOptions extends SimulatorOptions {
  databaseUrl: string;
  /** The modern billing schema, modernBillingSchema(prefix). */
  schema: string;
  /** The legacy billing schema the store is first loaded from, schemaNames(prefix).billing. */
  legacySchema: string;
  /** Today as an ISO date in the carrier's zone, stamped on records written; the carrier's wall clock when absent. */
  today?: () => string;
  /** Told how an initial load goes, table by table (and range by range of a big one). */
  onLoad?: (progress: LoadProgress) => void;
}

export interface ModernBillingSimulator extends RunningSimulator {
  /** What the initial load did when the simulator started (nothing, when the store already held this population). */
  load: LoadSummary;
}

/**
 * Modern billing as a REST/JSON service over its own store, loaded from the legacy billing tables before it listens
 * (once per generated population: a restart keeps what was written to it since).
 */
export async function startModernBillingSimulator(options: ModernBillingSimulatorOptions): Promise<ModernBillingSimulator> {
  const load = await loadModernBilling({ databaseUrl: options.databaseUrl, from: options.legacySchema, to: options.schema, onProgress: options.onLoad });
  const store = new ModernBillingStore(options.databaseUrl, options.schema);
  const running = await serveSimulator("modern billing", store, modernBillingRoutes(store, { today: options.today ?? (() => carrierToday()) }), options);
  return { ...running, load };
}
