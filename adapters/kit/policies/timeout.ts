import { TaskCancelledError, TimeoutStrategy, timeout } from "cockatiel";
import { callBudgetMs } from "../../deadline.js";
import { AdapterError, isAdapterError, type SourceSystem } from "../errors.js";

export interface TimeoutSettings {
  /** The system's own budget for one attempt. */
  timeoutMs: number;
  /** Less budget than this left of the request's deadline: no attempt, SOURCE_TIMEOUT at once. */
  minAttemptMs: number;
}

/** What one attempt gets: a signal that aborts when its budget is spent, and that budget (pg takes a number). */
export interface Attempt {
  readonly signal: AbortSignal;
  readonly budgetMs: number;
}

// A timeout the request's deadline caused says nothing about the system's health.
const cutByDeadline = new WeakSet<AdapterError>();

/** Whether this SOURCE_TIMEOUT came from the request's deadline rather than the system's own budget. */
export function isCutByDeadline(error: unknown): boolean {
  return isAdapterError(error) && cutByDeadline.has(error);
}

/** Runs each attempt within the smaller of the system's budget and what is left of the request's deadline. */
export function timeoutPolicy(system: SourceSystem, settings: TimeoutSettings) {
  const expired = (message: string, byDeadline: boolean, cause?: unknown): AdapterError => {
    const error = new AdapterError("SOURCE_TIMEOUT", system, message, undefined, { cause });
    if (byDeadline) cutByDeadline.add(error);
    return error;
  };
  return {
    async execute<T>(fn: (attempt: Attempt) => Promise<T>): Promise<T> {
      const budgetMs = callBudgetMs(settings.timeoutMs);
      const byDeadline = budgetMs < settings.timeoutMs;
      // A tiny own budget (a test's) is still tried; only the deadline's leftovers are refused.
      if (budgetMs < Math.min(settings.minAttemptMs, settings.timeoutMs)) {
        throw expired(`not called: the request's deadline leaves ${budgetMs} ms`, true);
      }
      // Not aborted on return, so that an aborted signal means the budget ran out, whatever the attempt threw then.
      const policy = timeout(budgetMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
      let signal: AbortSignal | undefined;
      try {
        return await policy.execute((context) => fn({ signal: (signal = context.signal), budgetMs }));
      } catch (error) {
        const timedOut = signal?.aborted || error instanceof TaskCancelledError || (isAdapterError(error) && error.code === "SOURCE_TIMEOUT");
        if (!timedOut) throw error;
        throw expired(`no answer within ${budgetMs} ms${byDeadline ? ", what was left of the request's deadline" : ""}`, byDeadline, error);
      }
    },
  };
}
