import { availableParallelism } from "node:os";
import { z } from "zod";
import { BILLING_ADAPTERS } from "../adapters/billing/route.js";
import { regionRoutes } from "../adapters/kit/routing.js";
import { isCalendarDate } from "../adapters/kit/values.js";
import { settingsEnvSchema } from "../gateway/env.js";
import { parseEnv, sandboxEnv } from "../sandbox/cli/env.js";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

const stackSchema = z.object({
  GATEWAY_PORT: port(4_000),
  PROFILE_PORT: port(4_001),
  BILLING_PORT: port(4_002),
  NETWORK_SUBGRAPH_PORT: port(4_003),
  KEY_ACCOUNT_PORT: port(4_004),
  INSIGHTS_PORT: port(4_005),
  CALL_CENTRE_SUBGRAPH_PORT: port(4_006),
  /** The fault proxies in front of the database for billing and key accounts: data path and fault switch. */
  BILLING_PROXY_PORT: port(4_103),
  BILLING_FAULTS_PORT: port(4_104),
  KEY_ACCOUNT_PROXY_PORT: port(4_105),
  KEY_ACCOUNT_FAULTS_PORT: port(4_106),
  /** Reference date of the judgements; the carrier's today (UTC+8) at each request when unset: set it for reproducible results. */
  INSIGHTS_AS_OF: z
    .string()
    .refine(isCalendarDate, "must be a calendar date YYYY-MM-DD")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The scoring model (weights, thresholds, rules); validated at boot. */
  SCORING_MODEL_PATH: z.string().min(1).optional(),
  /** Who may take which offer (config/offers.json); validated at boot. */
  OFFER_RULES_PATH: z.string().min(1).optional(),
  SUPERGRAPH_PATH: z.string().min(1).default("schema/supergraph.graphql"),
  /** Per-system timeouts, retries, breakers and bulkheads (docs/resilience.md); validated at boot. */
  RESILIENCE_CONFIG_PATH: z.string().min(1).default("config/resilience.json"),
  /** Per-system cache TTL and stale window (docs/resilience.md); validated at boot. */
  CACHE_CONFIG_PATH: z.string().min(1).default("config/cache.json"),
  /** The billing adapter serving every region not routed otherwise (docs/shadow.md): the legacy SQL one, or modern billing's. */
  BILLING_ADAPTER: z.enum(BILLING_ADAPTERS).default("sql"),
  /** Regions served by another billing adapter: "32:modern,3301:sql", a province or local network each. */
  BILLING_ADAPTER_BY_REGION: regionRoutes(BILLING_ADAPTERS),
  /** Shadow mode: the billing adapter also asked, in the background, and compared with the serving one; off when unset. */
  BILLING_SHADOW: z
    .enum(BILLING_ADAPTERS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Share of billing reads shadowed, 0 to 1. */
  BILLING_SHADOW_SAMPLE: z.coerce.number().min(0, "must be from 0 to 1").max(1, "must be from 0 to 1").default(1),
  /** Candidate calls running at once in each process; reads past it are not shadowed. */
  BILLING_SHADOW_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1_000).default(4),
  /** A candidate call unanswered after this many milliseconds is given up (counted as timed-out). */
  BILLING_SHADOW_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(5_000),
  /** Where shadow mode keeps its differences (JSON lines) for `npm run shadow:report`; <SANDBOX_DATA_DIR>/shadow-differences.jsonl when unset. */
  SHADOW_DIFFERENCES_PATH: z
    .string()
    .min(1)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Processes serving the graph (subgraphs and gateway, sharing the ports); 1 runs everything in one process. */
  STACK_PROCESSES: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
});

/**
 * Every setting `npm start` uses, checked once at boot; a bad value names its variable. The gateway's
 * security settings are its own (gateway/env.ts); unset secrets are generated for the data directory.
 */
export function stackEnv(env: NodeJS.ProcessEnv = process.env) {
  return { ...sandboxEnv(env), ...parseEnv(stackSchema, env), ...parseEnv(settingsEnvSchema, env) };
}
