import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, SamplingBreaker, circuitBreaker, handleWhen } from "cockatiel";
import { AdapterError, isTransient, type SourceSystem } from "../errors.js";
import { breakerChanged } from "../metrics.js";
import { isCutByDeadline } from "./timeout.js";

/** Open when this share of calls failed over the window, given at least minimumRps calls a second. */
export interface SamplingSettings {
  failureRate: number;
  windowMs: number;
  minimumRps: number;
}

export type BreakerSettings = {
  /** How long an open circuit fails fast before one call is let through to test the system. */
  halfOpenAfterMs: number;
} & ({ /** Open after this many failed calls in a row. */ consecutiveFailures: number } | { sampling: SamplingSettings });

export type BreakerState = "closed" | "open" | "half-open";

/** What /readyz shows of one legacy system: its circuit breaker's state. */
export interface SourceHealth {
  system: SourceSystem;
  breaker: BreakerState;
}

/** Only the system's own transient failures count; a deadline spent elsewhere in the request does not. */
const countsAgainst = (error: unknown) => isTransient(error) && !isCutByDeadline(error);

/**
 * A circuit breaker (cockatiel) per system: while open, calls fail fast with SOURCE_UNAVAILABLE and
 * never reach the system; after halfOpenAfterMs one call tests it, and its outcome closes or reopens it.
 */
export function breakerPolicy(system: SourceSystem, settings: BreakerSettings) {
  const breaker =
    "sampling" in settings
      ? new SamplingBreaker({ threshold: settings.sampling.failureRate, duration: settings.sampling.windowMs, minimumRps: settings.sampling.minimumRps })
      : new ConsecutiveBreaker(settings.consecutiveFailures);
  const policy = circuitBreaker(handleWhen(countsAgainst), { halfOpenAfter: settings.halfOpenAfterMs, breaker });
  let openedAt = 0;
  policy.onBreak(() => {
    openedAt = Date.now();
  });
  // The metric follows cockatiel's transitions: an open circuit whose wait is over stays 2 until a call tests it.
  breakerChanged(system, "closed");
  policy.onStateChange((state) => breakerChanged(system, state === CircuitState.Closed ? "closed" : state === CircuitState.HalfOpen ? "half-open" : "open"));
  return {
    async execute<T>(fn: () => Promise<T>): Promise<T> {
      try {
        return await policy.execute(() => fn());
      } catch (error) {
        if (!(error instanceof BrokenCircuitError)) throw error;
        throw new AdapterError("SOURCE_UNAVAILABLE", system, "circuit open: failing fast after repeated failures", undefined, { cause: error });
      }
    },
    /**
     * The state a caller meets next. cockatiel leaves Open only on the next call, so an open circuit whose
     * wait is over is reported half-open: otherwise /readyz would hold off the traffic that could close it.
     */
    state(): BreakerState {
      switch (policy.state) {
        case CircuitState.Closed:
          return "closed";
        case CircuitState.HalfOpen:
          return "half-open";
        case CircuitState.Open:
          return Date.now() - openedAt >= settings.halfOpenAfterMs ? "half-open" : "open";
        default:
          return "open";
      }
    },
  };
}
