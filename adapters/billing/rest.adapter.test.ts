import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startModernBillingSimulator, type ModernBillingSimulator } from "../../sandbox/modern-billing/server.js";
import { modernBillingSchema } from "../../sandbox/schema/modern-billing.js";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { rejection, served, testPolicies } from "../kit/testing.js";
import { BillingRestAdapter } from "./rest.adapter.js";
import { MODERN_BILLING_MAX_KEYS } from "./rest.source.js";

const sandbox = inject("sandbox");

let simulator: ModernBillingSimulator;
let counter: RoundTripCounter;
let adapter: BillingRestAdapter;
let accounts: string[];

beforeAll(async () => {
  // The shared population's modern store, loaded once for every file that starts modern billing over it.
  simulator = await startModernBillingSimulator({ databaseUrl: sandbox.databaseUrl, schema: modernBillingSchema(sandbox.schemaPrefix), legacySchema: schemaNames(sandbox.schemaPrefix).billing });
  counter = new RoundTripCounter();
  adapter = new BillingRestAdapter({ baseUrl: simulator.url, counter, resilience: testPolicies() });
  const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  accounts = ((await pool.query(`SELECT "ACCT_NBR" AS n FROM "${schemaNames(sandbox.schemaPrefix).billing}"."ACCT" WHERE "ACCT_ID" < 9900000000 ORDER BY 1 LIMIT 50`)).rows as { n: string }[]).map((r) => r.n);
  await pool.end();
});

afterAll(async () => {
  await simulator?.close();
});

describe("billing REST adapter: the service's limits and failures", () => {
  it("splits a batch past the service's key limit into requests it takes, sent together", async () => {
    const unknown = Array.from({ length: MODERN_BILLING_MAX_KEYS + 200 }, (_, i) => `8899${String(i).padStart(10, "0")}`);
    counter.reset();
    const found = served(await adapter.getAccounts([...unknown, ...accounts]));
    expect(counter.get("billing")).toBe(2);
    expect([...found.keys()].sort()).toEqual([...accounts].sort());
  });

  it("reads a service answering 503 as SOURCE_UNAVAILABLE of billing, after trying again", async () => {
    simulator.faults.set({ errorRate: 1 });
    try {
      counter.reset();
      const error = await rejection(adapter.getBills([accounts[0] as string]));
      expect(error).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "billing" });
      expect(counter.get("billing")).toBe(2);
    } finally {
      simulator.faults.clear();
    }
  });

  it("does not retry a write the service refused, and names the refusal", async () => {
    counter.reset();
    const error = await rejection(adapter.recordDunningContact({ accountNo: accounts[0] as string, month: "1999-01", method: "MANUAL", result: "FAILED", idempotencyKey: "rest-adapter-test-1" }));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toContain("owes nothing for 1999-01");
    expect(counter.get("billing")).toBe(1);
  });
});
