import type { SourceHealth } from "../adapters/health.js";
import type { SourceReadiness } from "../subgraphs/kit/serve.js";

/**
 * Whether a legacy system answers now: one cheap batch read of a key nobody holds, through the
 * system's own policy (so an open breaker answers at once, without a round trip), and its breaker state.
 */
export function readinessOf(port: { health(): SourceHealth }, probe: () => Promise<unknown>): () => Promise<SourceReadiness[]> {
  return async () => {
    const { system } = port.health();
    try {
      await probe();
      return [{ system, ok: true, breaker: port.health().breaker }];
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return [{ system, ok: false, breaker: port.health().breaker, error: typeof code === "string" ? code : "failed" }];
    }
  };
}
