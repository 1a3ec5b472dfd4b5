import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { maskError } from "./errors.js";
import { EXPORT_PATH, exportCustomers } from "./export.js";
import { hiddenFieldErrorsPlugin, hiddenFieldNames } from "./hidden-fields.js";
import { legacyJsonStatus, refusesGetMutation } from "./http-semantics.js";
import type { GatewayContext } from "./identity.js";
import type { GatewayPlugin } from "./plugins/plugin.js";
import { probeSubgraph } from "./readiness.js";
import { FederatedEngine } from "./engine/engine.js";
import { SubgraphClient } from "./engine/subgraph-client.js";
import { createExplorer, isExplorerPath, type ExplorerOptions } from "./explorer/explorer.js";
import { subgraphsOf, type SubgraphLocation } from "./supergraph.js";
import { collectProcessMetrics } from "./metrics.js";
import { observeRequest } from "./telemetry.js";

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name → URL, for subgraphs not running where the supergraph says. */
  subgraphUrls?: Record<string, string>;
  port: number;
  host: string;
  /** The secret shared with the subgraphs, under which every call to them is signed. */
  signingSecret: string;
  /** Auth, limits, rate limiting …, in the order they run; the first must establish the identity. */
  plugins: GatewayPlugin[];
  /** Budget for each subgraph's answer to the readiness probe. */
  readinessTimeoutMs?: number;
  /** The explorer at /explorer: whether production rules apply (its help says so), where its operations are. */
  explorer?: Omit<ExplorerOptions, "endpoint">;
  /** How long a stop waits for requests in flight (their deadline, plus a little). */
  drainMs?: number;
  /** @override labels pinned on or off for every request (GATEWAY_OVERRIDE_LABELS); percent(N) labels are drawn otherwise. */
  overrideLabels?: ReadonlyMap<string, boolean> | undefined;
}

export interface RunningGateway {
  /** The GraphQL endpoint. */
  url: string;
  subgraphs: SubgraphLocation[];
  /** Stops taking requests, lets those in flight finish, then closes. */
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

/**
 * The one entry point for consumers: Apollo Server running our federated engine (gateway/engine/:
 * Apollo's query planner, our executor) over a static supergraph, on a plain node:http server that also answers /healthz (alive) and /readyz (every
 * subgraph answers).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const subgraphs = subgraphsOf(options.supergraphSdl).map((s) => ({ name: s.name, url: options.subgraphUrls?.[s.name] ?? s.url }));
  const clients = new Map(subgraphs.map((s) => [s.name, new SubgraphClient(s.name, s.url, options.signingSecret)]));
  const gateway = new FederatedEngine(options.supergraphSdl, clients, { pinnedLabels: options.overrideLabels });

  const httpServer = createServer();
  collectProcessMetrics();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // Whoever runs the gateway owns the signals (stack/main.ts, gateway/main.ts) and stops it in order.
    stopOnTerminationSignals: false,
    // Introspection is gated per caller by the limits plugin, after authentication.
    introspection: true,
    // Every request needs a bearer token, which a browser never attaches on its own: no CSRF to prevent,
    // and GraphQL-over-HTTP GET requests stay usable.
    csrfPrevention: false,
    validationRules: options.plugins.flatMap((p) => p.validationRules ?? []),
    // Only through the persisted-queries plugin (its manifest, store and safelist); none without it.
    persistedQueries: options.plugins.find((p) => p.persistedQueries)?.persistedQueries ?? false,
    // A request in flight ends by its deadline at the latest: stopping waits that long, not longer.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.drainMs ?? 10_000 }),
      ApolloServerPluginLandingPageDisabled(),
      hiddenFieldErrorsPlugin<GatewayContext>(hiddenFieldNames(options.supergraphSdl)),
      ...options.plugins.flatMap((p) => p.apollo ?? []),
    ],
  });
  await apollo.start();

  const readinessTimeout = options.readinessTimeoutMs ?? 2_000;
  const explorer = createExplorer({ production: false, ...options.explorer, endpoint: "/graphql" });
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") return json(res, 200, { status: "ok" });
    if (path === "/readyz") return void ready(res);
    // Each observed: its request id, trace, log line and metrics (telemetry.ts).
    if (path === "/graphql") return void observeRequest(req, res, path, () => graphql(req, res));
    if (path === EXPORT_PATH) return void observeRequest(req, res, path, () => exportCustomers(req, res, { apollo, context }));
    if (isExplorerPath(path)) return explorer(req, res);
    json(res, 404, { error: "not found: the GraphQL endpoint is /graphql" });
  });

  /** Ready when every subgraph answers and every legacy system they own answers too; the detail either way. */
  async function ready(res: ServerResponse): Promise<void> {
    const results = await Promise.all(subgraphs.map(async (s) => ({ name: s.name, ...(await probeSubgraph(s.url, options.signingSecret, readinessTimeout)) })));
    const ok = results.every((r) => r.ok && r.sources.every((source) => source.ok));
    json(res, ok ? 200 : 503, {
      status: ok ? "ready" : "not ready",
      subgraphs: results.map(({ sources: _sources, ...subgraph }) => subgraph),
      sources: results.flatMap((r) => r.sources.map((source) => ({ ...source, subgraph: r.name }))),
    });
  }

  async function context(headers: HeaderMap): Promise<GatewayContext> {
    const context: Partial<GatewayContext> = {};
    for (const plugin of options.plugins) if (plugin.context) Object.assign(context, await plugin.context(headers));
    if (!context.identity) throw new Error("no gateway plugin established the caller's identity");
    return context as GatewayContext;
  }

  async function graphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (error) {
      return json(res, 400, { errors: [{ message: (error as Error).message, extensions: { code: "BAD_REQUEST" } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const request: HTTPGraphQLRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      headers,
      search: new URL(req.url ?? "/", "http://gateway").search,
      body,
    };
    if (refusesGetMutation(request)) {
      res.setHeader("allow", "POST");
      return json(res, 405, { errors: [{ message: "mutations are sent with POST", extensions: { code: "BAD_REQUEST" } }] });
    }
    try {
      const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: () => context(headers) });
      await send(res, response);
    } catch {
      if (!res.headersSent) json(res, 500, { errors: [{ message: "internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      else res.end();
    }
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  return {
    url: `http://${options.host}:${address.port}/graphql`,
    subgraphs,
    stop: async () => {
      await apollo.stop();
      for (const plugin of options.plugins) await plugin.close?.();
    },
  };
}

async function send(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (response.body.kind === "complete") {
    res.statusCode = legacyJsonStatus(response.status ?? 200, response.headers.get("content-type"), response.body.string);
    return void res.end(response.body.string);
  }
  res.statusCode = response.status ?? 200;
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(value));
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== "POST") return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  const type = req.headers["content-type"] ?? "";
  if (!type.includes("application/json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error("request body is not valid JSON");
  }
}
