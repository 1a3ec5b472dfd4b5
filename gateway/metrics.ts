import { Counter, Histogram, collectDefaultMetrics, register, type Metric } from "prom-client";

/**
 * The gateway's series in the process's Prometheus registry (prom-client's global one, which the adapters
 * use too and /metrics serves). docs/observability.md lists every series with its labels.
 */

/** The series already registered under `name` (a module loaded twice), or a new one. */
function series<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const gatewayRequests = series(
  "cg_gateway_requests_total",
  () =>
    new Counter({
      name: "cg_gateway_requests_total",
      help: "Requests to the gateway's /graphql and CSV export, by operation type (none: refused before an operation was read) and HTTP status.",
      labelNames: ["operation_type", "status"] as const,
    }),
);

export const gatewayErrors = series(
  "cg_gateway_errors_total",
  () =>
    new Counter({
      name: "cg_gateway_errors_total",
      help: "Errors in the gateway's answers, by the extensions.code the caller saw (SOURCE_UNAVAILABLE, FORBIDDEN, UNAUTHENTICATED ...).",
      labelNames: ["code"] as const,
    }),
);

export const gatewayDuration = series(
  "cg_gateway_request_duration_seconds",
  () =>
    new Histogram({
      name: "cg_gateway_request_duration_seconds",
      help: "Time from a request's arrival at the gateway to the end of its answer, by operation type.",
      labelNames: ["operation_type"] as const,
      buckets: SECONDS,
    }),
);

export const subgraphCalls = series(
  "cg_gateway_subgraph_requests_total",
  () =>
    new Counter({
      name: "cg_gateway_subgraph_requests_total",
      help: "The gateway's calls to each subgraph, by outcome: answer, refused (the caller's argument), failed (no usable answer).",
      labelNames: ["subgraph", "outcome"] as const,
    }),
);

export const subgraphDuration = series(
  "cg_gateway_subgraph_duration_seconds",
  () =>
    new Histogram({
      name: "cg_gateway_subgraph_duration_seconds",
      help: "Time of each gateway call to a subgraph, by subgraph.",
      labelNames: ["subgraph"] as const,
      buckets: SECONDS,
    }),
);

let processMetrics = false;

/** Node's own series (CPU, memory, event-loop delay, GC), once per process. */
export function collectProcessMetrics(): void {
  if (processMetrics || register.getSingleMetric("process_cpu_user_seconds_total")) return;
  processMetrics = true;
  collectDefaultMetrics();
}
