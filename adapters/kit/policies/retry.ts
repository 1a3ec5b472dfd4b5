import { setTimeout as sleep } from "node:timers/promises";
import { ExponentialBackoff } from "cockatiel";
import { remainingMs } from "../../deadline.js";
import { isTransient } from "../errors.js";

export interface RetrySettings {
  /** Attempts in all, the first included: 1 never retries. */
  maxAttempts: number;
  /** Scale of the first delay; later ones grow exponentially, with decorrelated jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface CallOptions {
  /** A write is never retried: its first attempt may have landed although its answer was lost. */
  write?: boolean;
  /**
   * A write the system itself makes idempotent (keyed: a replay returns the first record and writes
   * nothing) may be retried like a read: a second attempt cannot write twice.
   */
  idempotent?: boolean;
}

/**
 * Tries a read (or a keyed write) again after a transient failure (SOURCE_UNAVAILABLE, SOURCE_TIMEOUT), with backoff, while
 * the request's deadline still leaves `minAttemptMs` after the delay; anything else fails at once.
 */
export function retryPolicy(settings: RetrySettings, minAttemptMs: number) {
  const fits = (delayMs: number) => {
    const left = remainingMs();
    return left === undefined || left - delayMs >= minAttemptMs;
  };
  return {
    async execute<T>(fn: () => Promise<T>, call: CallOptions = {}): Promise<T> {
      const attempts = call.write && !call.idempotent ? 1 : settings.maxAttempts;
      let backoff = new ExponentialBackoff({ initialDelay: settings.baseDelayMs, maxDelay: settings.maxDelayMs }).next();
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn();
        } catch (error) {
          if (attempt >= attempts || !isTransient(error) || !fits(backoff.duration)) throw error;
        }
        await sleep(backoff.duration);
        backoff = backoff.next(undefined);
      }
    },
  };
}
