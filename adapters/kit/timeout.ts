/** Default per-call budget for one round trip to a legacy system. */
export const DEFAULT_TIMEOUT_MS = 5_000;

/** An AbortSignal that fires after `ms`, for fetch and for pg queries alike. */
export function deadline(ms: number): AbortSignal {
  return AbortSignal.timeout(ms);
}
