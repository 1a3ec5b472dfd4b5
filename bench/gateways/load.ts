import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  /** The JSON body of the n-th request: every request different. */
  body: (n: number) => string;
  /** Headers of the n-th request over `headers` (workload b: each KA manager with their own token). */
  headersFor?: (n: number) => Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Responses per second over the window. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts, non-2xx answers, and 2xx answers carrying GraphQL errors. */
  errors: number;
  non2xx: number;
  graphqlErrors: number;
  /** Wall time of the run, over which the caller reads the gateway's CPU time. */
  seconds: number;
}

/** Keeps the request counter across runs, so a warm-up and the windows after it never repeat variables. */
let sent = 0;

/** One bounded autocannon run over loopback: N connections, one request in flight on each. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let graphqlErrors = 0;
  const started = performance.now();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    requests: [
      {
        setupRequest: (request) => {
          const n = sent++;
          return { ...request, body: options.body(n), ...(options.headersFor ? { headers: { ...request.headers, ...options.headersFor(n) } } : {}) };
        },
        onResponse: (status, body) => {
          // An answer with errors is not a served request, whatever its status; the key appears at the top level only for GraphQL errors here.
          if (status >= 200 && status < 300 && body.includes('"errors":')) graphqlErrors++;
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    seconds,
  };
}
