import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPolicies } from "../kit/testing.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { NetworkRestAdapter } from "./rest.adapter.js";

// A network management that fails with HTTP 500 on every other request.
let server: Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((_, res) => {
    requests++;
    if (requests % 2 === 1) return void res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 9999, errmsg: "internal" }));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errcode: 0, data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("network management answering HTTP 500", () => {
  it("is a transient failure: retried once, so a read that fails then succeeds is served", async () => {
    const counter = new RoundTripCounter();
    const adapter = new NetworkRestAdapter({ baseUrl: url, counter, resilience: testPolicies() });
    const lines = await adapter.getLineStatuses(["13912340456"]);
    expect(lines.size).toBe(0);
    expect(counter.get("network")).toBe(2);
  });

  it("opens the breaker after repeated 500s, as it would after 503s", async () => {
    const counter = new RoundTripCounter();
    const adapter = new NetworkRestAdapter({ baseUrl: url, counter, resilience: testPolicies({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 600_000 } }) });
    // Whichever of the two answers comes first, a 500 opens the breaker within two calls.
    await adapter.getLineStatuses(["13912340456"]).catch(() => undefined);
    await adapter.getLineStatuses(["13912340456"]).catch(() => undefined);
    expect(adapter.health().breaker).toBe("open");
    await expect(adapter.getLineStatuses(["13912340456"])).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
  });
});
