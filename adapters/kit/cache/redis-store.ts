import { Redis } from "ioredis";
import { decodeEntry, encodeEntry } from "./envelope.js";
import { outageReporter } from "./outage.js";
import type { CacheStore, CachedEntry, CacheStoreOptions } from "./store.js";

/** The cache in Redis, shared by every instance; entries expire on their own (SET … PX). */
export function redisCacheStore(url: string, options: CacheStoreOptions = {}): CacheStore {
  const prefix = options.keyPrefix ?? "cg:cache:";
  const now = options.now ?? Date.now;
  // A slow or absent Redis must cost a read at most the command timeout: commands queued while it is
  // down are dropped at the next failed reconnect (no retries), and the read goes to the source.
  const redis = new Redis(url, { commandTimeout: options.commandTimeoutMs ?? 100, maxRetriesPerRequest: 0 });
  // Failures are reported by the commands themselves, once per outage; this keeps ioredis from
  // logging every reconnect attempt as an unhandled error.
  redis.on("error", () => {});
  const outage = outageReporter("cache: Redis");

  async function attempt<T>(command: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const result = await command();
      outage.answered();
      return result;
    } catch (error) {
      outage.failed(error);
      return fallback;
    }
  }

  return {
    async getMany(keys) {
      const found = new Map<string, CachedEntry>();
      if (keys.length === 0) return found;
      const texts = await attempt(() => redis.mget(keys.map((key) => prefix + key)), []);
      for (const [index, key] of keys.entries()) {
        const text = texts[index];
        const entry = text ? decodeEntry(text) : undefined;
        if (entry) found.set(key, entry);
      }
      return found;
    },
    async setMany(entries) {
      const kept = entries.filter((entry) => entry.ttlMs > 0);
      if (kept.length === 0) return;
      await attempt(async () => {
        const pipeline = redis.pipeline();
        for (const { key, value, ttlMs, storedAt } of kept) pipeline.set(prefix + key, encodeEntry(value, storedAt ?? now()), "PX", Math.ceil(ttlMs));
        const results = await pipeline.exec();
        const failure = results?.find(([error]) => error)?.[0];
        if (failure) throw failure;
      }, undefined);
    },
    async close() {
      if (redis.status === "ready") await redis.quit();
      else redis.disconnect();
    },
  };
}
