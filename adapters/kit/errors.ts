/** The legacy systems behind the graph, named as they appear in error extensions, metrics and config. */
export const SOURCE_SYSTEMS = ["billing", "business-hall", "network", "key-account", "call-centre"] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

/**
 * The one registry of codes for failures at the adapter edge, each with what it means; the union type,
 * the subgraphs' mapping and docs/resilience.md follow from it. `transient` failures may pass if tried
 * again: only they are retried (reads and keyed writes) and counted by a circuit breaker. `publicCode` is the
 * `extensions.code` a consumer sees (schema/error-codes.ts lists those).
 */
export const ADAPTER_ERROR_CODES = {
  SOURCE_UNAVAILABLE: {
    transient: true,
    publicCode: "SOURCE_UNAVAILABLE",
    description: "The system refused, failed or is down, or its circuit breaker is open.",
  },
  SOURCE_TIMEOUT: {
    transient: true,
    publicCode: "SOURCE_TIMEOUT",
    description: "The system did not answer within the call's budget or the request's deadline.",
  },
  MALFORMED_RECORD: {
    transient: false,
    publicCode: "MALFORMED_RECORD",
    description: "The system answered with a record we cannot read; never guessed at, never dropped.",
  },
  BAD_USER_INPUT: {
    transient: false,
    publicCode: "BAD_USER_INPUT",
    description: "The caller's argument cannot be a valid id or value for this system.",
  },
  CONFLICT: {
    transient: false,
    publicCode: "CONFLICT",
    description: "The system rejected a write as inconsistent, e.g. an idempotency key reused for other data.",
  },
  INTERNAL: {
    transient: false,
    publicCode: "INTERNAL_SERVER_ERROR",
    description: "Our own mistake talking to the system (e.g. a SQL syntax error, an unknown table or column).",
  },
} as const satisfies Record<string, { transient: boolean; publicCode: string; description: string }>;

export type AdapterErrorCode = keyof typeof ADAPTER_ERROR_CODES;

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

/** Whether trying again might succeed: the registry's `transient`; anything not an AdapterError is a bug, never. */
export function isTransient(error: unknown): boolean {
  return isAdapterError(error) && ADAPTER_ERROR_CODES[error.code].transient;
}
