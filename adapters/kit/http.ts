import { Agent, request } from "undici";
import { AdapterError, type SourceSystem } from "./errors.js";
import type { SourceHealth } from "./policies/breaker.js";
import { defaultPolicyConfig, type SystemPolicyConfig } from "./policies/config.js";
import { systemPolicy, type CallOptions, type SystemPolicy } from "./policies/policy.js";
import type { RoundTripCounter } from "./round-trips.js";
import { legacyCall } from "./telemetry.js";

export interface HttpSourceOptions {
  system: SourceSystem;
  baseUrl: string;
  counter: RoundTripCounter;
  /** The system's policies; the shipped config/resilience.json's when absent. */
  resilience?: SystemPolicyConfig;
  /** Overrides the policies' per-attempt budget. */
  timeoutMs?: number;
}

export interface HttpReply {
  status: number;
  body: string;
}

/** What an adapter sends: the method (GET when absent), its headers and a text body. */
export interface HttpInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Keep-alive connections shared by every HTTP source of the process (undici's own request API: Node's
 * fetch over it costs web streams, header objects and abort plumbing on every call, measured at a tenth of
 * the subgraphs' time). Idle connections close after 30 s, before the simulators' 60 s, so a reused one is
 * never one the server has just closed.
 */
const connections = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 30_000 });

/**
 * A legacy system reached over HTTP. Every request goes through the system's policies (bulkhead, breaker,
 * retry for reads, time budget capped by the request's deadline); each attempt is one counted round trip.
 * Transport failures and 502/503/504 become SOURCE_UNAVAILABLE, a spent budget SOURCE_TIMEOUT; other
 * statuses come back to the adapter, which knows what they mean for its protocol (a SOAP fault is a 500).
 */
export class HttpSource {
  readonly system: SourceSystem;
  private readonly baseUrl: string;
  private readonly counter: RoundTripCounter;
  private readonly policy: SystemPolicy;

  constructor(options: HttpSourceOptions) {
    this.system = options.system;
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.counter = options.counter;
    const config = options.resilience ?? defaultPolicyConfig(options.system);
    this.policy = systemPolicy(options.system, { ...config, timeoutMs: options.timeoutMs ?? config.timeoutMs });
  }

  /** A request that changes data must say `{ write: true }` (the method cannot tell: SOAP reads are POSTs); it is never retried. */
  request(path: string, init: HttpInit = {}, call: CallOptions = {}): Promise<HttpReply> {
    return this.exchange(path, init, (reply) => reply, call);
  }

  /**
   * `request`, with the adapter's reading of the reply inside the attempt, so that a failure of the system
   * only the protocol shows (a SOAP server fault) is retried and counted by the breaker like a 503.
   */
  async exchange<T>(path: string, init: HttpInit, read: (reply: HttpReply) => T, call: CallOptions = {}): Promise<T> {
    return this.policy.execute(async ({ signal, budgetMs }) => {
      this.counter.record(this.system);
      return legacyCall(this.system, "http", () => this.attempt(path, init, read, signal, budgetMs));
    }, call);
  }

  /** One attempt: one request over the wire, read by the adapter. */
  private async attempt<T>(path: string, init: HttpInit, read: (reply: HttpReply) => T, signal: AbortSignal, budgetMs: number): Promise<T> {
    let status: number;
    let body: string;
    try {
      const response = await request(this.baseUrl + path, { method: (init.method ?? "GET") as "GET", headers: init.headers, body: init.body, signal, dispatcher: connections });
      status = response.statusCode;
      body = await response.body.text();
    } catch (error) {
      const timedOut = signal.aborted || (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));
      throw new AdapterError(
        timedOut ? "SOURCE_TIMEOUT" : "SOURCE_UNAVAILABLE",
        this.system,
        timedOut ? `no answer within ${budgetMs} ms` : `request failed: ${describe(error)}`,
        undefined,
        { cause: error },
      );
    }
    if (status === 502 || status === 503 || status === 504) {
      throw new AdapterError("SOURCE_UNAVAILABLE", this.system, `answered HTTP ${status}`);
    }
    return read({ status, body });
  }

  health(): SourceHealth {
    return this.policy.health();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}

/** A reply body as JSON, or undefined when it is not JSON (a proxy's error page, say). */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A reply body as JSON; one that is not JSON is a malformed record of the system that sent it. */
export function replyJson(reply: HttpReply, system: SourceSystem, what: string): unknown {
  try {
    return JSON.parse(reply.body);
  } catch (error) {
    throw new AdapterError("MALFORMED_RECORD", system, `${what} reply is not JSON`, `${what} reply`, { cause: error });
  }
}
