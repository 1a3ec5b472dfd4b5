import { z } from "zod";
import { parseConfig, readJsonConfig } from "../config-file.js";
import { SOURCE_SYSTEMS, type SourceSystem } from "../errors.js";

/**
 * One system's read-through cache: values up to `ttlMs` old are served as they are; while the system
 * is down, values up to `ttlMs + staleMs` old are served and marked stale.
 */
export interface CacheSettings {
  enabled: boolean;
  ttlMs: number;
  staleMs: number;
}

export type CacheConfig = Record<SourceSystem, CacheSettings>;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/**
 * How long each system's records may be reused, by how fast they change: line state changes by the
 * minute (network, short); bills and payments move during the day (billing); customers and
 * subscriptions rarely (business hall); key accounts, contracts and visits by the week (key-account); calls are
 * added, never changed, a few a year per customer (call centre).
 * The stale windows are how old an answer is still better than none while the system is down.
 */
export const DEFAULT_CACHE_CONFIG = {
  "business-hall": { enabled: true, ttlMs: 60 * SECOND, staleMs: 10 * MINUTE },
  billing: { enabled: true, ttlMs: 30 * SECOND, staleMs: 5 * MINUTE },
  network: { enabled: true, ttlMs: 10 * SECOND, staleMs: 2 * MINUTE },
  "key-account": { enabled: true, ttlMs: 5 * MINUTE, staleMs: 30 * MINUTE },
  "call-centre": { enabled: true, ttlMs: 60 * SECOND, staleMs: 10 * MINUTE },
} as const satisfies CacheConfig;

/** An hour's reuse and a day's stale answers at most; write marks are kept as long as any entry may be. */
export const MAX_TTL_MS = 60 * MINUTE;
export const MAX_STALE_MS = 24 * 60 * MINUTE;
export const MAX_RETENTION_MS = MAX_TTL_MS + MAX_STALE_MS;

function systemSchema(defaults: CacheSettings) {
  return z
    .strictObject({
      enabled: z.boolean().default(defaults.enabled),
      ttlMs: z.number().int().min(0).max(MAX_TTL_MS).default(defaults.ttlMs),
      staleMs: z.number().int().min(0).max(MAX_STALE_MS).default(defaults.staleMs),
    })
    .default(() => ({ ...defaults }));
}

/** Per system, each field optional: what is left out keeps its default. */
export const cacheConfigSchema = z
  .strictObject(
    Object.fromEntries(SOURCE_SYSTEMS.map((system) => [system, systemSchema(DEFAULT_CACHE_CONFIG[system])])) as Record<
      SourceSystem,
      ReturnType<typeof systemSchema>
    >,
  )
  .default(() => structuredClone(DEFAULT_CACHE_CONFIG)) satisfies z.ZodType<CacheConfig>;

export class CacheConfigError extends Error {
  override readonly name = "CacheConfigError";
}

const fail = (message: string, cause: unknown) => new CacheConfigError(message, { cause });

/** Checks a cache config; a bad value is named by its path, e.g. `network.ttlMs`. */
export function parseCacheConfig(raw: unknown, source = "cache config"): CacheConfig {
  return parseConfig(cacheConfigSchema, raw, source, fail);
}

/** Reads and checks the cache settings file once, at boot. */
export function loadCacheConfig(path: string): CacheConfig {
  return parseCacheConfig(readJsonConfig(path, "cache config", fail), `cache config ${path}`);
}
