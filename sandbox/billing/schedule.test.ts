import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { billingIndexes, billingTables } from "../schema/billing.js";
import { startWriteOffRuns, type WriteOffRuns } from "./schedule.js";
import { createTestLedger, type TestLedger } from "./test-ledger.js";

const sandbox = inject("sandbox");
let pool: pg.Pool;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(() => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
});

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  vi.restoreAllMocks();
});

afterAll(() => pool.end());

async function ledger(): Promise<TestLedger> {
  const created = await createTestLedger(pool);
  cleanup.push(() => created.drop());
  return created;
}

function runs(schema: string, everyMs: number, extra: { onRun?: () => void } = {}): WriteOffRuns {
  const started = startWriteOffRuns({ databaseUrl: sandbox.databaseUrl, schema, everyMs, today: () => "2026-11-16", ...extra });
  cleanup.push(() => started.close());
  return started;
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never: ${what}`);
}

const stateOf = async (l: TestLedger) => (await l.rows("PAYMENT")).map((p) => p.STATE);

describe("billing's write-off runs on a timer", () => {
  it("takes up a payment on its own, every everyMs, and tells of a run that did something", async () => {
    const l = await ledger();
    await l.account(1);
    await l.bill(1, 10, "202610", 800);
    const onRun = vi.fn();
    runs(l.schema, 20, { onRun });
    await l.payment(1, 800);
    await until(async () => (await stateOf(l))[0] === "W", "the payment taken up");
    await until(() => onRun.mock.calls.length > 0, "the run told of");
    expect(onRun).toHaveBeenCalledWith(expect.objectContaining({ paymentsTakenUp: 1, billsSettled: 1 }));
    expect((await l.rows("WRITE_OFF")).map((w) => w.WRITE_OFF_DATE)).toEqual(["20261116"]);
  });

  it("runs on demand, one run after another: each runNow waits for the one before", async () => {
    const l = await ledger();
    await l.account(1);
    await l.payment(1, 100);
    const handle = runs(l.schema, 0);
    const results = await Promise.all([handle.runNow(), handle.runNow(), handle.runNow()]);
    expect(results.map((r) => r.paymentsTakenUp)).toEqual([1, 0, 0]);
    await l.payment(1, 50);
    expect(await handle.runNow()).toMatchObject({ paymentsTakenUp: 1, takenUpFen: 50 });
  });

  it("schedules nothing with everyMs 0", async () => {
    const l = await ledger();
    await l.account(1);
    await l.payment(1, 100);
    runs(l.schema, 0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await stateOf(l)).toEqual(["N"]);
  });

  it("logs one line for a failed run, and the next run tries again", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const schema = `wo_late_${process.pid}`;
    const s = `"${schema}"`;
    cleanup.push(async () => void (await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`)));
    runs(schema, 20);
    await until(() => errors.mock.calls.length >= 2, "two failed runs logged");
    expect(errors.mock.calls[0]).toHaveLength(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/^billing write-off run failed: .*npm run sandbox:generate$/);
    expect(String(errors.mock.calls[0]![0])).not.toContain("\n");
    await pool.query(`CREATE SCHEMA ${s}; ${billingTables(s)} ${billingIndexes(s)}`);
    await pool.query(`INSERT INTO ${s}."ACCT" VALUES (1, '88000000000001', 1, 'test account', 'C', '', '', 0, 0, 'A', '20260101');
                      INSERT INTO ${s}."PAYMENT" VALUES (1, 1, NULL, 100, '20261115', 'H', NULL, 'N')`);
    await until(async () => (await pool.query(`SELECT "STATE" FROM ${s}."PAYMENT"`)).rows[0]?.STATE === "W", "the payment taken up once the tables exist");
  });

  it("waits for a run under way when closed, and runs no more after", async () => {
    const l = await ledger();
    await l.account(1);
    await l.payment(1, 100);
    const handle = startWriteOffRuns({ databaseUrl: sandbox.databaseUrl, schema: l.schema, everyMs: 0 });
    let finished = false;
    const running = handle.runNow().then(() => (finished = true));
    await handle.close();
    expect(finished).toBe(true);
    await running;
    await expect(handle.runNow()).rejects.toThrow(/closed/);
    expect(await stateOf(l)).toEqual(["W"]);
  });
});
