import { decodeEntry, encodeEntry } from "./envelope.js";
import type { CacheStore, CachedEntry } from "./store.js";

export const DEFAULT_MAX_ENTRIES = 50_000;

/** The cache in this process's memory: bounded, least recently used entries go first, on the given clock. */
export function memoryCacheStore(options: { maxEntries?: number; now?: () => number } = {}): CacheStore & { size(): number } {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every use keeps the least recently used first.
  const entries = new Map<string, { text: string; expiresAt: number }>();
  return {
    async getMany(keys) {
      const time = now();
      const found = new Map<string, CachedEntry>();
      for (const key of keys) {
        const held = entries.get(key);
        if (!held) continue;
        entries.delete(key);
        if (held.expiresAt <= time) continue;
        entries.set(key, held);
        const entry = decodeEntry(held.text);
        if (entry) found.set(key, entry);
      }
      return found;
    },
    async setMany(list) {
      const time = now();
      for (const { key, value, ttlMs, storedAt } of list) {
        if (ttlMs <= 0) continue;
        entries.delete(key);
        entries.set(key, { text: encodeEntry(value, storedAt ?? time), expiresAt: time + ttlMs });
      }
      for (const key of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(key);
      }
    },
    async close() {
      entries.clear();
    },
    size: () => entries.size,
  };
}
