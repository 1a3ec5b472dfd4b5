import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectRefusedUpFront, rejection, served } from "../kit/testing.js";
import type { NewDunningContact, NewPayment } from "./port.js";
import { BillingSqlAdapter } from "./sql.adapter.js";

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;
const RUN = `${process.pid}-${Date.now()}`;

/**
 * Rows this file inserts live in local network 9905 and ids from 9,905,000,000 to 9,905,999,999, which
 * generated data never uses and other test files keep clear of; all are removed afterwards.
 */
const OWN = 9_905_000_000;
const OWN_IDS = `BETWEEN ${OWN} AND ${OWN + 999_999}`;
const OWN_ACCOUNT = "88990500000001";
const SETTLED_ACCOUNT = "88990500000002";
const UNKNOWN_ACCOUNT = "88990599999999";
/** The cycle the own account still owes on, and one it paid. */
const OWED_MONTH = "2026-09";
const PAID_MONTH = "2026-08";

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;

async function rows<T = Record<string, string>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(text, values)).rows as T[];
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).billing, counter, today: () => sandbox.asOf });
  // An account owing on September with two dunning attempts already, and one with nothing owed.
  await pool.query(`
    INSERT INTO ${b}."CUST" VALUES (${OWN}, '9905-00000001', '测试客户', '9905');
    INSERT INTO ${b}."ACCT" VALUES (${OWN}, '${OWN_ACCOUNT}', ${OWN}, '测试客户', 'C', '', '', 10000, 0, 'A', '20240105');
    INSERT INTO ${b}."ACCT" VALUES (${OWN + 1}, '${SETTLED_ACCOUNT}', ${OWN}, '测试客户', 'C', '', '', 10000, 0, 'A', '20240105');
    INSERT INTO ${b}."BILL" VALUES (${OWN}, ${OWN}, '202608', 5000, '20260920', 'P');
    INSERT INTO ${b}."BILL" VALUES (${OWN + 1}, ${OWN}, '202609', 6000, '20261020', 'U');
    INSERT INTO ${b}."ACCT_ITEM_OWE" VALUES (${OWN}, ${OWN + 1}, ${OWN}, '202609', 6000);
    INSERT INTO ${b}."DUNNING" VALUES (${OWN}, ${OWN}, '202609', 'A', 1, '20261023', 'F');
    INSERT INTO ${b}."DUNNING" VALUES (${OWN + 1}, ${OWN}, '202609', 'A', 2, '20261030', 'F');`);
});

afterAll(async () => {
  await pool?.query(`
    DELETE FROM ${b}."PAYMENT" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."DUNNING" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."ACCT_ITEM_OWE" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."BILL" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."ACCT" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."CUST" WHERE "CUST_ID" ${OWN_IDS};`);
  await adapter?.close();
  await pool?.end();
});

describe("billing SQL adapter: recording a payment", () => {
  const payment = (key: string, change: Partial<NewPayment> = {}): NewPayment => ({
    accountNo: OWN_ACCOUNT,
    amountFen: 5000,
    channel: "WEB",
    idempotencyKey: `billing-test-${RUN}-${key}`,
    ...change,
  });
  const countByKey = async (key: string) =>
    Number((await rows(`SELECT count(*) AS n FROM ${b}."PAYMENT" WHERE "OUT_SERIAL_NBR" = $1`, [`billing-test-${RUN}-${key}`]))[0]?.n);

  it("records once and returns the first payment on a replay", async () => {
    const { record: first, replayed } = await adapter.recordPayment(payment("replay"));
    expect(replayed).toBe(false);
    expect(first).toMatchObject({ accountNo: OWN_ACCOUNT, amountFen: 5000, channel: "WEB", billNo: null, paidOn: sandbox.asOf });
    expect(await adapter.recordPayment(payment("replay"))).toEqual({ record: first, replayed: true });
    expect(await countByKey("replay")).toBe(1);
    const stored = await rows(`SELECT * FROM ${b}."PAYMENT" WHERE "OUT_SERIAL_NBR" = $1`, [`billing-test-${RUN}-replay`]);
    expect(stored[0]).toMatchObject({ PAYMENT_ID: first.paymentId, ACCT_ID: String(OWN), AMOUNT: "5000", PAY_CHANNEL: "W", BILL_ID: null });
    const max = await rows(`SELECT max("PAYMENT_ID") AS m FROM ${b}."PAYMENT" WHERE "ACCT_ID" < 9900000000`);
    expect(BigInt(first.paymentId)).toBeGreaterThan(BigInt(max[0]?.m as string));
    expect(served(await adapter.getPayments([OWN_ACCOUNT])).get(OWN_ACCOUNT)).toContainEqual(first);
  });

  it("keeps one payment when ten first requests with one key race", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => adapter.recordPayment(payment("race", { amountFen: 1234, channel: "HALL" }))));
    expect(new Set(results.map((r) => r.record.paymentId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await countByKey("race")).toBe(1);
  });

  it("refuses a key reused for a different payment", async () => {
    await adapter.recordPayment(payment("conflict", { amountFen: 100, channel: "BANK" }));
    const error = await rejection(adapter.recordPayment(payment("conflict", { amountFen: 200, channel: "BANK" })));
    expect(error.code).toBe("CONFLICT");
    expect(await countByKey("conflict")).toBe(1);
  });

  it("refuses an unknown account", async () => {
    const error = await rejection(adapter.recordPayment(payment("unknown", { accountNo: UNKNOWN_ACCOUNT })));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(await countByKey("unknown")).toBe(0);
  });

  it.each([
    ["zero", { amountFen: 0 }],
    ["a negative amount", { amountFen: -100 }],
    ["a fraction of a fen", { amountFen: 10.5 }],
    ["an unsafe integer", { amountFen: 2 ** 53 }],
    ["an unknown channel", { channel: "CHEQUE" }],
    ["a malformed account number", { accountNo: "8899" }],
    ["a too short idempotency key", { idempotencyKey: "k" }],
  ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, change) => {
    await expectRefusedUpFront(() => adapter.recordPayment(payment("bad", change as Partial<NewPayment>)), counter, "billing");
  });
});

describe("billing SQL adapter: recording a dunning contact", () => {
  const contact = (key: string, change: Partial<NewDunningContact> = {}): NewDunningContact => ({
    accountNo: OWN_ACCOUNT,
    month: OWED_MONTH,
    method: "MANUAL",
    result: "REACHED",
    idempotencyKey: `dunning-test-${RUN}-${key}`,
    ...change,
  });
  const storedByKey = (key: string) => rows(`SELECT * FROM ${b}."DUNNING" WHERE "OUT_SERIAL_NBR" = $1`, [`dunning-test-${RUN}-${key}`]);

  it("records the cycle's next attempt, dated today, once however often it is replayed", async () => {
    const before = served(await adapter.getDunningActions([OWN_ACCOUNT])).get(OWN_ACCOUNT) ?? [];
    const attempts = before.filter((d) => d.month === OWED_MONTH).map((d) => d.attempt);
    const { record, replayed } = await adapter.recordDunningContact(contact("replay"));
    expect(replayed).toBe(false);
    expect(record).toEqual({ accountNo: OWN_ACCOUNT, month: OWED_MONTH, method: "MANUAL", attempt: Math.max(...attempts) + 1, date: sandbox.asOf, result: "REACHED" });
    expect(await adapter.recordDunningContact(contact("replay"))).toEqual({ record, replayed: true });
    const stored = await storedByKey("replay");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ACCT_ID: String(OWN), BILLING_CYCLE_ID: "202609", DUN_METHOD: "M", DUN_RESULT: "S", DUN_DATE: sandbox.asOf.replaceAll("-", "") });
    expect(served(await adapter.getDunningActions([OWN_ACCOUNT])).get(OWN_ACCOUNT)).toContainEqual(record);
  });

  it("writes one record when ten first requests with one key race", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => adapter.recordDunningContact(contact("race", { method: "AUTOMATIC", result: "FAILED" }))));
    expect(new Set(results.map((r) => JSON.stringify(r.record))).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await storedByKey("race")).toHaveLength(1);
  });

  it("refuses a key reused for another contact, saying nothing of the first in the result", async () => {
    await adapter.recordDunningContact(contact("conflict"));
    const error = await rejection(adapter.recordDunningContact(contact("conflict", { result: "FAILED" })));
    expect(error.code).toBe("CONFLICT");
    expect(await storedByKey("conflict")).toHaveLength(1);
  });

  it("refuses an unknown account and a month with nothing owed, writing nothing", async () => {
    for (const [key, change] of [
      ["unknown", { accountNo: UNKNOWN_ACCOUNT }],
      ["paid", { month: PAID_MONTH }],
      ["no-bill", { month: "2025-01" }],
      ["settled", { accountNo: SETTLED_ACCOUNT }],
    ] as const) {
      const error = await rejection(adapter.recordDunningContact(contact(key, change)));
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(await storedByKey(key)).toHaveLength(0);
    }
  });

  it.each([
    ["a month in another spelling", { month: "202609" }],
    ["a month that does not exist", { month: "2026-13" }],
    ["an unknown method", { method: "LETTER" }],
    ["an unknown result", { result: "MAYBE" }],
    ["a malformed account number", { accountNo: "88" }],
    ["a malformed idempotency key", { idempotencyKey: "no spaces allowed" }],
  ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, change) => {
    await expectRefusedUpFront(() => adapter.recordDunningContact(contact("bad", change as Partial<NewDunningContact>)), counter, "billing");
  });
});
