import { AsyncLocalStorage } from "node:async_hooks";
import type { SourceSystem } from "./kit/errors.js";

/**
 * The request's stale notes, beside its deadline (deadline.ts): when a legacy system is down and the
 * cache answers for it with values past their TTL, the request must say so. Whoever serves a request
 * runs it inside `withStaleNotes` and reads afterwards which sources answered from the cache and how
 * old the oldest such value was; the cache notes them however deep in batching it runs.
 */
export type StaleNote = { source: SourceSystem; ageSeconds: number };

/** The oldest stale age, in milliseconds, per source of the current request. */
const current = new AsyncLocalStorage<Map<SourceSystem, number>>();

/** Runs `work` as one request; `notes()` lists the sources served stale so far (await `result` first). */
export function withStaleNotes<T>(work: () => T): { result: T; notes(): StaleNote[] } {
  const oldest = new Map<SourceSystem, number>();
  const result = current.run(oldest, work);
  return {
    result,
    notes: () => [...oldest].map(([source, ageMs]) => ({ source, ageSeconds: Math.floor(ageMs / 1000) })),
  };
}

/** Records that `source` was served from the cache with a value `ageMs` old; no-op outside a request. */
export function noteStale(source: SourceSystem, ageMs: number): void {
  const oldest = current.getStore();
  if (!oldest) return;
  oldest.set(source, Math.max(oldest.get(source) ?? 0, ageMs, 0));
}
