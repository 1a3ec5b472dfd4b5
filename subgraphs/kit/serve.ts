import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type BaseContext } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import { withDeadline } from "../../adapters/deadline.js";
import { withStaleNotes, type StaleNote } from "../../adapters/stale.js";
import { verifySignedRequest, type Caller } from "../../schema/caller.js";
import { formatSubgraphError } from "./errors.js";
import { observeSubgraphRequest } from "./telemetry.js";

export interface ServeSubgraphOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  /** Builds a fresh context, with fresh loaders, for every request, for the caller the gateway vouched for. */
  context: (caller: Caller) => Promise<C> | C;
  port: number;
  host: string;
  /** The secret the gateway signs its calls with; nothing unsigned gets past the door. */
  signingSecret: string;
  /** Whether each legacy system this subgraph owns answers now, for the gateway's /readyz. */
  readiness?: () => Promise<SourceReadiness[]>;
}

/** One legacy system as its subgraph sees it: reachable or not, and its circuit breaker's state. */
export interface SourceReadiness {
  system: string;
  ok: boolean;
  breaker: string;
  error?: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

// Representations carrying a page of customers' facts run to a few megabytes; more is not the gateway.
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Legacy calls stop this much before the gateway's deadline, so the partial answer still reaches it. */
const ANSWER_MARGIN_MS = 400;

/**
 * Serves one subgraph to the gateway only: the signature over the raw body is checked before the body
 * is parsed or anything is executed, `_service` and `_entities` included.
 */
export async function serveSubgraph<C extends BaseContext>(options: ServeSubgraphOptions<C>): Promise<RunningSubgraph> {
  const httpServer = createServer();
  const server = new ApolloServer<C>({
    schema: options.schema,
    formatError: formatSubgraphError,
    includeStacktraceInErrorResponses: false,
    // The composition root stops everything in order on a signal; a server stopping itself would cut the gateway's calls short.
    stopOnTerminationSignals: false,
    // No Apollo Studio here: federated traces would only cost time. No cache hints either: nothing reads
    // them, and the plugin wraps every field's resolver (a page of 1,000 customers has some 25,000 fields).
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();

  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    // Every call but the readiness probe is observed: request id, span, log (telemetry.ts).
    const served = (req.url ?? "").split("?")[0] === "/readyz" ? handle(req, res) : observeSubgraphRequest(options.name, req, res, () => handle(req, res));
    void served.catch(() => {
      if (!res.headersSent) refuse(res, 500, "internal error", "INTERNAL_SERVER_ERROR");
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (raw === null) return refuse(res, 413, `request body over ${MAX_BODY_BYTES} bytes`, "BAD_REQUEST");
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const verified = verifySignedRequest(options.signingSecret, header, raw);
    if (!verified.ok) return refuse(res, 401, verified.reason, "UNAUTHENTICATED");
    if ((req.url ?? "").split("?")[0] === "/readyz") return ready(res);

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    let body: unknown;
    try {
      body = raw.length === 0 ? undefined : JSON.parse(raw.toString("utf8"));
    } catch {
      return refuse(res, 400, "request body is not valid JSON", "BAD_REQUEST");
    }
    const run = withStaleNotes(() =>
      withDeadline(verified.deadline - ANSWER_MARGIN_MS, () =>
        server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: (req.method ?? "POST").toUpperCase(), headers, search: new URL(req.url ?? "/", "http://subgraph").search, body },
          context: async () => options.context(verified.caller),
        }),
      ),
    );
    const response = await run.result;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") return void res.end(withStaleMarks(response.body.string, run.notes()));
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function ready(res: ServerResponse): Promise<void> {
    const sources = (await options.readiness?.()) ?? [];
    const ok = sources.every((source) => source.ok);
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ subgraph: options.name, ok, sources }));
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return { name: options.name, url: `http://${options.host}:${port}/graphql`, stop: () => server.stop() };
}

/** The answer with `extensions.stale` saying which sources answered from the cache while down, and how old. */
function withStaleMarks(body: string, notes: StaleNote[]): string {
  if (notes.length === 0) return body;
  const parsed = JSON.parse(body) as { extensions?: Record<string, unknown> };
  return JSON.stringify({ ...parsed, extensions: { ...parsed.extensions, stale: notes } });
}

function refuse(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** The raw body, or null when it is over the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
