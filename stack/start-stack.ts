import "reflect-metadata";
import { readFile } from "node:fs/promises";
import { BillingSqlAdapter } from "../adapters/billing/sql.adapter.js";
import { BusinessHallSoapAdapter } from "../adapters/business-hall/soap.adapter.js";
import { KeyAccountSqlAdapter } from "../adapters/key-account/sql.adapter.js";
import { RoundTripCounter } from "../adapters/kit/round-trips.js";
import { carrierToday } from "../adapters/kit/values.js";
import { NetworkRestAdapter } from "../adapters/network/rest.adapter.js";
import { gatewayPlugins, type GatewaySettings } from "../gateway/plugins/index.js";
import { startGateway, type RunningGateway } from "../gateway/server.js";
import { startHallSimulator } from "../sandbox/hall/server.js";
import { startNetworkSimulator } from "../sandbox/network/server.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { billingContext } from "../subgraphs/billing/context.js";
import { buildBillingSubgraph } from "../subgraphs/billing/schema.js";
import { loadScoringModel } from "../subgraphs/insights/config.js";
import { insightsContext } from "../subgraphs/insights/context.js";
import { buildInsightsSubgraph } from "../subgraphs/insights/schema.js";
import { keyAccountContext } from "../subgraphs/key-account/context.js";
import { buildKeyAccountSubgraph } from "../subgraphs/key-account/schema.js";
import { scopeFor, type PortfolioLookup } from "../subgraphs/kit/scope.js";
import { serveSubgraph, type RunningSubgraph } from "../subgraphs/kit/serve.js";
import { networkContext } from "../subgraphs/network/context.js";
import { buildNetworkSubgraph } from "../subgraphs/network/schema.js";
import { profileContext } from "../subgraphs/profile/context.js";
import { buildProfileSubgraph } from "../subgraphs/profile/schema.js";

export interface StackOptions {
  databaseUrl: string;
  schemaPrefix?: string;
  host: string;
  /** 0 picks free ports, as tests do. */
  ports: { gateway: number; profile: number; billing: number; network: number; keyAccount: number; insights: number; hall: number; networkSimulator: number };
  supergraphPath: string;
  /** Reference date of the judgements, YYYY-MM-DD; when absent, each request is judged as of the carrier's today (UTC+8). */
  asOf?: string;
  /** The scoring model; the shipped config/scoring.json when absent. */
  scoringModelPath?: string;
  /** Who may call the gateway, what they may ask, and the secret it signs subgraph calls with. */
  security: GatewaySettings;
}

export interface RunningStack {
  gateway: RunningGateway;
  subgraphs: RunningSubgraph[];
  simulators: { hall: Awaited<ReturnType<typeof startHallSimulator>>; network: Awaited<ReturnType<typeof startNetworkSimulator>> };
  /** Round trips to each legacy system, counted by the adapters. */
  roundTrips: RoundTripCounter;
  close(): Promise<void>;
}

/**
 * The composition root for development and tests: the simulators, one adapter per system, the five
 * subgraphs and the gateway, in one process. Stops everything that started if any part fails.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const schemas = schemaNames(options.schemaPrefix);
  const { host, ports } = options;
  const roundTrips = new RoundTripCounter();
  const closers: (() => Promise<void>)[] = [];
  // A bad model stops the start before anything listens.
  const model = loadScoringModel(options.scoringModelPath);
  const close = async () => {
    for (const closer of [...closers].reverse()) await closer().catch(() => undefined);
  };
  try {
    const hallSimulator = await startHallSimulator({ databaseUrl: options.databaseUrl, schema: schemas.hall, port: ports.hall, host });
    closers.push(() => hallSimulator.close());
    const networkSimulator = await startNetworkSimulator({ databaseUrl: options.databaseUrl, schema: schemas.network, port: ports.networkSimulator, host });
    closers.push(() => networkSimulator.close());

    const hall = new BusinessHallSoapAdapter({ baseUrl: hallSimulator.url, counter: roundTrips });
    const billing = new BillingSqlAdapter({ connectionString: options.databaseUrl, schema: schemas.billing, counter: roundTrips });
    const network = new NetworkRestAdapter({ baseUrl: networkSimulator.url, counter: roundTrips });
    const keyAccounts = new KeyAccountSqlAdapter({ connectionString: options.databaseUrl, schema: schemas.keyAccount, counter: roundTrips });
    closers.push(() => hall.close(), () => billing.close(), () => network.close(), () => keyAccounts.close());

    const portfolioOf: PortfolioLookup = async (managerId) => ((await keyAccounts.getKeyAccountsByManager([managerId])).get(managerId) ?? []).map((k) => k.customerId);
    const signingSecret = options.security.signingSecret;
    const subgraphs: RunningSubgraph[] = [];
    // Each one joins the closers as soon as it listens, so a later failure still stops it.
    const serve = async (running: Promise<RunningSubgraph>) => {
      const subgraph = await running;
      subgraphs.push(subgraph);
      closers.push(() => subgraph.stop());
    };
    await serve(serveSubgraph({ name: "profile", schema: (await buildProfileSubgraph()).schema, context: (caller) => profileContext(hall, scopeFor(caller, portfolioOf)), port: ports.profile, host, signingSecret }));
    await serve(serveSubgraph({ name: "billing", schema: (await buildBillingSubgraph()).schema, context: (caller) => billingContext(billing, scopeFor(caller, portfolioOf)), port: ports.billing, host, signingSecret }));
    await serve(serveSubgraph({ name: "network", schema: (await buildNetworkSubgraph()).schema, context: (caller) => networkContext(network, scopeFor(caller, portfolioOf)), port: ports.network, host, signingSecret }));
    await serve(serveSubgraph({ name: "key-account", schema: (await buildKeyAccountSubgraph()).schema, context: (caller) => keyAccountContext(keyAccounts, scopeFor(caller, portfolioOf)), port: ports.keyAccount, host, signingSecret }));
    await serve(
      serveSubgraph({ name: "insights", schema: (await buildInsightsSubgraph()).schema, context: (caller) => insightsContext(model, options.asOf ?? carrierToday(), scopeFor(caller, portfolioOf)), port: ports.insights, host, signingSecret }),
    );

    const gateway = await startGateway({
      supergraphSdl: await readFile(options.supergraphPath, "utf8"),
      subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
      port: ports.gateway,
      host,
      signingSecret,
      plugins: gatewayPlugins(options.security),
      drainMs: options.security.deadlineMs + 1_000,
    });
    closers.push(() => gateway.stop());
    return { gateway, subgraphs, simulators: { hall: hallSimulator, network: networkSimulator }, roundTrips, close };
  } catch (error) {
    await close();
    throw error;
  }
}
