import type { ApolloServerPlugin, PersistedQueryOptions } from "@apollo/server";
import { GraphQLError } from "graphql";
import { Redis } from "ioredis";
import { z } from "zod";
import type { GatewayContext } from "../identity.js";
import { gatewayLog } from "../telemetry.js";
import { apqHash, DEFAULT_MANIFEST_PATH, loadManifest, type OperationManifest } from "./operation-manifest.js";
import type { GatewayPlugin } from "./plugin.js";

type KeyValueCache = NonNullable<PersistedQueryOptions["cache"]>;

export interface PersistedQuerySettings {
  /** Only registered operations run, by hash or in full. */
  safelist: boolean;
  /** The manifest of registered operations, loaded at boot in both modes. */
  manifestPath: string;
  /** How long a document a client registered by APQ is kept. */
  apqTtlSeconds: number;
  /** Prefix of the Redis keys (`cg:` by default); the register command must use the same. */
  redisKeyPrefix?: string;
}

export const DEFAULT_PERSISTED_QUERIES: PersistedQuerySettings = { safelist: false, manifestPath: DEFAULT_MANIFEST_PATH, apqTtlSeconds: 86_400 };

/** The persisted-query settings' environment variables, to merge into the gateway's env schema. */
export const persistedQueriesEnvSchema = z.object({
  OPERATIONS_SAFELIST: z.enum(["on", "off"], { message: "must be on or off" }).default("off"),
  OPERATIONS_MANIFEST_PATH: z.string().min(1).default(DEFAULT_MANIFEST_PATH),
  APQ_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(DEFAULT_PERSISTED_QUERIES.apqTtlSeconds),
});

export function persistedQueriesFromEnv(env: z.infer<typeof persistedQueriesEnvSchema>): PersistedQuerySettings {
  return { safelist: env.OPERATIONS_SAFELIST === "on", manifestPath: env.OPERATIONS_MANIFEST_PATH, apqTtlSeconds: env.APQ_TTL_SECONDS };
}

/**
 * Where persisted documents live beyond the manifest: those clients register by APQ (`learned`, with a
 * TTL) and those `npm run operations:register` stored (`registered`, kept until the next registration).
 */
export interface PersistedQueryStore {
  learned(hash: string): Promise<string | undefined>;
  learn(hash: string, document: string, ttlSeconds: number): Promise<void>;
  registered(hash: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * Redis keys, shared with `npm run operations:register`: one kind per prefix, so a safelist never takes
 * a document a client registered for one the register command stored.
 */
export function redisKeys(prefix = "cg:"): { learned: string; registered: string } {
  return { learned: `${prefix}apq:`, registered: `${prefix}pq:` };
}

/** Redis when a URL is given (every gateway process shares what was learned and registered), else this process's memory. */
export function createPersistedQueryStore(redisUrl?: string, keyPrefix?: string): PersistedQueryStore {
  return redisUrl ? redisStore(redisUrl, redisKeys(keyPrefix)) : memoryStore();
}

function redisStore(url: string, keys: ReturnType<typeof redisKeys>): PersistedQueryStore {
  // As for the rate limit: a slow or absent Redis costs a cache miss, never a request's deadline.
  const redis = new Redis(url, { commandTimeout: 200, maxRetriesPerRequest: 0 });
  redis.on("error", () => {});
  return {
    learned: async (hash) => (await redis.get(keys.learned + hash)) ?? undefined,
    learn: async (hash, document, ttlSeconds) => void (await redis.set(keys.learned + hash, document, "EX", ttlSeconds)),
    registered: async (hash) => (await redis.get(keys.registered + hash)) ?? undefined,
    async close() {
      if (redis.status === "ready") await redis.quit();
      else redis.disconnect();
    },
  };
}

/** At most this many characters of learned documents in memory; the oldest go first. */
const MEMORY_BUDGET = 16_000_000;

/** This process's learned documents, least recently used evicted first, each expiring after its TTL. */
export function memoryStore(now: () => number = Date.now, budget = MEMORY_BUDGET): PersistedQueryStore & { size(): number } {
  const entries = new Map<string, { document: string; expiresAt: number }>();
  let used = 0;
  const drop = (hash: string) => {
    used -= entries.get(hash)?.document.length ?? 0;
    entries.delete(hash);
  };
  return {
    async learned(hash) {
      const entry = entries.get(hash);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) return void drop(hash);
      // Map order is the eviction order: a hit moves to the back.
      entries.delete(hash);
      entries.set(hash, entry);
      return entry.document;
    },
    async learn(hash, document, ttlSeconds) {
      if (document.length > budget) return;
      drop(hash);
      entries.set(hash, { document, expiresAt: now() + ttlSeconds * 1000 });
      used += document.length;
      for (const oldest of entries.keys()) {
        if (used <= budget) break;
        drop(oldest);
      }
    },
    registered: async () => undefined,
    async close() {
      entries.clear();
      used = 0;
    },
    size: () => entries.size,
  };
}

export function operationNotRegistered(): GraphQLError {
  return new GraphQLError("this operation is not registered: only the operations in the manifest run here (npm run operations:register)", {
    extensions: { code: "OPERATION_NOT_REGISTERED", http: { status: 400 } },
  });
}

/**
 * Persisted queries. Registered operations (the manifest, and those the register command stored in
 * Redis) are always known by hash, even to a gateway that never saw them. Outside safelist mode clients
 * may also register documents by APQ. In safelist mode nothing else runs: the operation's hash, sent or
 * computed from the exact text sent, must be registered, or the request is refused with
 * OPERATION_NOT_REGISTERED before any subgraph is called. Authentication has run by then (the context
 * comes first), and limits and the rate limit apply to persisted operations as to any other.
 *
 * A store that fails is a miss, with one warning per outage: a client then sends the document again.
 */
export function persistedQueriesPlugin(manifest: OperationManifest, store: PersistedQueryStore, settings: PersistedQuerySettings): GatewayPlugin {
  let failing = false;
  const guarded = async <T>(read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      const value = await read();
      failing = false;
      return value;
    } catch (error) {
      if (!failing) gatewayLog.warn(`persisted queries: the store failed, documents outside the manifest are misses until it answers (${String(error)})`);
      failing = true;
      return fallback;
    }
  };
  const registered = async (hash: string) => manifest.operations[hash]?.document ?? (await guarded(() => store.registered(hash), undefined));

  // Apollo Server asks with its own "apq:" prefix before the hash.
  const hashOf = (key: string) => key.replace(/^apq:/, "");
  const cache: KeyValueCache = {
    async get(key) {
      const hash = hashOf(key);
      return (await registered(hash)) ?? (settings.safelist ? undefined : await guarded(() => store.learned(hash), undefined));
    },
    async set(key, document, options) {
      if (settings.safelist) return;
      await guarded(() => store.learn(hashOf(key), document, options?.ttl ?? settings.apqTtlSeconds), undefined);
    },
    async delete() {
      return true;
    },
  };

  // Apollo Server answers a hook's error as such only from didResolveOperation on: an unregistered
  // operation is let run to its first failure (an unknown hash, a parse or validation error) or to that
  // hook, whichever comes first, and whatever error the pipeline reports is replaced by the refusal.
  // Either way nothing has been planned or sent to a subgraph yet.
  const safelist: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ request }) {
      const sent = request.extensions?.persistedQuery?.sha256Hash;
      const hash = typeof sent === "string" ? sent : typeof request.query === "string" ? apqHash(request.query) : undefined;
      // No document at all: Apollo Server answers that itself.
      if (hash === undefined || (await registered(hash)) !== undefined) return;
      return {
        async didResolveOperation() {
          throw operationNotRegistered();
        },
        async didEncounterErrors({ errors }) {
          // The array Apollo Server formats next: typed read-only for hooks, replaced here on purpose.
          (errors as GraphQLError[]).splice(0, errors.length, operationNotRegistered());
        },
      };
    },
  };

  return {
    name: "persisted-queries",
    persistedQueries: { cache, ttl: settings.apqTtlSeconds },
    ...(settings.safelist ? { apollo: [safelist] } : {}),
    close: () => store.close(),
  };
}

/** The plugin as the gateway runs it: the manifest read at boot (a bad one stops the start), the store by REDIS_URL. */
export function persistedQueriesFromSettings(settings: PersistedQuerySettings, redisUrl?: string): GatewayPlugin {
  const manifest = loadManifest(settings.manifestPath);
  if (settings.safelist && Object.keys(manifest.operations).length === 0) {
    throw new Error(`OPERATIONS_SAFELIST=on needs registered operations, and ${settings.manifestPath} has none: run npm run operations:register`);
  }
  return persistedQueriesPlugin(manifest, createPersistedQueryStore(redisUrl, settings.redisKeyPrefix), settings);
}
