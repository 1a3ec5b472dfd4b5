import { Counter, Gauge, Histogram, register, type Metric } from "prom-client";
import type { SourceSystem } from "./errors.js";
import type { BreakerState } from "./policies/breaker.js";

/**
 * The adapters' series in the process's Prometheus registry (prom-client's global one, which the gateway's
 * /metrics serves): what each legacy system costs and how it is doing. docs/observability.md lists them.
 */

/** The series already registered under `name` (a module loaded twice), or a new one. */
function series<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

export const legacyRoundTrips = series(
  "cg_legacy_round_trips_total",
  () => new Counter({ name: "cg_legacy_round_trips_total", help: "Calls that crossed the wire to each legacy system (each attempt of a retried call counts).", labelNames: ["system"] as const }),
);

export const legacyErrors = series(
  "cg_legacy_errors_total",
  () =>
    new Counter({
      name: "cg_legacy_errors_total",
      help: "Calls to each legacy system that failed, by the adapter's error code (SOURCE_UNAVAILABLE, SOURCE_TIMEOUT, INTERNAL ...).",
      labelNames: ["system", "code"] as const,
    }),
);

export const legacyDuration = series(
  "cg_legacy_round_trip_duration_seconds",
  () =>
    new Histogram({
      name: "cg_legacy_round_trip_duration_seconds",
      help: "Time of each call to a legacy system, by system.",
      labelNames: ["system"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
);

const BREAKER_VALUES: Record<BreakerState, number> = { closed: 0, "half-open": 1, open: 2 };

export const breakerState = series(
  "cg_breaker_state",
  () =>
    new Gauge({
      name: "cg_breaker_state",
      help: "Each legacy system's circuit breaker: 0 closed, 1 half-open (a test call goes through), 2 open (calls fail fast). Across processes, the worst.",
      labelNames: ["system"] as const,
      aggregator: "max",
    }),
);

/** A breaker changed state (or was made, closed). */
export function breakerChanged(system: SourceSystem, state: BreakerState): void {
  breakerState.set({ system }, BREAKER_VALUES[state]);
}

export const cacheLookups = series(
  "cg_cache_lookups_total",
  () =>
    new Counter({
      name: "cg_cache_lookups_total",
      help: "Records asked of the read-through cache, by system and result: hit (fresh) or miss (asked of the system); stale counts the misses then served past their TTL because the system was down.",
      labelNames: ["system", "result"] as const,
    }),
);

export const shadowDifferences = series(
  "cg_shadow_differences_total",
  () =>
    new Counter({
      name: "cg_shadow_differences_total",
      help: "Fields where a candidate adapter's answer differed from the serving adapter's, by system and field (shadow mode, docs/shadow.md).",
      labelNames: ["system", "field"] as const,
    }),
);

export const shadowCalls = series(
  "cg_shadow_calls_total",
  () =>
    new Counter({
      name: "cg_shadow_calls_total",
      help: "Reads shadow mode asked of a candidate adapter, by system and outcome: compared (same answer), differed, failed, timed-out, or skipped (too many candidate calls running).",
      labelNames: ["system", "outcome"] as const,
    }),
);
