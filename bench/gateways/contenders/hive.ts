import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import type { Caller } from "../../../schema/caller.js";
import type { ContenderOptions, RunningContender } from "./contender.js";
import { callerOfBearer, withSignature } from "./signing.js";

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
    ...(options.signSubgraphRequests ? { plugins: () => [signingPlugin(options.jwtSecret, options.signingSecret)] } : {}),
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

/** The part of Hive's onFetch hook the signing uses. */
interface FetchHookPayload {
  options: { body?: unknown; headers?: Record<string, string> };
  setOptions(options: FetchHookPayload["options"]): void;
  context: { request?: Request };
}

/**
 * A Hive plugin on fetch: each subgraph request signed over the body it sends, for the caller its
 * client's bearer token names (checked once per client request).
 */
function signingPlugin(jwtSecret: string, signingSecret: string) {
  const callers = new WeakMap<Request, Promise<Caller>>();
  return {
    async onFetch({ options, setOptions, context }: FetchHookPayload) {
      const request = context.request;
      if (!request || typeof options.body !== "string") throw new Error("a subgraph request without its client request or body");
      let caller = callers.get(request);
      if (!caller) callers.set(request, (caller = callerOfBearer(jwtSecret, request.headers.get("authorization"))));
      setOptions({ ...options, headers: withSignature(signingSecret, await caller, options.headers ?? {}, options.body) });
    },
  };
}
