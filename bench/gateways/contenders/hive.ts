import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import type { ContenderOptions, RunningContender } from "./contender.js";

/** The part of @graphql-hive/gateway-runtime used here. */
interface HiveRuntimeModule {
  createGatewayRuntime(config: Record<string, unknown>): RequestListener & { graphqlEndpoint: string; dispose(): Promise<void> | void };
}

/**
 * Loaded by a specifier TypeScript does not follow: Hive's typings pull in graphql-yoga's, which widen
 * graphql's GraphQLErrorExtensions for the whole program (`http.headers` as a plain record) and so
 * break the type check of our own gateway, which passes Apollo's HeaderMap there.
 */
async function load<T>(specifier: string): Promise<T> {
  return (await import(specifier)) as T;
}

/**
 * Hive Gateway's runtime at its defaults, except upstream deduplication of identical in-flight
 * requests, turned off as the benchmark's other gateways have none (its response cache is off by
 * default). With `rustPlanner`, the query planner and executor of @graphql-hive/router-runtime.
 */
export async function startHive(options: ContenderOptions, rustPlanner: boolean): Promise<RunningContender> {
  const { createGatewayRuntime } = await load<HiveRuntimeModule>("@graphql-hive/gateway-runtime");
  const handler = rustPlanner ? (await load<{ unifiedGraphHandler: unknown }>("@graphql-hive/router-runtime")).unifiedGraphHandler : undefined;
  const runtime = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    transportEntries: { "*.http": { options: { deduplicateInflightRequests: false } } },
    logging: false,
    ...(handler ? { unifiedGraphHandler: handler } : {}),
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${runtime.graphqlEndpoint}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}
