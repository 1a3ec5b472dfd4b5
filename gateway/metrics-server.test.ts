import { afterEach, describe, expect, it } from "vitest";
import { startMetricsServer, type RunningMetrics } from "./metrics-server.js";
import { gatewayRequests } from "./metrics.js";

const running: RunningMetrics[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

async function start(token?: string, collect?: () => Promise<string>): Promise<RunningMetrics> {
  const server = await startMetricsServer({ port: 0, host: "127.0.0.1", token }, collect);
  running.push(server);
  return server;
}

describe("the metrics endpoint", () => {
  it("serves this process's series in Prometheus's text format at GET /metrics", async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    gatewayRequests.inc({ operation_type: "query", status: "200" }, 3);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    expect(await response.text()).toContain('cg_gateway_requests_total{operation_type="query",status="200"} 3');
    expect((await fetch(url, { method: "HEAD" })).status).toBe(200);
  });

  it("answers nothing else", async () => {
    const { url } = await start();
    expect((await fetch(url.replace("/metrics", "/graphql"))).status).toBe(404);
    expect((await fetch(url, { method: "POST", body: "x" })).status).toBe(404);
  });

  it("asks for the bearer token when one is set, and refuses any other", async () => {
    const token = "a-scraper-token-of-some-length";
    const { url } = await start(token, async () => "cg_up 1\n");
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url)).headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("cg_up 1\n");
  });

  it("says so when the series cannot be collected (a worker that does not answer)", async () => {
    const { url } = await start(undefined, () => Promise.reject(new Error("Operation timed out.")));
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("Operation timed out.");
  });

  it("frees its port on stop", async () => {
    const server = await startMetricsServer({ port: 0, host: "127.0.0.1" });
    const port = Number(new URL(server.url).port);
    await server.stop();
    const again = await startMetricsServer({ port, host: "127.0.0.1" });
    running.push(again);
    expect(again.url).toBe(server.url);
  });
});
