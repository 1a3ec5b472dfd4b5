/** Default per-call budget for one round trip to a legacy system (HTTP: an abort signal; SQL: pg's query_timeout). */
export const DEFAULT_TIMEOUT_MS = 5_000;
