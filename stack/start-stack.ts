import "reflect-metadata";
import { readFile } from "node:fs/promises";
import type { BillingPort } from "../adapters/billing/port.js";
import { routedBillingPort, shadowedBillingPort, type BillingRouting } from "../adapters/billing/route-config.js";
import type { BillingAdapterName } from "../adapters/billing/route.js";
import { BusinessHallSoapAdapter } from "../adapters/business-hall/soap.adapter.js";
import { CallCentreExportAdapter } from "../adapters/call-centre/export.adapter.js";
import { orThrow } from "../adapters/errors.js";
import { createCacheStore } from "../adapters/kit/cache/store.js";
import { withCache, type SystemPorts } from "../adapters/kit/cache/ports.js";
import type { CacheConfig } from "../adapters/kit/cache/config.js";
import type { SourceSystem } from "../adapters/kit/errors.js";
import { loadResilienceConfig } from "../adapters/kit/policies/config.js";
import { KeyAccountSqlAdapter } from "../adapters/key-account/sql.adapter.js";
import { RoundTripCounter } from "../adapters/kit/round-trips.js";
import { tracedPort } from "../adapters/kit/telemetry.js";
import { carrierToday } from "../adapters/kit/values.js";
import { NetworkRestAdapter } from "../adapters/network/rest.adapter.js";
import { SnapshotSqlStore, snapshotSchemaName } from "../adapters/snapshot/sql.store.js";
import { gatewayPlugins, type GatewaySettings } from "../gateway/plugins/index.js";
import { startGateway, type RunningGateway } from "../gateway/server.js";
import { startWriteOffRuns, type WriteOffRuns } from "../sandbox/billing/schedule.js";
import { startCallCentreSimulator } from "../sandbox/call-centre/server.js";
import { startFaultProxy, type FaultProxy } from "../sandbox/db/fault-proxy.js";
import { startHallSimulator } from "../sandbox/hall/server.js";
import { startModernBillingSimulator } from "../sandbox/modern-billing/server.js";
import { startNetworkSimulator } from "../sandbox/network/server.js";
import { modernBillingSchema } from "../sandbox/schema/modern-billing.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { billingContext } from "../subgraphs/billing/context.js";
import { buildBillingSubgraph } from "../subgraphs/billing/schema.js";
import { callCentreContext } from "../subgraphs/call-centre/context.js";
import { buildCallCentreSubgraph } from "../subgraphs/call-centre/schema.js";
import { loadScoringModel } from "../subgraphs/insights/config.js";
import { insightsContext } from "../subgraphs/insights/context.js";
import { loadOfferRules } from "../subgraphs/insights/offer-rules.js";
import { buildInsightsSubgraph } from "../subgraphs/insights/schema.js";
import { keyAccountContext } from "../subgraphs/key-account/context.js";
import { buildKeyAccountSubgraph } from "../subgraphs/key-account/schema.js";
import { scopeFor, type PortfolioLookup } from "../subgraphs/kit/scope.js";
import { buildBillingAdapters } from "./billing-adapters.js";
import { readinessOf } from "./readiness.js";
import type { SourceEndpoints } from "../tools/snapshot/sources.js";
import { serveSubgraph, type RunningSubgraph } from "../subgraphs/kit/serve.js";
import { networkContext, type HolderLookup } from "../subgraphs/network/context.js";
import { buildNetworkSubgraph } from "../subgraphs/network/schema.js";
import { profileContext } from "../subgraphs/profile/context.js";
import { buildProfileSubgraph } from "../subgraphs/profile/schema.js";

export interface StackOptions {
  databaseUrl: string;
  schemaPrefix?: string;
  host: string;
  /** 0 picks free ports, as tests do. */
  ports: {
    gateway: number;
    profile: number;
    billing: number;
    network: number;
    keyAccount: number;
    insights: number;
    hall: number;
    networkSimulator: number;
    /** The SQL systems' fault proxies (data path and fault switch); free ports when absent. */
    billingProxy?: number;
    billingFaults?: number;
    keyAccountProxy?: number;
    keyAccountFaults?: number;
    /** The call-centre subgraph and the call centre's simulator; free ports when absent. */
    callCentre?: number;
    callCentreSimulator?: number;
    /** Modern billing's REST service, when it runs (modernBilling); a free port when absent. */
    modernBilling?: number;
  };
  supergraphPath: string;
  /** Reference date of the judgements, YYYY-MM-DD; when absent, each request is judged as of the carrier's today (UTC+8). */
  asOf?: string;
  /** The scoring model; the shipped config/scoring.json when absent. */
  scoringModelPath?: string;
  /** Who may take which offer; the shipped config/offers.json when absent. */
  offerRulesPath?: string;
  /** Who may call the gateway, what they may ask, and the secret it signs subgraph calls with. */
  security: GatewaySettings;
  /** Per-system timeouts, retries, breakers and bulkheads; the shipped config/resilience.json when absent. */
  resiliencePath?: string;
  /** The read-through cache per system, and where it lives (Redis, or this process); no cache when absent. */
  cache?: { config: CacheConfig; redisUrl?: string | undefined };
  /** Pause between billing's write-off runs (sandbox/billing), 10 s when absent; 0 runs only those asked for. */
  writeOffEveryMs?: number;
  /**
   * Also run modern billing (sandbox/modern-billing), loaded from the legacy billing tables on its first start, so a
   * billing adapter over it can be built (stack/billing-adapters.ts); off when absent.
   */
  modernBilling?: boolean;
  /** Which billing adapter serves which region, and the shadow candidate (docs/shadow.md); the SQL adapter alone when absent. */
  billingRouting?: BillingRouting;
}

/** Keys no system holds: a readiness probe reads one, so it costs the system next to nothing. */
const NOBODY = { customer: "000000000000", account: "88000000000000", serviceNo: "10000000000", manager: "JL00000000", call: "0" };

export interface RunningStack extends Serving {
  /** The legacy systems as the adapters reach them, each with its fault switch (the SQL ones through a proxy). */
  simulators: Omit<Simulators, "close">;
}

/**
 * The simulated legacy systems as one process runs them: the SOAP hall, the REST network, the call centre's
 * export, a fault proxy per SQL system, and billing's write-off run on its timer (runNow settles on demand, as tests need).
 */
export interface Simulators {
  hall: Awaited<ReturnType<typeof startHallSimulator>>;
  network: Awaited<ReturnType<typeof startNetworkSimulator>>;
  callCentre: Awaited<ReturnType<typeof startCallCentreSimulator>>;
  billing: FaultProxy;
  keyAccount: FaultProxy;
  writeOff: WriteOffRuns;
  /** Modern billing's REST service, when the stack runs it (StackOptions.modernBilling). */
  modernBilling?: Awaited<ReturnType<typeof startModernBillingSimulator>>;
  close(): Promise<void>;
}

/** What the graph needs to serve: the adapters over the systems, the five subgraphs and the gateway. */
export interface Serving {
  gateway: RunningGateway;
  subgraphs: RunningSubgraph[];
  /** Round trips to each legacy system, counted by the adapters. */
  roundTrips: RoundTripCounter;
  /** The judgement snapshot the lists, segments and histories read (npm run snapshot fills it). */
  snapshot: SnapshotSqlStore;
  /** Resolves once every shadow comparison begun so far is done (tests); at once when shadow mode is off. */
  shadowSettled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition root for development and tests: the simulators, one adapter per system, the five
 * subgraphs and the gateway, in one process. Stops everything that started if any part fails.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const simulators = await startSimulators(options);
  try {
    const serving = await startServing(options, endpointsOf(simulators, options.databaseUrl));
    const { close: closeSimulators, ...running } = simulators;
    return {
      ...serving,
      simulators: running,
      close: async () => {
        await serving.close();
        await closeSimulators();
      },
    };
  } catch (error) {
    await simulators.close();
    throw error;
  }
}

/** Where the serving processes reach the legacy systems: those the judgement snapshot reads, and the call centre. */
export interface StackEndpoints extends SourceEndpoints {
  callCentreUrl: string;
  /** Modern billing's REST service, when it runs. */
  modernBillingUrl?: string | undefined;
}

/** Where the adapters reach the simulated systems (the SQL ones through their fault proxies). */
export function endpointsOf(simulators: Omit<Simulators, "close">, databaseUrl: string): StackEndpoints {
  return {
    hallUrl: simulators.hall.url,
    networkUrl: simulators.network.url,
    billingUrl: simulators.billing.url(databaseUrl),
    keyAccountUrl: simulators.keyAccount.url(databaseUrl),
    callCentreUrl: simulators.callCentre.url,
    ...(simulators.modernBilling ? { modernBillingUrl: simulators.modernBilling.url } : {}),
  };
}

/**
 * The five simulated legacy systems over the generated data, and modern billing when asked; stops what started if any part fails.
 * `writeOffEveryMs`: pause between billing's write-off runs, 10 s when absent, 0 for none but those asked for.
 */
export async function startSimulators(
  options: Pick<StackOptions, "databaseUrl" | "schemaPrefix" | "host" | "ports" | "writeOffEveryMs" | "modernBilling">,
): Promise<Simulators> {
  const schemas = schemaNames(options.schemaPrefix);
  const { host, ports } = options;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of [...closers].reverse()) await closer().catch(() => undefined);
  };
  try {
    const hall = await startHallSimulator({ databaseUrl: options.databaseUrl, schema: schemas.hall, port: ports.hall, host });
    closers.push(() => hall.close());
    const network = await startNetworkSimulator({ databaseUrl: options.databaseUrl, schema: schemas.network, port: ports.networkSimulator, host });
    closers.push(() => network.close());
    const callCentre = await startCallCentreSimulator({ databaseUrl: options.databaseUrl, schema: schemas.callCentre, port: ports.callCentreSimulator ?? 0, host });
    closers.push(() => callCentre.close());
    // Billing and key accounts share the database; a proxy each lets one fail without the other.
    const billing = await startFaultProxy({ target: options.databaseUrl, port: ports.billingProxy ?? 0, controlPort: ports.billingFaults ?? 0 });
    closers.push(() => billing.close());
    const keyAccount = await startFaultProxy({ target: options.databaseUrl, port: ports.keyAccountProxy ?? 0, controlPort: ports.keyAccountFaults ?? 0 });
    closers.push(() => keyAccount.close());
    // Billing's own batch job: it reaches the database directly, not through the proxy that fails the adapter's connections.
    const writeOff = startWriteOffRuns({ databaseUrl: options.databaseUrl, schema: schemas.billing, everyMs: options.writeOffEveryMs ?? 10_000 });
    closers.push(() => writeOff.close());
    if (!options.modernBilling) return { hall, network, callCentre, billing, keyAccount, writeOff, close };
    const modernBilling = await startModernBillingSimulator({
      databaseUrl: options.databaseUrl,
      schema: modernBillingSchema(options.schemaPrefix),
      legacySchema: schemas.billing,
      port: ports.modernBilling ?? 0,
      host,
    });
    closers.push(() => modernBilling.close());
    return { hall, network, callCentre, billing, keyAccount, writeOff, modernBilling, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The adapters over systems already running at `endpoints`, the five subgraphs and the gateway. Each
 * process of a multi-process `npm start` runs one of these (stack/workers.ts).
 */
export async function startServing(options: StackOptions, endpoints: StackEndpoints): Promise<Serving> {
  const schemas = schemaNames(options.schemaPrefix);
  const { host, ports } = options;
  const roundTrips = new RoundTripCounter();
  const closers: (() => Promise<void>)[] = [];
  // A bad model or policy stops the start before anything listens.
  const model = loadScoringModel(options.scoringModelPath);
  const offerRules = loadOfferRules(options.offerRulesPath);
  const resilience = loadResilienceConfig(options.resiliencePath);
  const close = async () => {
    for (const closer of [...closers].reverse()) await closer().catch(() => undefined);
  };
  try {
    const hallAdapter = new BusinessHallSoapAdapter({ baseUrl: endpoints.hallUrl, counter: roundTrips, resilience: resilience["business-hall"] });
    // Every billing adapter the stack can serve with: the legacy SQL one, and modern billing's when it runs.
    const billingAdapters = buildBillingAdapters(endpoints, { schema: schemas.billing, counter: roundTrips, resilience: resilience.billing });
    const billingAdapter = billingAdapters.sql;
    if (billingAdapters.modern) closers.push(() => (billingAdapters.modern as BillingPort).close());
    // Routed by region as configured; a shadow candidate is an instance of its own, its round trips not the serving ones.
    const routing = options.billingRouting ?? { fallback: "sql", byRegion: {} };
    const routedBilling = routedBillingPort(billingAdapters, routing);
    const candidates: Partial<Record<BillingAdapterName, BillingPort>> = routing.shadow ? buildBillingAdapters(endpoints, { schema: schemas.billing, counter: new RoundTripCounter(), resilience: resilience.billing }) : {};
    for (const candidate of Object.values(candidates)) closers.push(() => candidate.close());
    const candidate = routing.shadow ? candidates[routing.shadow.candidate] : undefined;
    if (routing.shadow && !candidate) throw new Error(`billing shadow candidate ${routing.shadow.candidate} is not running`);
    const shadowedBilling = routing.shadow && candidate ? shadowedBillingPort(routedBilling, candidate, routing.shadow) : null;
    const networkAdapter = new NetworkRestAdapter({ baseUrl: endpoints.networkUrl, counter: roundTrips, resilience: resilience.network });
    const keyAccountAdapter = new KeyAccountSqlAdapter({ connectionString: endpoints.keyAccountUrl, schema: schemas.keyAccount, counter: roundTrips, resilience: resilience["key-account"] });
    const callCentreAdapter = new CallCentreExportAdapter({ baseUrl: endpoints.callCentreUrl, counter: roundTrips, resilience: resilience["call-centre"] });
    closers.push(() => hallAdapter.close(), () => billingAdapter.close(), () => networkAdapter.close(), () => keyAccountAdapter.close(), () => callCentreAdapter.close());

    // The cache holds source records as the systems gave them: scope and masking apply after it, per caller.
    const cacheStore = options.cache ? createCacheStore(options.cache.redisUrl) : null;
    if (cacheStore) closers.push(() => cacheStore.close());
    // Traced outside the cache: a port call the cache answers is a span with no legacy call under it.
    const cached = <S extends SourceSystem>(system: S, port: SystemPorts[S]): SystemPorts[S] =>
      tracedPort(system, cacheStore && options.cache ? withCache(system, port, cacheStore, options.cache.config[system]) : port);
    const hall = cached("business-hall", hallAdapter);
    const billing = cached("billing", shadowedBilling ?? routedBilling);
    const network = cached("network", networkAdapter);
    const keyAccounts = cached("key-account", keyAccountAdapter);
    const callCentre = cached("call-centre", callCentreAdapter);

    // The project's own store, beside the legacy schemas; created empty if no snapshot ever ran.
    const snapshot = new SnapshotSqlStore({ connectionString: options.databaseUrl, schema: snapshotSchemaName(options.schemaPrefix) });
    closers.push(() => snapshot.close());
    await snapshot.ensureSchema();

    // A portfolio with a record that cannot be read is refused whole: scope is never guessed at.
    const portfolioOf: PortfolioLookup = async (managerId) => orThrow((await keyAccounts.getKeyAccountsByManager([managerId])).get(managerId) ?? []).map((k) => k.customerId);
    // A line's holder decides who may open a ticket on it: asked of the hall itself, not its cache, since a line can change hands.
    const hallUncached = tracedPort("business-hall", hallAdapter);
    const holdersOf: HolderLookup = (serviceNos) => hallUncached.findCustomerIdsByServiceNumbers(serviceNos);
    const signingSecret = options.security.signingSecret;
    const subgraphs: RunningSubgraph[] = [];
    // Each one joins the closers as soon as it listens, so a later failure still stops it.
    const serve = async (running: Promise<RunningSubgraph>) => {
      const subgraph = await running;
      subgraphs.push(subgraph);
      closers.push(() => subgraph.stop());
    };
    await serve(serveSubgraph({ name: "profile", schema: (await buildProfileSubgraph()).schema, context: (caller) => profileContext(hall, scopeFor(caller, portfolioOf), snapshot), port: ports.profile, host, signingSecret, readiness: readinessOf(hallAdapter, () => hallAdapter.getCustomers([NOBODY.customer])) }));
    await serve(serveSubgraph({ name: "billing", schema: (await buildBillingSubgraph()).schema, context: (caller) => billingContext(billing, scopeFor(caller, portfolioOf), options.asOf ?? carrierToday()), port: ports.billing, host, signingSecret, readiness: readinessOf(routedBilling, () => routedBilling.getAccounts([NOBODY.account])) }));
    await serve(serveSubgraph({ name: "network", schema: (await buildNetworkSubgraph()).schema, context: (caller) => networkContext(network, scopeFor(caller, portfolioOf), holdersOf), port: ports.network, host, signingSecret, readiness: readinessOf(networkAdapter, () => networkAdapter.getLineStatuses([NOBODY.serviceNo])) }));
    await serve(serveSubgraph({ name: "key-account", schema: (await buildKeyAccountSubgraph()).schema, context: (caller) => keyAccountContext(keyAccounts, scopeFor(caller, portfolioOf), options.asOf ?? carrierToday()), port: ports.keyAccount, host, signingSecret, readiness: readinessOf(keyAccountAdapter, () => keyAccountAdapter.getManagers([NOBODY.manager])) }));
    await serve(serveSubgraph({ name: "call-centre", schema: (await buildCallCentreSubgraph()).schema, context: (caller) => callCentreContext(callCentre, scopeFor(caller, portfolioOf), holdersOf), port: ports.callCentre ?? 0, host, signingSecret, readiness: readinessOf(callCentreAdapter, () => callCentreAdapter.getCalls([NOBODY.call])) }));
    await serve(
      serveSubgraph({ name: "insights", schema: (await buildInsightsSubgraph()).schema, context: (caller) => insightsContext(model, options.asOf ?? carrierToday(), scopeFor(caller, portfolioOf), snapshot, offerRules), port: ports.insights, host, signingSecret }),
    );

    const gateway = await startGateway({
      supergraphSdl: await readFile(options.supergraphPath, "utf8"),
      subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
      port: ports.gateway,
      host,
      signingSecret,
      plugins: gatewayPlugins(options.security),
      drainMs: options.security.deadlineMs + 1_000,
      explorer: { production: options.security.production },
      overrideLabels: options.security.overrideLabels,
    });
    closers.push(() => gateway.stop());
    return { gateway, subgraphs, roundTrips, snapshot, shadowSettled: async () => shadowedBilling?.settled(), close };
  } catch (error) {
    await close();
    throw error;
  }
}
