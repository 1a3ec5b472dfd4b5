import { BillingSqlAdapter } from "../../adapters/billing/sql.adapter.js";
import { BusinessHallSoapAdapter } from "../../adapters/business-hall/soap.adapter.js";
import { loadResilienceConfig } from "../../adapters/kit/policies/config.js";
import { RoundTripCounter } from "../../adapters/kit/round-trips.js";
import { withoutJit } from "../../adapters/kit/sql.js";
import { KeyAccountSqlAdapter } from "../../adapters/key-account/sql.adapter.js";
import { NetworkRestAdapter } from "../../adapters/network/rest.adapter.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import type { SnapshotSources } from "./job.js";
import { startSimulatorThread } from "./simulators.js";

export interface OpenSourcesOptions {
  databaseUrl: string;
  schemaPrefix?: string;
  /** Per-system policies; the shipped config/resilience.json when absent. */
  resiliencePath?: string;
}

export interface OpenedSources {
  ports: SnapshotSources;
  roundTrips: RoundTripCounter;
  close(): Promise<void>;
}

/**
 * A batch of a thousand customers is a bigger call than any request of the graph makes, so each attempt
 * gets this long; the systems' retries and breakers still apply as configured.
 */
const BATCH_ATTEMPT_MS = 120_000;

/** Where each legacy system answers, when something (npm start) already runs them. */
export interface SourceEndpoints {
  hallUrl: string;
  networkUrl: string;
  /** postgres:// URLs of the SQL systems' databases. */
  billingUrl: string;
  keyAccountUrl: string;
}

/**
 * The four legacy systems as the job reaches them: the hall and network management are HTTP services,
 * started here over the same database as `npm start` starts them (stack/start-stack.ts), on a thread
 * of their own, and every system is read through its adapter, behind its port.
 */
export async function openSources(options: OpenSourcesOptions): Promise<OpenedSources> {
  const sql = withoutJit(options.databaseUrl);
  const simulators = await startSimulatorThread(sql, schemaNames(options.schemaPrefix));
  try {
    const sources = connectSources({ hallUrl: simulators.hallUrl, networkUrl: simulators.networkUrl, billingUrl: sql, keyAccountUrl: sql }, options);
    return {
      ...sources,
      async close() {
        await sources.close();
        await simulators.close();
      },
    };
  } catch (error) {
    await simulators.close();
    throw error;
  }
}

/** The adapters of the four systems, over systems already running at `endpoints`. */
export function connectSources(endpoints: SourceEndpoints, options: Omit<OpenSourcesOptions, "databaseUrl"> = {}): OpenedSources {
  const schemas = schemaNames(options.schemaPrefix);
  const resilience = loadResilienceConfig(options.resiliencePath);
  const roundTrips = new RoundTripCounter();
  const timeoutMs = BATCH_ATTEMPT_MS;
  const hall = new BusinessHallSoapAdapter({ baseUrl: endpoints.hallUrl, counter: roundTrips, resilience: resilience["business-hall"], timeoutMs });
  const billing = new BillingSqlAdapter({ connectionString: endpoints.billingUrl, schema: schemas.billing, counter: roundTrips, resilience: resilience.billing, timeoutMs });
  const network = new NetworkRestAdapter({ baseUrl: endpoints.networkUrl, counter: roundTrips, resilience: resilience.network, timeoutMs });
  const keyAccount = new KeyAccountSqlAdapter({ connectionString: endpoints.keyAccountUrl, schema: schemas.keyAccount, counter: roundTrips, resilience: resilience["key-account"], timeoutMs });
  return {
    ports: { hall, billing, network, keyAccount },
    roundTrips,
    async close() {
      await Promise.allSettled([hall.close(), billing.close(), network.close(), keyAccount.close()]);
    },
  };
}
