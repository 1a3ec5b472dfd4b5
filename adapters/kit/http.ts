import { AdapterError, type SourceSystem } from "./errors.js";
import type { RoundTripCounter } from "./round-trips.js";
import { DEFAULT_TIMEOUT_MS } from "./timeout.js";

export interface HttpSourceOptions {
  system: SourceSystem;
  baseUrl: string;
  counter: RoundTripCounter;
  timeoutMs?: number;
}

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * A legacy system reached over HTTP: every request is one counted round trip with a time budget.
 * Transport failures and 502/503/504 become SOURCE_UNAVAILABLE, a blown budget SOURCE_TIMEOUT; other
 * statuses come back to the adapter, which knows what they mean for its protocol (a SOAP fault is a 500).
 */
export class HttpSource {
  readonly system: SourceSystem;
  private readonly baseUrl: string;
  private readonly counter: RoundTripCounter;
  private readonly timeoutMs: number;

  constructor(options: HttpSourceOptions) {
    this.system = options.system;
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.counter = options.counter;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async request(path: string, init: RequestInit = {}): Promise<HttpReply> {
    this.counter.record(this.system);
    let response: Response;
    let body: string;
    try {
      response = await fetch(this.baseUrl + path, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      body = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new AdapterError(
        timedOut ? "SOURCE_TIMEOUT" : "SOURCE_UNAVAILABLE",
        this.system,
        timedOut ? `no answer within ${this.timeoutMs} ms` : `request failed: ${describe(error)}`,
        undefined,
        { cause: error },
      );
    }
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      throw new AdapterError("SOURCE_UNAVAILABLE", this.system, `answered HTTP ${response.status}`);
    }
    return { status: response.status, body };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
