import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseConfig, readJsonConfig } from "../config-file.js";
import { SOURCE_SYSTEMS, type SourceSystem } from "../errors.js";
import type { BreakerSettings } from "./breaker.js";
import type { BulkheadSettings } from "./bulkhead.js";
import type { RetrySettings } from "./retry.js";
import type { TimeoutSettings } from "./timeout.js";

/** The shipped per-system policies; docs/resilience.md explains every number in it. */
export const DEFAULT_RESILIENCE_PATH = fileURLToPath(new URL("../../../config/resilience.json", import.meta.url));

/** One legacy system's policies: timeout, retry (reads only), circuit breaker and bulkhead. */
export interface SystemPolicyConfig extends TimeoutSettings {
  retry: RetrySettings;
  breaker: BreakerSettings;
  bulkhead: BulkheadSettings;
}

export type ResilienceConfig = Record<SourceSystem, SystemPolicyConfig>;

const ms = z.number().int().min(1);
const count = z.number().int().min(1);

const retrySchema = z
  .strictObject({ maxAttempts: count.max(10), baseDelayMs: z.number().int().min(0), maxDelayMs: z.number().int().min(0) })
  .refine((retry) => retry.maxDelayMs >= retry.baseDelayMs, { path: ["maxDelayMs"], message: "must be at least baseDelayMs" });

const breakerSchema = z.union(
  [
    z.strictObject({ halfOpenAfterMs: ms, consecutiveFailures: count }),
    z.strictObject({
      halfOpenAfterMs: ms,
      sampling: z.strictObject({ failureRate: z.number().gt(0).lt(1), windowMs: ms, minimumRps: z.number().min(0) }),
    }),
  ],
  { error: "needs halfOpenAfterMs and either consecutiveFailures or sampling { failureRate, windowMs, minimumRps }" },
);

const systemSchema = z
  .strictObject({
    timeoutMs: ms,
    minAttemptMs: ms,
    retry: retrySchema,
    breaker: breakerSchema,
    bulkhead: z.strictObject({ maxConcurrent: count, queue: z.number().int().min(0) }),
  })
  .refine((system) => system.minAttemptMs <= system.timeoutMs, { path: ["minAttemptMs"], message: "must not exceed timeoutMs" });

export const resilienceConfigSchema = z.strictObject(
  Object.fromEntries(SOURCE_SYSTEMS.map((system) => [system, systemSchema])) as Record<SourceSystem, typeof systemSchema>,
) satisfies z.ZodType<ResilienceConfig>;

export class ResilienceConfigError extends Error {
  override readonly name = "ResilienceConfigError";
}

const fail = (message: string, cause: unknown) => new ResilienceConfigError(message, { cause });

/** Checks a resilience config; a bad value is named by its path, e.g. `billing.retry.maxAttempts`. */
export function parseResilienceConfig(raw: unknown, source = "resilience config"): ResilienceConfig {
  return parseConfig(resilienceConfigSchema, raw, source, fail);
}

/** Reads and checks the per-system policies once, at boot. */
export function loadResilienceConfig(path: string = DEFAULT_RESILIENCE_PATH): ResilienceConfig {
  return parseResilienceConfig(readJsonConfig(path, "resilience config", fail), `resilience config ${path}`);
}

let shipped: ResilienceConfig | undefined;

/** The shipped policies of one system, for an adapter built without any (tests, tools). */
export function defaultPolicyConfig(system: SourceSystem): SystemPolicyConfig {
  shipped ??= loadResilienceConfig();
  return shipped[system];
}
