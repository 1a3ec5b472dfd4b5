import { z } from "zod";
import { DEFAULT_DEADLINE_MS } from "../schema/caller.js";
import { overrideEnvSchema } from "./engine/override-env.js";
import { limitsEnvSchema } from "./plugins/limits.js";
import { persistedQueriesEnvSchema } from "./plugins/persisted-queries.js";
import { rateLimitEnvSchema } from "./plugins/rate-limit.js";
import { telemetryEnvSchema } from "./telemetry-env.js";

const url = z.string().url().optional().or(z.literal("").transform(() => undefined));
const secret = (name: string) =>
  z
    .string()
    .min(32, `${name} must be at least 32 characters (e.g. openssl rand -base64 48)`)
    .optional()
    .or(z.literal("").transform(() => undefined));

/** What the gateway needs to let anyone in (who may call, how it vouches for them) and how long they may wait. */
export const settingsEnvSchema = z.object({
  /** production: introspection only for architect and admin. */
  GATEWAY_ENV: z.enum(["development", "production"]).default("development"),
  /** HS256 secret the bearer tokens are signed with (development; production without an identity provider). */
  AUTH_JWT_SECRET: secret("AUTH_JWT_SECRET"),
  /** The identity provider's JWKS URL; when set, tokens are checked against its keys instead of the secret. */
  AUTH_JWKS_URL: url,
  AUTH_ISSUER: z.string().min(1).default("customer-graph"),
  AUTH_AUDIENCE: z.string().min(1).default("customer-graph"),
  /** Shared with every subgraph: the gateway signs each call with it, the subgraphs refuse anything else. */
  SUBGRAPH_SIGNING_SECRET: secret("SUBGRAPH_SIGNING_SECRET"),
  /** Rate limits and persisted queries are kept in Redis when set (shared by every gateway instance), in process otherwise. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** How long one request may take, every subgraph and legacy system included. */
  GATEWAY_DEADLINE_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_DEADLINE_MS),
  ...limitsEnvSchema.shape,
  ...rateLimitEnvSchema.shape,
  /** OPERATIONS_SAFELIST (on: only registered operations run), OPERATIONS_MANIFEST_PATH, APQ_TTL_SECONDS. */
  ...persistedQueriesEnvSchema.shape,
  /** GATEWAY_OVERRIDE_LABELS: @override labels pinned on or off for every request (docs/migration.md). */
  ...overrideEnvSchema.shape,
  /** LOG_LEVEL, OTEL_* (traces, off by default), METRICS_PORT, METRICS_HOST, METRICS_TOKEN (docs/observability.md). */
  ...telemetryEnvSchema.shape,
});

export type SettingsEnv = z.infer<typeof settingsEnvSchema>;

const envSchema = settingsEnvSchema
  .extend({
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65_535).default(4_000),
    GATEWAY_HOST: z.string().min(1).default("127.0.0.1"),
    /** The composed supergraph to serve; the committed one by default. */
    SUPERGRAPH_PATH: z.string().min(1).default("schema/supergraph.graphql"),
    /** Where each subgraph runs, when not where the supergraph says. */
    SUBGRAPH_PROFILE_URL: url,
    SUBGRAPH_BILLING_URL: url,
    SUBGRAPH_NETWORK_URL: url,
    SUBGRAPH_KEY_ACCOUNT_URL: url,
    SUBGRAPH_INSIGHTS_URL: url,
    SUBGRAPH_CALL_CENTRE_URL: url,
  })
  .superRefine((env, ctx) => {
    if (!env.AUTH_JWKS_URL && !env.AUTH_JWT_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_JWT_SECRET"], message: "set AUTH_JWKS_URL (an identity provider) or AUTH_JWT_SECRET: the gateway lets no one in unauthenticated" });
    }
    if (!env.SUBGRAPH_SIGNING_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SUBGRAPH_SIGNING_SECRET"], message: "set it to the secret the subgraphs were given: they refuse unsigned calls" });
    }
  });

export type GatewayEnv = z.infer<typeof envSchema>;

export function gatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new Error(`bad environment: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return result.data;
}

/** Subgraph URL overrides keyed by the subgraph names the supergraph uses. */
export function subgraphUrlOverrides(env: GatewayEnv): Record<string, string> {
  const pairs: [string, string | undefined][] = [
    ["profile", env.SUBGRAPH_PROFILE_URL],
    ["billing", env.SUBGRAPH_BILLING_URL],
    ["network", env.SUBGRAPH_NETWORK_URL],
    ["key-account", env.SUBGRAPH_KEY_ACCOUNT_URL],
    ["insights", env.SUBGRAPH_INSIGHTS_URL],
    ["call-centre", env.SUBGRAPH_CALL_CENTRE_URL],
  ];
  return Object.fromEntries(pairs.filter((p): p is [string, string] => p[1] !== undefined));
}
