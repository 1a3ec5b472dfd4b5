import { AsyncResource } from "node:async_hooks";
import { BulkheadRejectedError, bulkhead } from "cockatiel";
import { callBudgetMs } from "../../deadline.js";
import { AdapterError, type SourceSystem } from "../errors.js";

export interface BulkheadSettings {
  /** Calls in flight to the system at once. */
  maxConcurrent: number;
  /** Calls waiting for a slot; one more is refused with SOURCE_UNAVAILABLE. */
  queue: number;
}

/**
 * Caps the calls in flight to one system (cockatiel's bulkhead), so a slow system holds a bounded share of
 * our sockets and memory. A waiting call gives up with SOURCE_TIMEOUT when its budget is spent waiting.
 */
export function bulkheadPolicy(system: SourceSystem, settings: BulkheadSettings, timeoutMs: number) {
  const policy = bulkhead(settings.maxConcurrent, settings.queue);
  return {
    async execute<T>(fn: () => Promise<T>): Promise<T> {
      const waitMs = callBudgetMs(timeoutMs);
      const gaveUp = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // cockatiel drops an aborted call when its turn comes instead of running it.
          gaveUp.abort();
          reject(new AdapterError("SOURCE_TIMEOUT", system, `no free slot within ${waitMs} ms (${settings.maxConcurrent} calls in flight)`));
        }, waitMs);
      });
      // Bound to its caller's context: a queued call runs when another call frees a slot, and would otherwise
      // run with that call's request deadline and trace.
      const slot = AsyncResource.bind(() => {
        clearTimeout(timer);
        return fn();
      });
      const run = policy.execute(slot, gaveUp.signal);
      try {
        return await Promise.race([run, expired]);
      } catch (error) {
        if (!(error instanceof BulkheadRejectedError)) throw error;
        const detail = `${settings.maxConcurrent} in flight and ${settings.queue} waiting`;
        throw new AdapterError("SOURCE_UNAVAILABLE", system, `too many calls at once: ${detail}`, undefined, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
