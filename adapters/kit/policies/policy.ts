import type { SourceSystem } from "../errors.js";
import { breakerPolicy, type SourceHealth } from "./breaker.js";
import { bulkheadPolicy } from "./bulkhead.js";
import type { SystemPolicyConfig } from "./config.js";
import { retryPolicy, type CallOptions } from "./retry.js";
import { timeoutPolicy, type Attempt } from "./timeout.js";

export type { Attempt } from "./timeout.js";
export type { CallOptions } from "./retry.js";

/** Every call to one legacy system goes through here; `fn` is one attempt, one round trip. */
export interface SystemPolicy {
  readonly system: SourceSystem;
  execute<T>(fn: (attempt: Attempt) => Promise<T>, call?: CallOptions): Promise<T>;
  health(): SourceHealth;
}

/**
 * One system's policies, stacked from the outside in: the bulkhead admits the call; the breaker fails
 * it fast while the system is sick and counts each call once, whatever its retries; retry repeats a read
 * while the deadline allows; each attempt runs within its time budget.
 */
export function systemPolicy(system: SourceSystem, config: SystemPolicyConfig): SystemPolicy {
  const bulkhead = bulkheadPolicy(system, config.bulkhead, config.timeoutMs);
  const breaker = breakerPolicy(system, config.breaker);
  const retry = retryPolicy(config.retry, config.minAttemptMs);
  const timeout = timeoutPolicy(system, config);
  return {
    system,
    execute: (fn, call) => bulkhead.execute(() => breaker.execute(() => retry.execute(() => timeout.execute(fn), call))),
    health: () => ({ system, breaker: breaker.state() }),
  };
}
