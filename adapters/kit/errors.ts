/** The legacy systems behind the graph, named as they appear in error extensions and metrics. */
export type SourceSystem = "billing" | "business-hall" | "network" | "key-account";

/**
 * One registry of codes for failures at the adapter edge; the gateway maps these once.
 * - SOURCE_UNAVAILABLE: the system refused, failed or is down.
 * - SOURCE_TIMEOUT: it did not answer within the call's budget.
 * - MALFORMED_RECORD: it answered with a record we cannot read; never guessed at, never dropped.
 * - BAD_USER_INPUT: the caller's argument cannot be a valid id or value for this system.
 * - CONFLICT: the system rejected a write as inconsistent (e.g. idempotency key reused for other data).
 */
export type AdapterErrorCode = "SOURCE_UNAVAILABLE" | "SOURCE_TIMEOUT" | "MALFORMED_RECORD" | "BAD_USER_INPUT" | "CONFLICT";

export class AdapterError extends Error {
  override readonly name = "AdapterError";
  constructor(
    readonly code: AdapterErrorCode,
    readonly source: SourceSystem,
    message: string,
    /** The legacy record's identity when one record is at fault, e.g. `ACCT 1000023`. */
    readonly record?: string,
    options?: { cause?: unknown },
  ) {
    super(`[${source}] ${message}`, options);
  }
}

export function isAdapterError(error: unknown): error is AdapterError {
  return error instanceof AdapterError;
}
