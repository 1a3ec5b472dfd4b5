import { noteStale } from "../../stale.js";
import { isAdapterError, isTransient, type SourceSystem } from "../errors.js";
import { cacheLookups } from "../metrics.js";
import { MAX_RETENTION_MS } from "./config.js";
import { entryKey, writeMarkKey } from "./keys.js";
import type { CacheStore, CachedEntry, EntryToStore } from "./store.js";

export interface CachedBatchOptions {
  system: SourceSystem;
  /** The port method; part of the key, and what `invalidate` names. */
  name: string;
  /** The method's arguments after the keys: each distinct set has its own entries. */
  args?: readonly unknown[];
  store: CacheStore;
  ttlMs: number;
  staleMs: number;
  now?: () => number;
}

type Batch<V> = (keys: readonly string[]) => Promise<Map<string, V>>;

/**
 * The read-through cache over one batch read: fresh entries are served, every other key is fetched in
 * one call and stored. Only records are stored: a malformed record (an AdapterError value) and a key
 * the source does not know are asked again next time. When the source is down (a transient error) and
 * every key it was asked for has an entry within the stale window, those are served and noted stale
 * for the request; otherwise its error goes on as it is, never turned into "no record".
 */
export function cachedBatch<V>(options: CachedBatchOptions, fetch: Batch<V>): Batch<V> {
  const { system, name, args = [], store, ttlMs, staleMs, now = Date.now } = options;
  // Write marks live MAX_RETENTION_MS: an entry must not outlive the mark that makes it stale.
  if (ttlMs < 0 || staleMs < 0 || ttlMs + staleMs > MAX_RETENTION_MS) {
    throw new RangeError(`cache of ${system} ${name}: ttlMs and staleMs must be 0 or more, ${MAX_RETENTION_MS} at most together`);
  }
  return async (keys) => {
    const slots = [...new Set(keys)].map((id) => ({ id, key: entryKey(system, name, args, id), mark: writeMarkKey(system, name, id) }));
    const found = await store.getMany(slots.flatMap(({ key, mark }) => [key, mark]));
    // Taken before the source is asked, so a value read before a concurrent write counts as older than its mark.
    const startedAt = now();
    const served = new Map<string, V>();
    const misses: string[] = [];
    const stale = new Map<string, { value: V; ageMs: number }>();
    for (const { id, key, mark } of slots) {
      const entry = unlessWritten(found.get(key), found.get(mark));
      const ageMs = entry ? Math.max(0, startedAt - entry.storedAt) : Infinity;
      if (entry && ageMs <= ttlMs) {
        served.set(id, entry.value as V);
        continue;
      }
      misses.push(id);
      if (entry && ageMs <= ttlMs + staleMs) stale.set(id, { value: entry.value as V, ageMs });
    }
    if (served.size > 0) cacheLookups.inc({ system, result: "hit" }, served.size);
    if (misses.length === 0) return served;
    cacheLookups.inc({ system, result: "miss" }, misses.length);

    let fetched: Map<string, V>;
    try {
      fetched = await fetch(misses);
    } catch (error) {
      if (!isTransient(error) || stale.size < misses.length) throw error;
      let oldestMs = 0;
      for (const [id, { value, ageMs }] of stale) {
        served.set(id, value);
        oldestMs = Math.max(oldestMs, ageMs);
      }
      noteStale(system, oldestMs);
      cacheLookups.inc({ system, result: "stale" }, stale.size);
      return served;
    }

    const toStore: EntryToStore[] = [];
    for (const id of misses) {
      if (!fetched.has(id)) continue;
      const value = fetched.get(id) as V;
      served.set(id, value);
      if (!isAdapterError(value)) toStore.push({ key: entryKey(system, name, args, id), value, ttlMs: ttlMs + staleMs, storedAt: startedAt });
    }
    if (toStore.length > 0) await store.setMany(toStore);
    return served;
  };
}

/** An entry fetched before our own last write to its record is no answer at all, not even a stale one. */
function unlessWritten(entry: CachedEntry | undefined, mark: CachedEntry | undefined): CachedEntry | undefined {
  return entry && (!mark || entry.storedAt > mark.storedAt) ? entry : undefined;
}

/**
 * Marks records changed by our own write, so that every cached read of them (each method named, with
 * any arguments) goes to the source next time. A write calls it once the source has accepted the write,
 * with the read methods whose answer the write changes and the ids they are keyed by: recording a
 * complaint for customer C is `invalidate(store, "business-hall", "getComplaints", [C])` and the same
 * for "getProfileFacts". `cachedPort` does this for a wrapped port's writes (see ports.ts).
 */
export async function invalidate(
  store: CacheStore,
  system: SourceSystem,
  name: string,
  keys: readonly string[],
  now: () => number = Date.now,
): Promise<void> {
  const at = now();
  const marks = [...new Set(keys)].map((id) => ({ key: writeMarkKey(system, name, id), value: true, ttlMs: MAX_RETENTION_MS, storedAt: at }));
  await store.setMany(marks);
}
