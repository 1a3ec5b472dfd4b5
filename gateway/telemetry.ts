import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Span } from "@opentelemetry/api";
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from "@opentelemetry/semantic-conventions";
import { componentLog, withRequestId, currentRequestId } from "../schema/logging.js";
import { REQUEST_ID_HEADER, requestIdFrom } from "../schema/request-id.js";
import { gatewayDuration, gatewayErrors, gatewayRequests, subgraphCalls, subgraphDuration } from "./metrics.js";
import type { SubgraphReply } from "./engine/subgraph-client.js";

export const gatewayLog = componentLog("gateway");
const tracer = trace.getTracer("customer-graph/gateway");

/** What the GraphQL layer tells about a request as it runs (plugins/telemetry.ts), for its log line, span and metrics. */
export interface RequestNotes {
  operationName?: string | undefined;
  operationType?: string | undefined;
  /** The caller's roles and region: never the token's subject, which may name a person. */
  roles?: readonly string[];
  region?: string;
  /** How many errors of each extensions.code the answers carried. */
  errors: Map<string, number>;
}

const notes = new AsyncLocalStorage<RequestNotes>();

/** The notes of the request being served at the gateway; undefined outside one. */
export function requestNotes(): RequestNotes | undefined {
  return notes.getStore();
}

/**
 * Serves one request observed from its arrival to the end of its answer: its id (the caller's, when
 * well-formed, or a new one) in the answer's `x-request-id` and on every log line made while it runs; a
 * server span, root of the request's trace (a caller's own traceparent is not continued: the gateway is
 * where trust starts, and a caller could otherwise have every request sampled); then one log line and its
 * metrics. Operations and their variables are never logged: variables may be ID card or phone numbers.
 */
export function observeRequest(req: IncomingMessage, res: ServerResponse, route: string, serve: () => Promise<void>): Promise<void> {
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const startedAt = performance.now();
  const method = (req.method ?? "GET").toUpperCase();
  const noted: RequestNotes = { errors: new Map() };
  const span = tracer.startSpan(`${method} ${route}`, { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_HTTP_ROUTE]: route, "cg.request_id": requestId } }, ROOT_CONTEXT);
  const active = trace.setSpan(ROOT_CONTEXT, span);
  // Closed whether the answer was sent in full or the caller went away.
  res.once("close", () => context.with(active, () => withRequestId(requestId, () => finish(span, res, route, method, noted, (performance.now() - startedAt) / 1000))));
  return context.with(active, () => withRequestId(requestId, () => notes.run(noted, serve)));
}

function finish(span: Span, res: ServerResponse, route: string, method: string, noted: RequestNotes, seconds: number): void {
  const status = res.writableFinished ? res.statusCode : 499;
  const operationType = noted.operationType ?? "none";
  gatewayRequests.inc({ operation_type: operationType, status: String(status) });
  gatewayDuration.observe({ operation_type: operationType }, seconds);
  for (const code of noted.errors.keys()) gatewayErrors.inc({ code });

  const errors = Object.fromEntries(noted.errors);
  span.setAttributes({
    [ATTR_HTTP_RESPONSE_STATUS_CODE]: status,
    ...(noted.operationName ? { "graphql.operation.name": noted.operationName } : {}),
    ...(noted.operationType ? { "graphql.operation.type": noted.operationType } : {}),
    ...(noted.errors.size > 0 ? { "cg.error_codes": [...noted.errors.keys()] } : {}),
  });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();

  const line = {
    method,
    path: route,
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    ...(noted.operationName ? { operationName: noted.operationName } : {}),
    operationType,
    ...(noted.roles ? { roles: noted.roles, region: noted.region } : {}),
    ...(noted.errors.size > 0 ? { errors } : {}),
  };
  if (status >= 500 || noted.errors.has("INTERNAL_SERVER_ERROR")) gatewayLog.error(line, "request failed");
  else if ([...noted.errors.keys()].some((code) => code.startsWith("SOURCE_") || code === "MALFORMED_RECORD")) gatewayLog.warn(line, "request answered in part");
  else gatewayLog.info(line, "request");
}

/**
 * One call to a subgraph, observed: a client span under the request's (its traceparent goes with the
 * call, so the subgraph's spans join the trace), the request id, and the call's metrics. `entities`: how
 * many representations an `_entities` call carries.
 */
export async function observeSubgraphCall(subgraph: string, entities: number | undefined, call: (headers: Record<string, string>) => Promise<SubgraphReply>): Promise<SubgraphReply> {
  const startedAt = performance.now();
  const parent = trace.getActiveSpan();
  const span = parent ? tracer.startSpan(`gateway.fetch ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { "cg.subgraph": subgraph, ...(entities !== undefined ? { "cg.batch_size": entities } : {}) } }) : undefined;
  const headers: Record<string, string> = {};
  const requestId = currentRequestId();
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  if (span) propagation.inject(trace.setSpan(context.active(), span), headers);
  try {
    const reply = await call(headers);
    subgraphCalls.inc({ subgraph, outcome: reply.kind });
    if (span && reply.kind === "failed") span.setStatus({ code: SpanStatusCode.ERROR, message: reply.code });
    return reply;
  } catch (error) {
    span?.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    subgraphDuration.observe({ subgraph }, (performance.now() - startedAt) / 1000);
    span?.end();
  }
}
