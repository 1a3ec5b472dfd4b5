import { memoryCacheStore } from "./memory-store.js";
import { redisCacheStore } from "./redis-store.js";

/** A value read back from the cache, with when it was fetched from its source (epoch milliseconds). */
export interface CachedEntry {
  value: unknown;
  storedAt: number;
}

export interface EntryToStore {
  key: string;
  /** JSON-safe: both stores hand back `JSON.parse(JSON.stringify(value))`. */
  value: unknown;
  /** How long the store keeps it: the read-through asks for TTL + stale window, and judges freshness itself. */
  ttlMs: number;
  /** When the value was fetched; the store's clock when absent. */
  storedAt?: number;
}

/**
 * Where the read-through cache keeps source records. Never fails and never hangs a read: a store that
 * cannot answer (Redis down or slow) answers with misses and drops writes, and the source is asked.
 */
export interface CacheStore {
  getMany(keys: readonly string[]): Promise<Map<string, CachedEntry>>;
  setMany(entries: readonly EntryToStore[]): Promise<void>;
  close(): Promise<void>;
}

export interface CacheStoreOptions {
  now?: () => number;
  /** Redis: prefix of every key, `cg:cache:` by default. */
  keyPrefix?: string;
  /** Redis: how long a command may take before it counts as a miss, 100 ms by default. */
  commandTimeoutMs?: number;
  /** In-process: how many entries it holds before evicting the least recently used, 50,000 by default. */
  maxEntries?: number;
}

/** Redis when a URL is given (shared by every instance), else an LRU in this process's memory. */
export function createCacheStore(redisUrl?: string, options: CacheStoreOptions = {}): CacheStore {
  return redisUrl ? redisCacheStore(redisUrl, options) : memoryCacheStore(options);
}
