import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox } from "../generate/generate.js";
import { modernBillingSchema } from "../schema/modern-billing.js";
import { schemaNames } from "../schema/names.js";
import { loadModernBilling, type LoadProgress } from "./load.js";
import { startModernBillingSimulator, type ModernBillingSimulator } from "./server.js";

const sandbox = inject("sandbox");
/** A population of this file's own, which no other test file writes to while the loads are compared with it. */
const PREFIX = "mbs_";
const legacySchema = schemaNames(PREFIX).billing;
const legacy = `"${legacySchema}"`;
const SCHEMA = modernBillingSchema(PREFIX);

let pool: pg.Pool;
let simulator: ModernBillingSimulator;
const progress: string[] = [];

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(simulator.url + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 80, seed: 5, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  simulator = await startModernBillingSimulator({
    databaseUrl: sandbox.databaseUrl,
    schema: SCHEMA,
    legacySchema,
    today: () => sandbox.asOf,
    onLoad: ({ table, rows, done }) => progress.push(`${table} ${rows}${done ? "" : "…"}`),
  });
});

afterAll(async () => {
  await simulator?.close();
  await pool?.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await pool?.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

describe("modern billing simulator", () => {
  it("is loaded with the legacy population, table by table, and not again on a restart", async () => {
    const [counts] = (
      await pool.query(`SELECT (SELECT count(*) FROM ${legacy}."CUST")::int AS customers, (SELECT count(*) FROM ${legacy}."BILL")::int AS bills,
         (SELECT count(*) FROM ${legacy}."PAYMENT")::int AS payments`)
    ).rows as { customers: number; bills: number; payments: number }[];
    expect(simulator.load.loaded).toBe(true);
    expect(simulator.load.rows.customers).toBe(counts!.customers);
    expect(simulator.load.rows.bills).toBe(counts!.bills);
    expect(simulator.load.rows.payments).toBe(counts!.payments);
    expect(progress).toContain(`customers ${counts!.customers}`);
    const again = await startModernBillingSimulator({ databaseUrl: sandbox.databaseUrl, schema: SCHEMA, legacySchema });
    await again.close();
    expect(again.load.loaded).toBe(false);
  });

  it("loads a big table range by range, telling how far it has come, to the same rows as in one statement", async () => {
    const chunked = modernBillingSchema(`${PREFIX}c_`);
    const steps: LoadProgress[] = [];
    try {
      const load = await loadModernBilling({ databaseUrl: sandbox.databaseUrl, from: legacySchema, to: chunked, chunkRows: 100, onProgress: (p) => steps.push(p) });
      expect(load.rows).toEqual(simulator.load.rows);
      const bills = steps.filter((p) => p.table === "bills");
      expect(bills.length).toBeGreaterThan(2);
      expect(bills.at(-1)).toMatchObject({ done: true, rows: simulator.load.rows.bills });
      expect(bills.slice(0, -1).every((p) => !p.done)).toBe(true);
      const [same] = (await pool.query(`SELECT count(*)::int AS n FROM (SELECT * FROM "${chunked}".bills EXCEPT SELECT * FROM "${SCHEMA}".bills) x`)).rows as { n: number }[];
      expect(same?.n).toBe(0);
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS "${chunked}" CASCADE`);
    }
  });

  it("converts legacy rows to clean names, ISO dates and spelled-out statuses", async () => {
    const [row] = (await pool.query(`SELECT * FROM ${legacy}."ACCT" ORDER BY "ACCT_ID" LIMIT 1`)).rows as Record<string, string>[];
    const { status, body } = await post("/v1/accounts:batchGet", { accountNos: [row!.ACCT_NBR] });
    expect(status).toBe(200);
    const [account] = body.records;
    expect(account.accountNo).toBe(row!.ACCT_NBR);
    expect(account.serialNo).toBe(String(row!.ACCT_ID));
    expect(account.openedOn).toBe(`${row!.CREATED_DATE!.slice(0, 4)}-${row!.CREATED_DATE!.slice(4, 6)}-${row!.CREATED_DATE!.slice(6, 8)}`);
    expect(account.paymentMethod).toBe({ C: "CASH", B: "BANK_DEBIT", P: "PREPAID", A: "AGENT" }[row!.PAY_METHOD!]);
    expect(account.balanceFen).toBe(String(row!.BALANCE));
  });

  it("pages a list with a token until the last page", async () => {
    const accounts = ((await pool.query(`SELECT "ACCT_NBR" FROM ${legacy}."ACCT" ORDER BY "ACCT_ID" LIMIT 20`)).rows as { ACCT_NBR: string }[]).map((r) => r.ACCT_NBR);
    const whole = await post("/v1/bills:search", { accountNos: accounts });
    expect(whole.body.nextPageToken).toBeNull();
    expect(whole.body.records.length).toBeGreaterThan(7);
    const paged: unknown[] = [];
    let token: string | null = null;
    do {
      const next: { body: Record<string, any> } = await post("/v1/bills:search", { accountNos: accounts, pageSize: 7, ...(token ? { pageToken: token } : {}) });
      paged.push(...next.body.records);
      token = next.body.nextPageToken;
    } while (token !== null);
    expect(paged).toEqual(whole.body.records);
  });

  it("refuses what it cannot answer with a code and a message", async () => {
    expect((await post("/v1/accounts:batchGet", { accountNos: [] })).body.error.code).toBe("INVALID_ARGUMENT");
    expect((await post("/v1/nothing", {})).status).toBe(404);
    const get = await fetch(`${simulator.url}/v1/accounts:batchGet`);
    expect(get.status).toBe(405);
    const unkeyed = await post("/v1/payments", { accountNo: "88000000000000", amountFen: 1, channel: "WEB", placeCode: null });
    expect(unkeyed.status).toBe(400);
  });

  it("writes payments to its own store, once per idempotency key", async () => {
    const [row] = (await pool.query(`SELECT "ACCT_NBR" FROM ${legacy}."ACCT" ORDER BY "ACCT_ID" LIMIT 1`)).rows as { ACCT_NBR: string }[];
    const payment = { accountNo: row!.ACCT_NBR, amountFen: 1234, channel: "WEB", placeCode: null };
    const first = await post("/v1/payments", payment, { "idempotency-key": "srv-test-payment-1" });
    const again = await post("/v1/payments", payment, { "idempotency-key": "srv-test-payment-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ record: first.body.record, replayed: true });
    expect(first.body.record.paidOn).toBe(sandbox.asOf);
    const inLegacy = await pool.query(`SELECT 1 FROM ${legacy}."PAYMENT" WHERE "OUT_SERIAL_NBR" = 'srv-test-payment-1'`);
    expect(inLegacy.rowCount).toBe(0);
    const unknown = await post("/v1/payments", { ...payment, accountNo: "88000000000000" }, { "idempotency-key": "srv-test-payment-2" });
    expect(unknown.status).toBe(404);
  });

  it("shows injected faults", async () => {
    simulator.faults.set({ errorRate: 1 });
    try {
      const response = await fetch(`${simulator.url}/v1/accounts:batchGet`, { method: "POST", body: "{}" });
      expect(response.status).toBe(503);
    } finally {
      simulator.faults.clear();
    }
  });
});
