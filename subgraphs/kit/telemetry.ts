import type { IncomingMessage, ServerResponse } from "node:http";
import { SpanKind, SpanStatusCode, context, propagation, trace } from "@opentelemetry/api";
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE } from "@opentelemetry/semantic-conventions";
import { componentLog, withRequestId } from "../../schema/logging.js";
import { REQUEST_ID_HEADER, requestIdFrom } from "../../schema/request-id.js";

/** The subgraphs' log: every line made while a subgraph serves a call carries the gateway's request id. */
export const subgraphLog = componentLog("subgraph");

const tracer = trace.getTracer("customer-graph/subgraphs");

/**
 * Serves one call from the gateway observed: under the request id the gateway passed, and in a server
 * span that continues the gateway's trace (its traceparent header), so the adapters' and legacy calls'
 * spans below join it. A call that fails is logged; one that succeeds only at debug level, since the
 * gateway writes the request's line.
 */
export function observeSubgraphRequest(subgraph: string, req: IncomingMessage, res: ServerResponse, serve: () => Promise<void>): Promise<void> {
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(`subgraph ${subgraph}`, { kind: SpanKind.SERVER, attributes: { "cg.subgraph": subgraph, [ATTR_HTTP_REQUEST_METHOD]: req.method ?? "POST" } }, parent);
  const active = trace.setSpan(parent, span);
  const startedAt = performance.now();
  res.once("close", () =>
    context.with(active, () =>
      withRequestId(requestId, () => {
        const status = res.writableFinished ? res.statusCode : 499;
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        const line = { subgraph, status, durationMs: Math.round(performance.now() - startedAt) };
        if (status >= 500) subgraphLog.error(line, "subgraph call failed");
        else if (status >= 400) subgraphLog.warn(line, "subgraph call refused");
        else subgraphLog.debug(line, "subgraph call");
      }),
    ),
  );
  return context.with(active, () => withRequestId(requestId, serve));
}
