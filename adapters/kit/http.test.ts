import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withDeadline } from "../deadline.js";
import { AdapterError } from "./errors.js";
import { HttpSource } from "./http.js";
import { isCutByDeadline } from "./policies/timeout.js";
import { RoundTripCounter } from "./round-trips.js";
import { rejection, testPolicies } from "./testing.js";

/** What the fake system does with the next requests, and how many it received. */
const system = { status: 200, delayMs: 0, requests: 0 };
let server: Server;
let baseUrl: string;
const counter = new RoundTripCounter();
const source = () => new HttpSource({ system: "network", baseUrl, counter, resilience: testPolicies() });

beforeAll(async () => {
  server = createServer((_, response) => {
    system.requests++;
    setTimeout(() => response.writeHead(system.status).end(`status ${system.status}`), system.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  Object.assign(system, { status: 200, delayMs: 0, requests: 0 });
  counter.reset();
});

describe("HttpSource", () => {
  it("hands any other status back to the adapter, one round trip", async () => {
    system.status = 404;
    expect(await source().request("/x")).toEqual({ status: 404, body: "status 404" });
    expect(counter.get("network")).toBe(1);
  });

  it("tries a read that met a 503 again, and reports SOURCE_UNAVAILABLE when that fails too", async () => {
    system.status = 503;
    const error = await rejection(source().request("/lines"));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(error.message).toContain("HTTP 503");
    expect(system.requests).toBe(2);
    expect(counter.get("network")).toBe(2);
  });

  it("retries a read whose reply the adapter finds to be the system failing, but not one it cannot read", async () => {
    system.status = 500;
    const serverFault = () => {
      throw new AdapterError("SOURCE_UNAVAILABLE", "network", "server fault");
    };
    expect((await rejection(source().exchange("/soap", {}, serverFault))).message).toContain("server fault");
    expect(system.requests).toBe(2);
    const unreadable = () => {
      throw new AdapterError("MALFORMED_RECORD", "network", "not an envelope", "reply");
    };
    expect((await rejection(source().exchange("/soap", {}, unreadable))).code).toBe("MALFORMED_RECORD");
    expect(system.requests).toBe(3);
  });

  it("sends a write once, whatever the answer", async () => {
    system.status = 502;
    expect((await rejection(source().request("/tickets", { method: "POST" }, { write: true }))).code).toBe("SOURCE_UNAVAILABLE");
    expect(system.requests).toBe(1);
  });

  it("aborts a request when the request's deadline comes, with SOURCE_TIMEOUT", async () => {
    system.delayMs = 1_000;
    const error = await rejection(withDeadline(Date.now() + 200, () => source().request("/slow")));
    expect(error.code).toBe("SOURCE_TIMEOUT");
    expect(isCutByDeadline(error)).toBe(true);
    expect(system.requests).toBe(1);
  });

  it("opens its breaker after repeated failures and then fails fast without a request", async () => {
    system.status = 503;
    const sick = source();
    for (let i = 0; i < 3; i++) await rejection(sick.request("/lines"));
    expect(sick.health()).toEqual({ system: "network", breaker: "open" });
    const before = system.requests;
    expect((await rejection(sick.request("/lines"))).message).toContain("circuit open");
    expect(system.requests).toBe(before);
  });
});
