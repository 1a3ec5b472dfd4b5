import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_CACHE_CONFIG } from "../adapters/kit/cache/config.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
const PREFIX = "res_";
let dir: string;
let customerId: string;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 30, seed: 19, asOf: sandbox.asOf, schemaPrefix: PREFIX });
  dir = await mkdtemp(join(tmpdir(), "cg-res-"));
});
afterAll(async () => {
  await dropSandbox(sandbox.databaseUrl, PREFIX);
  await rm(dir, { recursive: true, force: true });
});

const HALF_OPEN_AFTER_MS = 3_000;
const LINES = `query($id: ID!) { customer(id: $id) { name subscriptions { serviceNo network { status } } } }`;

async function firstCustomer(stack: TestStack): Promise<string> {
  const { data } = await stack.graphql(`{ customers(first: 1) { edges { node { id } } } }`);
  return data!.customers.edges[0].node.id;
}

describe("the cache while a legacy system is down", () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Every value is past its TTL at once but stays servable for ten minutes: each read goes to the
    // source, and only an outage falls back on the cache.
    const config = { ...DEFAULT_CACHE_CONFIG, network: { enabled: true, ttlMs: 0, staleMs: 600_000 } };
    stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf, {}, { cache: { config } });
    customerId = await firstCustomer(stack);
  });
  afterAll(() => stack?.close());

  it("serves the last values it had, marked stale with the source and their age", async () => {
    const fresh = await stack.graphql(LINES, { id: customerId });
    expect(fresh.errors).toBeUndefined();
    expect(fresh.extensions?.stale).toBeUndefined();
    stack.simulators.network.faults.set({ down: true });
    try {
      const stale = await stack.graphql(LINES, { id: customerId });
      expect(stale.errors).toBeUndefined();
      expect(stale.data).toEqual(fresh.data);
      expect(stale.extensions?.stale).toEqual([{ source: "network", ageSeconds: expect.any(Number) }]);
    } finally {
      stack.simulators.network.faults.clear();
    }
  });
});

describe("circuit breakers and readiness", () => {
  let stack: TestStack;
  beforeAll(async () => {
    const shipped = JSON.parse(await readFile("config/resilience.json", "utf8"));
    // Long enough that a loaded machine still sees the breaker open between the checks below.
    shipped.network.breaker = { consecutiveFailures: 2, halfOpenAfterMs: HALF_OPEN_AFTER_MS };
    shipped.network.retry = { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 };
    await writeFile(join(dir, "resilience.json"), JSON.stringify(shipped));
    stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf, {}, { resiliencePath: join(dir, "resilience.json") });
    customerId = await firstCustomer(stack);
  });
  afterAll(() => stack?.close());

  const readyz = async () => {
    const response = await fetch(stack.gateway.url.replace(/\/graphql$/, "/readyz"));
    return { status: response.status, body: (await response.json()) as { sources: { system: string; ok: boolean; breaker: string; subgraph: string }[] } };
  };

  it("reports each legacy system with its breaker; opens on failures, fails fast, and closes again once the system is back", async () => {
    const healthy = await readyz();
    expect(healthy.status).toBe(200);
    expect(healthy.body.sources.map((s) => s.system).sort()).toEqual(["billing", "business-hall", "call-centre", "key-account", "network"]);
    expect(healthy.body.sources.every((s) => s.ok && s.breaker === "closed")).toBe(true);

    stack.simulators.network.faults.set({ down: true });
    try {
      for (let i = 0; i < 3; i++) await stack.graphql(LINES, { id: customerId });
      const down = await readyz();
      expect(down.status).toBe(503);
      expect(down.body.sources.find((s) => s.system === "network")).toMatchObject({ ok: false, breaker: "open", subgraph: "network" });
      expect(down.body.sources.filter((s) => s.system !== "network").every((s) => s.ok)).toBe(true);
      // Open: the next read fails at once, without a round trip to network management.
      stack.roundTrips.reset();
      const refused = await stack.graphql(LINES, { id: customerId });
      expect(refused.errors!.every((e) => e.extensions?.source === "network")).toBe(true);
      expect(stack.roundTrips.get("network")).toBe(0);
    } finally {
      stack.simulators.network.faults.clear();
    }
    await new Promise((resolve) => setTimeout(resolve, HALF_OPEN_AFTER_MS + 200));
    const healed = await stack.graphql(LINES, { id: customerId });
    expect(healed.errors).toBeUndefined();
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.sources.find((s) => s.system === "network")).toMatchObject({ ok: true, breaker: "closed" });
  });
});
