import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AggregatorRegistry, register } from "prom-client";
import type { MetricsSettings } from "./telemetry-env.js";

export interface RunningMetrics {
  /** Where Prometheus scrapes: http://host:port/metrics. */
  url: string;
  stop(): Promise<void>;
}

/** This process's series, in Prometheus's text format. */
export const processMetricsText = () => register.metrics();

/**
 * For `npm start` with several workers, in its primary: every worker's series summed into one answer
 * (prom-client's cluster aggregator asks each worker over the cluster's IPC channel); a gauge says how it
 * adds up (the breaker state takes the worst worker's). Each worker calls `answerMetricsRequests`.
 */
export function clusterMetricsText(): () => Promise<string> {
  const aggregator = new AggregatorRegistry();
  return () => aggregator.clusterMetrics();
}

/** In a worker of `npm start`: answer the primary's requests for this process's series. */
export function answerMetricsRequests(): void {
  new AggregatorRegistry();
}

/**
 * Prometheus's endpoint, `GET /metrics`, on a port of its own and never the gateway's: the gateway's port
 * faces consumers, this one the operators' scraper. It listens on loopback by default; with a token set,
 * a scrape without `Authorization: Bearer <token>` gets 401 (docs/security.md).
 */
export async function startMetricsServer(settings: MetricsSettings, collect: () => Promise<string> = processMetricsText): Promise<RunningMetrics> {
  const expected = settings.token ? Buffer.from(`Bearer ${settings.token}`) : null;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? "/").split("?")[0] !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) return plain(res, 404, "not found: the metrics are at GET /metrics\n");
    if (expected && !sameText(req.headers.authorization, expected)) {
      res.setHeader("www-authenticate", 'Bearer realm="metrics"');
      return plain(res, 401, "a bearer token is required\n");
    }
    collect().then(
      (text) => {
        res.writeHead(200, { "content-type": register.contentType, "cache-control": "no-store" }).end(req.method === "HEAD" ? undefined : text);
      },
      (error: unknown) => plain(res, 500, `metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  return {
    url: `http://${host}:${port}/metrics`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sameText(given: string | undefined, expected: Buffer): boolean {
  const actual = Buffer.from(given ?? "");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
}
