import type { SourceSystem } from "../errors.js";
import { adaptersLog } from "../telemetry.js";
import { cachedBatch, invalidate } from "./read-through.js";
import type { CacheStore } from "./store.js";

// `never` rest parameters let every batch method match, whatever its further arguments' types.
type BatchMethod = (keys: readonly string[], ...rest: never[]) => Promise<Map<string, unknown>>;

/** The names of a port's batch reads: `(keys, …rest) => Promise<Map<string, V>>`. */
export type BatchMethodOf<P> = { [K in keyof P]-?: P[K] extends BatchMethod ? K : never }[keyof P] & string;

/** Records a write changed: the read method and the ids it is keyed by. */
export type Invalidation<P> = { method: BatchMethodOf<P>; keys: readonly string[] };

/**
 * For each write method, which cached records it changes, from its arguments and its answer; `port`
 * is the port itself, not cached, for a write whose answer lacks an id (a payment names its account,
 * not the customer whose facts it changes).
 */
export type WriteInvalidations<P> = {
  [K in keyof P]?: P[K] extends (...args: infer A) => Promise<infer R>
    ? (write: { args: A; result: R; port: P }) => readonly Invalidation<P>[] | Promise<readonly Invalidation<P>[]>
    : never;
};

type Rule<P> = (write: { args: unknown[]; result: unknown; port: P }) => readonly Invalidation<P>[] | Promise<readonly Invalidation<P>[]>;

export interface CachedPortOptions<P> {
  system: SourceSystem;
  store: CacheStore;
  ttlMs: number;
  staleMs: number;
  now?: () => number;
  invalidations?: WriteInvalidations<P>;
}

/**
 * The port with `methods` read through the cache and its writes invalidating what they change; every
 * other method (paging, health, close) is the port's own. The composition root wraps an adapter with
 * it, so no adapter knows about the cache.
 */
export function cachedPort<P extends object>(port: P, methods: readonly BatchMethodOf<P>[], options: CachedPortOptions<P>): P {
  const { system, store, ttlMs, staleMs, now = Date.now, invalidations = {} } = options;
  const cached = new Set<PropertyKey>(methods);
  // Looked up by a property name at run time; each rule's own types were checked where it was written.
  const rules = invalidations as Record<PropertyKey, Rule<P> | undefined>;

  async function invalidateAfter(method: string, rule: Rule<P>, args: unknown[], result: unknown): Promise<void> {
    try {
      const changed = await rule({ args, result, port });
      await Promise.all(changed.map(({ method: read, keys }) => invalidate(store, system, read, keys, now)));
    } catch (error) {
      // The write itself succeeded: its caller must hear so. The records refresh within their TTL.
      adaptersLog.warn(`cache: ${system} ${method} succeeded but the records it changed could not be marked (${String(error)})`);
    }
  }

  return new Proxy(port, {
    get(target, property) {
      const original: unknown = Reflect.get(target, property, target);
      if (typeof original !== "function") return original;
      const name = String(property);
      if (cached.has(property)) {
        return (keys: readonly string[], ...args: unknown[]) => {
          const fetch = (misses: readonly string[]) => original.call(target, misses, ...args) as Promise<Map<string, unknown>>;
          return cachedBatch({ system, name, args, store, ttlMs, staleMs, now }, fetch)(keys);
        };
      }
      const rule = rules[property];
      if (rule) {
        return async (...args: unknown[]) => {
          const result: unknown = await original.apply(target, args);
          await invalidateAfter(name, rule, args, result);
          return result;
        };
      }
      return original.bind(target);
    },
  });
}
