import { DEFAULT_DEADLINE_MS } from "../../schema/caller.js";
import type { SettingsEnv } from "../env.js";
import { authPlugin, type AuthOptions } from "./auth.js";
import { deadlinePlugin } from "./deadline.js";
import { DEFAULT_LIMITS, limitsFromEnv, limitsPlugin, type QueryLimits } from "./limits.js";
import { DEFAULT_PERSISTED_QUERIES, persistedQueriesFromEnv, persistedQueriesFromSettings, type PersistedQuerySettings } from "./persisted-queries.js";
import type { GatewayPlugin } from "./plugin.js";
import { stalePlugin } from "./stale.js";
import { telemetryPlugin } from "./telemetry.js";
import { createRateLimitStore, rateLimitEnvSchema, rateLimitFromEnv, rateLimitPlugin, type RateLimitOptions } from "./rate-limit.js";

/** Everything the gateway needs to decide who gets in, what they may ask and how long it may take. */
export interface GatewaySettings {
  /** Shared with the subgraphs: every call to them is signed with it. */
  signingSecret: string;
  auth: AuthOptions;
  /** Production: introspection only for architect and admin. */
  production: boolean;
  limits: QueryLimits;
  rateLimit: RateLimitOptions;
  /** Where rate-limit counts and persisted queries are shared between gateway instances; this process's memory when absent. */
  redisUrl?: string | undefined;
  /** Persisted queries: the manifest of registered operations, the safelist mode, the APQ TTL; the defaults when absent. */
  persistedQueries?: PersistedQuerySettings;
  /** How long a request may take, all subgraphs and legacy systems included. */
  deadlineMs: number;
  /** @override labels pinned on or off for every request (GATEWAY_OVERRIDE_LABELS); none when absent. */
  overrideLabels?: ReadonlyMap<string, boolean>;
}

/** The limits a development stack runs with unless told otherwise: the shipped defaults. */
export const DEFAULT_SETTINGS_LIMITS = { limits: DEFAULT_LIMITS, rateLimit: rateLimitFromEnv(rateLimitEnvSchema.parse({})), deadlineMs: DEFAULT_DEADLINE_MS } as const;

/** The gateway's plugins in the order they run: who is calling first, then what they may ask. */
export function gatewayPlugins(security: GatewaySettings): GatewayPlugin[] {
  return [
    deadlinePlugin(security.deadlineMs),
    authPlugin(security.auth),
    limitsPlugin(security.limits, { production: security.production }),
    rateLimitPlugin(createRateLimitStore(security.redisUrl), security.rateLimit),
    persistedQueriesFromSettings(security.persistedQueries ?? DEFAULT_PERSISTED_QUERIES, security.redisUrl),
    stalePlugin(),
    telemetryPlugin(),
  ];
}

/** The gateway's settings from the checked environment (gateway/env.ts); the secrets must be there. */
export function settingsFromEnv(env: SettingsEnv): GatewaySettings {
  if (!env.SUBGRAPH_SIGNING_SECRET) throw new Error("SUBGRAPH_SIGNING_SECRET is not set");
  return {
    signingSecret: env.SUBGRAPH_SIGNING_SECRET,
    auth: { jwtSecret: env.AUTH_JWT_SECRET, jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE },
    production: env.GATEWAY_ENV === "production",
    limits: limitsFromEnv(env),
    rateLimit: rateLimitFromEnv(env),
    redisUrl: env.REDIS_URL,
    persistedQueries: persistedQueriesFromEnv(env),
    deadlineMs: env.GATEWAY_DEADLINE_MS,
    overrideLabels: env.GATEWAY_OVERRIDE_LABELS,
  };
}
