import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { Redis } from "ioredis";
import { z } from "zod";
import type { GatewayContext } from "../identity.js";
import { gatewayLog } from "../telemetry.js";
import type { GatewayPlugin } from "./plugin.js";

/** Counts requests per key in fixed windows. */
export interface RateLimitStore {
  /** Counts one request; `count` includes it, `resetMs` is how long until the key's window ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  close(): Promise<void>;
}

export interface RateLimitOptions {
  /** Requests a subject may make per window. */
  limit: number;
  windowMs: number;
}

export const RATE_LIMIT_WINDOW_MS = 60_000;

export const rateLimitEnvSchema = z.object({
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
});

export function rateLimitFromEnv(env: z.infer<typeof rateLimitEnvSchema>): RateLimitOptions {
  return { limit: env.RATE_LIMIT_PER_MINUTE, windowMs: RATE_LIMIT_WINDOW_MS };
}

export interface RedisStoreOptions {
  /** Prefix of every key; `cg:rl:` by default. */
  keyPrefix?: string;
  /** How long a command may take before the request goes through uncounted; 100 ms by default. */
  commandTimeoutMs?: number;
}

/** Redis when a URL is given (the count is shared by every gateway instance), else this process's memory. */
export function createRateLimitStore(redisUrl?: string, options: RedisStoreOptions = {}): RateLimitStore {
  return redisUrl ? redisStore(redisUrl, options) : memoryStore(Date.now);
}

// The first hit of a window starts its expiry; a key somehow left without one gets it back.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

function redisStore(url: string, options: RedisStoreOptions): RateLimitStore {
  const prefix = options.keyPrefix ?? "cg:rl:";
  // A slow or absent Redis must not hold requests: commands give up after a short timeout, and those
  // queued while it is down are dropped at the next failed reconnect rather than retried.
  const redis = new Redis(url, { commandTimeout: options.commandTimeoutMs ?? 100, maxRetriesPerRequest: 0 });
  // The plugin reports failures from the commands themselves; this keeps ioredis from logging every
  // reconnect attempt as an unhandled error.
  redis.on("error", () => {});
  return {
    async hit(key, windowMs) {
      const [count, resetMs] = (await redis.eval(HIT_SCRIPT, 1, prefix + key, windowMs)) as [number, number];
      return { count, resetMs };
    },
    async close() {
      if (redis.status === "ready") await redis.quit();
      else redis.disconnect();
    },
  };
}

/** This process's count, on the given clock; `size` is how many windows it holds. */
export function memoryStore(now: () => number): RateLimitStore & { size(): number } {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = 0;
  return {
    async hit(key, windowMs) {
      const time = now();
      // Subjects come and go: drop ended windows at most once a window, so the map stays small.
      if (time >= nextSweep) {
        for (const [k, w] of windows) if (w.resetAt <= time) windows.delete(k);
        nextSweep = time + windowMs;
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= time) {
        window = { count: 0, resetAt: time + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetMs: window.resetAt - time };
    },
    async close() {
      windows.clear();
    },
    size: () => windows.size,
  };
}

function rateLimited(resetMs: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(resetMs / 1000));
  return new GraphQLError(`too many requests: try again in ${seconds} s`, {
    extensions: { code: "RATE_LIMITED", http: { status: 429, headers: new HeaderMap([["retry-after", String(seconds)]]) } },
  });
}

/**
 * Per-subject rate limit: more than `limit` requests in a window are refused with RATE_LIMITED,
 * HTTP 429 and Retry-After, before any subgraph is called. Every request counts, valid or not: the
 * count starts as the request does, alongside parsing and validation, and is checked once the
 * operation is resolved (the first hook where Apollo Server answers a thrown error as such).
 *
 * Fail open: when the store fails (Redis down or slow) requests go through uncounted, with one
 * warning per outage, since an outage of the counter must not become an outage of the graph.
 *
 * Give `apollo` to ApolloServer's `plugins`; `close` closes the store.
 */
export function rateLimitPlugin(store: RateLimitStore, options: RateLimitOptions): GatewayPlugin {
  let failing = false;
  const count = (subject: string) =>
    store.hit(subject, options.windowMs).then(
      (hit) => {
        failing = false;
        return hit;
      },
      (error: unknown) => {
        if (!failing) gatewayLog.warn(`rate limit: the store failed, requests go through uncounted until it answers again (${String(error)})`);
        failing = true;
        return null;
      },
    );

  const apollo: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      if (!contextValue.identity) throw new Error("no identity in the context: authentication must run first");
      const hit = count(contextValue.identity.subject);
      return {
        async didResolveOperation() {
          const result = await hit;
          if (result && result.count > options.limit) throw rateLimited(result.resetMs);
        },
      };
    },
  };
  return { name: "rate-limit", apollo: [apollo], close: () => store.close() };
}
