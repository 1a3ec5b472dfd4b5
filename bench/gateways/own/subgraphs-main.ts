import "reflect-metadata";
import { subscribe } from "node:diagnostics_channel";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { loadCacheConfig } from "../../../adapters/kit/cache/config.js";
import { RATE_LIMIT_WINDOW_MS } from "../../../gateway/plugins/rate-limit.js";
import { devSecurity } from "../../../stack/dev-secrets.js";
import { endpointsOf, startServing, startSimulators } from "../../../stack/start-stack.js";
import { onParentMessage, tellParent } from "../ipc.js";
import { POPULATION_AS_OF } from "./population.js";

/**
 * Workload (b)'s other process (pinned by the parent to the load generator's core): the simulated
 * legacy systems and our five subgraphs over the generated population, with or without the read-through
 * cache (in this process). It reports the subgraphs' URLs, their request counts and the adapters' round
 * trips when asked, and sets the latency every simulator adds. startServing also starts our gateway here:
 * the runner uses it only to pick the benchmark's variables, never to measure.
 */
const env = z
  .object({
    BENCH_DATABASE_URL: z.string().min(1),
    BENCH_SCHEMA_PREFIX: z.string(),
    BENCH_CACHE: z.enum(["on", "off"]),
    BENCH_JWT_SECRET: z.string().min(32),
    BENCH_SIGNING_SECRET: z.string().min(32),
  })
  .parse(process.env);

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

try {
  const options = {
    databaseUrl: env.BENCH_DATABASE_URL,
    schemaPrefix: env.BENCH_SCHEMA_PREFIX,
    host: "127.0.0.1",
    ports: { gateway: 0, profile: 0, billing: 0, network: 0, keyAccount: 0, insights: 0, hall: 0, networkSimulator: 0 },
    supergraphPath: root("schema/supergraph.graphql"),
    asOf: POPULATION_AS_OF,
    security: devSecurity({ jwtSecret: env.BENCH_JWT_SECRET, signingSecret: env.BENCH_SIGNING_SECRET }, { rateLimit: { limit: 1_000_000_000, windowMs: RATE_LIMIT_WINDOW_MS } }),
    ...(env.BENCH_CACHE === "on" ? { cache: { config: loadCacheConfig(root("config/cache.json")) } } : {}),
    // The gateways are measured alone: billing's write-off run stays off.
    writeOffEveryMs: 0,
  };
  const simulators = await startSimulators(options);
  const serving = await startServing(options, endpointsOf(simulators, options.databaseUrl));
  const subgraphByPort = new Map(serving.subgraphs.map((s) => [Number(new URL(s.url).port), s.name]));
  const requests = new Map(serving.subgraphs.map((s) => [s.name, 0]));
  // Counted where Node's HTTP server announces each request: the subgraphs' code stays as it ships.
  subscribe("http.server.request.start", (message) => {
    const address = (message as { server: Server }).server.address() as AddressInfo | null;
    const name = address && subgraphByPort.get(address.port);
    if (name) requests.set(name, requests.get(name)! + 1);
  });
  onParentMessage(async (message) => {
    if (message.type === "requests") tellParent({ type: "requests", counts: Object.fromEntries(requests) });
    else if (message.type === "round-trips") tellParent({ type: "round-trips", counts: serving.roundTrips.snapshot() });
    else if (message.type === "latency") {
      for (const system of [simulators.hall, simulators.network, simulators.billing, simulators.keyAccount]) system.faults.set({ latencyMs: message.latencyMs });
      tellParent({ type: "latency-set", latencyMs: message.latencyMs });
    } else {
      await serving.close();
      await simulators.close();
      process.exit(0);
    }
  });
  tellParent({ type: "ready", url: serving.gateway.url, urls: Object.fromEntries(serving.subgraphs.map((s) => [s.name, s.url])) });
} catch (error) {
  tellParent({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
