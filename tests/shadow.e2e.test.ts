import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { shadowCalls, shadowDifferences } from "../adapters/kit/metrics.js";
import { fileShadowStore, type ShadowStore } from "../adapters/kit/shadow-store.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { modernBillingSchema } from "../sandbox/schema/modern-billing.js";
import { formatShadowReport } from "../tools/shadow-report-format.js";
import { readmeQuery } from "./support/readme.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Shadow mode over the stack: the legacy SQL adapter serves billing, modern billing's adapter is asked in the background
 * with the same keys. Over the same population they agree; one record altered in modern billing's own store is then
 * exactly one difference, in the kept differences and in the metric.
 */
const sandbox = inject("sandbox");
const PREFIX = "shd_";
const modern = `"${modernBillingSchema(PREFIX)}"`;
let directory: string;
let store: ShadowStore;
let stack: TestStack;
let db: pg.Pool;
let customerId: string;
let accountNo: string;
let balanceFen: number;

const callsOf = async (outcome: string) => (await shadowCalls.get()).values.find((v) => v.labels.system === "billing" && v.labels.outcome === outcome)?.value ?? 0;
const differencesOf = async (field: string) => (await shadowDifferences.get()).values.find((v) => v.labels.system === "billing" && v.labels.field === field)?.value ?? 0;

/** The README's query for the customer, and the shadow comparisons it set off, settled. */
async function ask(): Promise<Record<string, unknown>> {
  const { data, errors } = await stack.graphql(readmeQuery(customerId));
  expect(errors).toBeUndefined();
  await stack.shadowSettled();
  return data!;
}

beforeAll(async () => {
  // Kept as npm start keeps them, in a file that npm run shadow:report reads.
  directory = await mkdtemp(join(tmpdir(), "shadow-"));
  store = fileShadowStore(join(directory, "differences.jsonl"));
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 40, seed: 29, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf, {}, {
    modernBilling: true,
    billingRouting: { fallback: "sql", byRegion: {}, shadow: { candidate: "modern", sample: 1, maxInFlight: 1_000, timeoutMs: 60_000, store } },
  });
  db = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  // A customer with an account, read from modern billing's own store.
  const { rows } = await db.query(`SELECT customer_id, account_no, balance_fen FROM ${modern}.accounts WHERE customer_id IS NOT NULL ORDER BY account_no LIMIT 1`);
  const row = rows[0] as { customer_id: string; account_no: string; balance_fen: string };
  [customerId, accountNo, balanceFen] = [row.customer_id, row.account_no, Number(row.balance_fen)];
}, 300_000);
afterAll(async () => {
  await stack?.close();
  await db?.query(`DROP SCHEMA IF EXISTS ${modern} CASCADE`);
  await db?.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
  await rm(directory, { recursive: true, force: true });
});

describe("shadow mode", () => {
  it("finds no difference while both adapters hold the same population", async () => {
    await ask();
    expect(await store.recent()).toEqual([]);
    // Compared, not merely unanswered: every read was asked of the candidate and answered alike.
    expect(await callsOf("compared")).toBeGreaterThan(0);
    for (const outcome of ["differed", "failed", "timed-out", "skipped"]) expect(await callsOf(outcome), outcome).toBe(0);
  });

  it("reports exactly the one field altered in the candidate's store, and answers as the serving adapter does", async () => {
    const before = await ask();
    shadowDifferences.reset();
    await db.query(`UPDATE ${modern}.accounts SET balance_fen = balance_fen + 1 WHERE account_no = $1`, [accountNo]);
    try {
      const after = await ask();
      // The response is the serving adapter's, unchanged.
      expect(after).toEqual(before);
      const kept = await store.recent();
      expect(kept.length).toBeGreaterThan(0);
      for (const d of kept) {
        expect(d).toMatchObject({ system: "billing", served: balanceFen, candidate: balanceFen + 1 });
        expect(d.path).toMatch(new RegExp(`(^|\\[accountNo=${accountNo}\\])\\.balanceFen$`));
        expect([customerId, accountNo]).toContain(d.key);
      }
      // Each read that carries the account's balance counts it once under its own field.
      const fields = [...new Set(kept.map((d) => d.field))];
      for (const field of fields) expect(await differencesOf(field)).toBe(kept.filter((d) => d.field === field).length);
      expect(fields.every((f) => f.endsWith(".balanceFen"))).toBe(true);
      // The report names each field with its count and an example with both values.
      const report = formatShadowReport(kept);
      for (const field of fields) expect(report).toContain(`billing ${field}: ${kept.filter((d) => d.field === field).length} (1 key)`);
      expect(report).toContain(`serving ${balanceFen}  candidate ${balanceFen + 1}`);
    } finally {
      await db.query(`UPDATE ${modern}.accounts SET balance_fen = balance_fen - 1 WHERE account_no = $1`, [accountNo]);
    }
  });
});
