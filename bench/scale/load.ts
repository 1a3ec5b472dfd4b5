import { performance } from "node:perf_hooks";
import { Pool } from "undici";

export interface LoadOptions {
  url: string;
  token: string;
  query: string;
  /** Variables of the i-th request: every request asks something different. */
  variables: (i: number) => Record<string, unknown>;
  /** Requests in flight at once, one per connection. */
  connections: number;
  /** Measured window, after the warm-up. */
  durationMs: number;
  warmupMs: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Latencies of the measured window's requests, ms, ascending. */
  latencies: number[];
  elapsedMs: number;
  /** The first error answered, to say what went wrong. */
  firstError: string | null;
}

/** A closed loop: each connection sends its next request as soon as the last is answered. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const origin = new URL(options.url);
  const pool = new Pool(origin.origin, { connections: options.connections, pipelining: 1 });
  const headers = { "content-type": "application/json", authorization: `Bearer ${options.token}` };
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const body = JSON.stringify({ query: options.query, variables: options.variables(next++) });
      const sent = performance.now();
      const answer = await post(pool, origin.pathname, headers, body);
      const done = performance.now();
      if (sent < measureFrom) continue;
      latencies.push(done - sent);
      if (answer !== null) {
        errors += 1;
        firstError ??= answer;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    await pool.close();
  }
  return { requests: latencies.length, errors, latencies: latencies.sort((a, b) => a - b), elapsedMs: performance.now() - measureFrom, firstError };
}

/** One GraphQL request; null when it was answered without errors, else what went wrong. */
export async function post(pool: Pool, path: string, headers: Record<string, string>, body: string): Promise<string | null> {
  const { statusCode, body: response } = await pool.request({ method: "POST", path, headers, body });
  const text = await response.text();
  if (statusCode !== 200) return `HTTP ${statusCode}: ${text.slice(0, 300)}`;
  const parsed = JSON.parse(text) as { errors?: unknown[] };
  return parsed.errors?.length ? JSON.stringify(parsed.errors[0]).slice(0, 300) : null;
}

/** The p-th percentile (0–100) of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
