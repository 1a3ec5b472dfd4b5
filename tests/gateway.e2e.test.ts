import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";

import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
// Its own population: adapter tests add and remove rows in the shared one while this file runs.
const PREFIX = "gw_";
const CUSTOMERS = 60;
let stack: TestStack;
let base: string;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: CUSTOMERS, seed: 9, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
  base = stack.gateway.url.replace(/\/graphql$/, "");
});
afterAll(async () => {
  await stack?.close();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/** A generated customer id: customer 1 of the fixture lives in whichever local network it drew. */
async function someCustomerId(): Promise<string> {
  const { data } = await stack.graphql(`{ customers(first: 1) { edges { node { id } } } }`);
  return data!.customers.edges[0].node.id;
}

describe("gateway", () => {
  it("answers /healthz while alive and /readyz when every subgraph answers", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; subgraphs: { name: string; ok: boolean }[] };
    expect(body.status).toBe("ready");
    expect(body.subgraphs.map((s) => s.name).sort()).toEqual(["billing", "call-centre", "insights", "key-account", "network", "profile"]);
  });

  it("masks a legacy system's failure to a code and its source, and still answers what other systems know", async () => {
    const id = await someCustomerId();
    stack.simulators.network.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(`query($id: ID!) { customer(id: $id) { id name subscriptions { serviceNo network { status } } } }`, { id });
      expect(data!.customer.id).toBe(id);
      expect(data!.customer.name).toEqual(expect.any(String));
      expect(data!.customer.subscriptions.length).toBeGreaterThan(0);
      expect(data!.customer.subscriptions.every((s: { network: unknown }) => s.network === null)).toBe(true);
      expect(errors!.length).toBeGreaterThan(0);
      for (const error of errors!) {
        expect(error.extensions).toEqual({ code: "SOURCE_UNAVAILABLE", source: "network" });
        expect(error.message).toBe("network is unavailable");
      }
    } finally {
      stack.simulators.network.faults.clear();
    }
  });

  it("reports the business hall down as SOURCE_UNAVAILABLE from business-hall, with no stack trace", async () => {
    stack.simulators.hall.faults.set({ down: true });
    try {
      const response = await fetch(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await stack.token()}` },
        body: JSON.stringify({ query: `{ customer(id: "320100000001") { id } }` }),
      });
      const text = await response.text();
      expect(text).not.toMatch(/stacktrace|ECONNRESET|at \w+ \(/);
      const body = JSON.parse(text) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toEqual({ code: "SOURCE_UNAVAILABLE", source: "business-hall" });
    } finally {
      stack.simulators.hall.faults.clear();
    }
  });

  it("rejects bad requests plainly", async () => {
    const notFound = await fetch(`${base}/nowhere`);
    expect(notFound.status).toBe(404);
    const badJson = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(badJson.status).toBe(400);
    const invalid = await stack.graphql(`{ customer(id: "320100000001") { noSuchField } }`);
    expect(invalid.errors![0]!.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });

  it("reports a subgraph that stopped answering: not ready, and SOURCE_UNAVAILABLE naming it in answers", async () => {
    const id = await someCustomerId();
    await stack.subgraphs.find((s) => s.name === "key-account")!.stop();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { subgraphs: { name: string; ok: boolean }[] };
    expect(body.subgraphs.filter((s) => !s.ok).map((s) => s.name)).toEqual(["key-account"]);

    const { data, errors } = await stack.graphql(`query($id: ID!) { customer(id: $id) { name keyAccount { level } } }`, { id });
    expect(data!.customer.name).toEqual(expect.any(String));
    expect(data!.customer.keyAccount).toBeNull();
    expect(errors!.map((e) => e.extensions)).toEqual([{ code: "SOURCE_UNAVAILABLE", source: "key-account" }]);
  });
});

describe("gateway shutdown", () => {
  it("lets a request in flight finish, then refuses new connections", async () => {
    const own = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
    try {
      own.simulators.hall.faults.set({ latencyMs: 800 });
      own.roundTrips.reset();
      const inFlight = own.graphql(`{ customers(first: 2) { totalCount } }`);
      // Stop only once the request has reached the business hall, so it is surely in flight.
      for (let waited = 0; own.roundTrips.get("business-hall") === 0; waited += 10) {
        if (waited > 10_000) throw new Error("the request never reached the business hall");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await own.gateway.stop();
      const { data, errors } = await inFlight;
      expect(errors).toBeUndefined();
      expect(data!.customers.totalCount).toBe(CUSTOMERS);
      await expect(fetch(own.gateway.url.replace(/\/graphql$/, "/healthz"))).rejects.toThrow();
    } finally {
      await own.close();
    }
  });
});
