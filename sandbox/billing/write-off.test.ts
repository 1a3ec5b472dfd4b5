import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { carrierToday } from "../generate/dates.js";
import { createTestLedger, type TestLedger } from "./test-ledger.js";
import { runWriteOff, type WriteOffCounts } from "./write-off.js";

const sandbox = inject("sandbox");
let pool: pg.Pool;
const ledgers: TestLedger[] = [];

beforeAll(() => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
});

afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.drop();
});

afterAll(() => pool.end());

async function ledger(): Promise<TestLedger> {
  const created = await createTestLedger(pool);
  ledgers.push(created);
  return created;
}

const DATE = "2026-11-16";
const run = (l: TestLedger, date = DATE) => runWriteOff(pool, { schema: l.schema, date });
const nothing: WriteOffCounts = { paymentsTakenUp: 0, takenUpFen: 0, writeOffs: 0, settledFen: 0, billsSettled: 0, accountsTouched: 0 };

async function owed(l: TestLedger): Promise<Record<number, number>> {
  return Object.fromEntries((await l.rows("ACCT_ITEM_OWE")).map((r) => [r.BILL_ID, r.OWE_AMOUNT]));
}

async function billStates(l: TestLedger): Promise<Record<number, string>> {
  return Object.fromEntries((await l.rows("BILL")).map((r) => [r.BILL_ID, r.STATE]));
}

async function balances(l: TestLedger): Promise<Record<number, number>> {
  return Object.fromEntries((await l.rows("ACCT")).map((r) => [r.ACCT_ID, r.BALANCE]));
}

describe("billing's write-off run", () => {
  it("settles the oldest bill first: by billing cycle, then bill number, whatever order they were written in", async () => {
    const l = await ledger();
    await l.account(1);
    await l.bill(1, 31, "202610", 1_000);
    await l.bill(1, 40, "202609", 1_000);
    await l.bill(1, 30, "202609", 1_000);
    await l.payment(1, 2_000);
    expect(await run(l)).toEqual({ paymentsTakenUp: 1, takenUpFen: 2_000, writeOffs: 2, settledFen: 2_000, billsSettled: 2, accountsTouched: 1 });
    expect(await billStates(l)).toEqual({ 30: "P", 31: "U", 40: "P" });
    expect(await owed(l)).toEqual({ 31: 1_000 });
    expect((await l.rows("WRITE_OFF")).map((w) => [w.BILL_ID, w.AMOUNT])).toEqual([[30, 1_000], [40, 1_000]]);
  });

  it("leaves the newer bill partly owed (A) when a payment does not cover both, with one write-off for what it got", async () => {
    const l = await ledger();
    await l.account(1);
    await l.bill(1, 10, "202609", 1_000);
    await l.bill(1, 11, "202610", 1_000);
    await l.payment(1, 1_500);
    expect(await run(l)).toMatchObject({ writeOffs: 2, settledFen: 1_500, billsSettled: 1 });
    expect(await billStates(l)).toEqual({ 10: "P", 11: "A" });
    expect(await owed(l)).toEqual({ 11: 500 });
    expect((await l.rows("WRITE_OFF")).filter((w) => w.BILL_ID === 11).map((w) => w.AMOUNT)).toEqual([500]);
    expect(await balances(l)).toEqual({ 1: 0 });
  });

  it("settles everything owed from an overpayment and keeps the rest as the account's balance", async () => {
    const l = await ledger();
    await l.account(1);
    await l.bill(1, 10, "202609", 1_000);
    await l.bill(1, 11, "202610", 1_000, 400);
    await l.payment(1, 1_000);
    await l.payment(1, 900);
    expect(await run(l)).toEqual({ paymentsTakenUp: 2, takenUpFen: 1_900, writeOffs: 2, settledFen: 1_400, billsSettled: 2, accountsTouched: 1 });
    expect(await billStates(l)).toEqual({ 10: "P", 11: "P" });
    expect(await owed(l)).toEqual({});
    expect(await balances(l)).toEqual({ 1: 500 });
  });

  it("pays a new owed row from a prepaid account's balance, with no payment at all", async () => {
    const l = await ledger();
    await l.account(1, { payMethod: "P", balance: 5_000 });
    await l.bill(1, 10, "202610", 300);
    expect(await run(l)).toEqual({ paymentsTakenUp: 0, takenUpFen: 0, writeOffs: 1, settledFen: 300, billsSettled: 1, accountsTouched: 1 });
    expect(await balances(l)).toEqual({ 1: 4_700 });
    expect(await billStates(l)).toEqual({ 10: "P" });
  });

  it("keeps a balance when nothing is owed, and leaves a payment to an account billing does not know received", async () => {
    const l = await ledger();
    await l.account(1, { balance: 700 });
    await l.payment(1, 300);
    await l.payment(99, 50);
    expect(await run(l)).toEqual({ ...nothing, paymentsTakenUp: 1, takenUpFen: 300, accountsTouched: 1 });
    expect(await balances(l)).toEqual({ 1: 1_000 });
    expect((await l.rows("PAYMENT")).map((p) => [p.ACCT_ID, p.STATE])).toEqual([[1, "W"], [99, "N"]]);
  });

  it("does not take up a payment already taken up (W) again", async () => {
    const l = await ledger();
    await l.account(1);
    await l.bill(1, 10, "202610", 1_000);
    await l.payment(1, 1_000, "W");
    expect(await run(l)).toEqual(nothing);
    expect(await owed(l)).toEqual({ 10: 1_000 });
    expect(await balances(l)).toEqual({ 1: 0 });
  });

  it("changes nothing on a second run with nothing new", async () => {
    const l = await ledger();
    await l.account(1);
    await l.account(2, { balance: 200 });
    await l.bill(1, 10, "202609", 1_000);
    await l.bill(1, 11, "202610", 1_000);
    await l.bill(2, 20, "202610", 500);
    await l.payment(1, 1_200);
    await run(l);
    const tables = ["ACCT", "BILL", "ACCT_ITEM_OWE", "PAYMENT", "WRITE_OFF"] as const;
    const before = await Promise.all(tables.map((t) => l.rows(t)));
    expect(await run(l, "2026-11-17")).toEqual(nothing);
    expect(await Promise.all(tables.map((t) => l.rows(t)))).toEqual(before);
  });

  it("settles exactly once when two runs start at once, on two connections", async () => {
    const l = await ledger();
    for (let acct = 1; acct <= 20; acct++) {
      await l.account(acct, { balance: acct % 3 === 0 ? 250 : 0 });
      await l.bill(acct, acct * 10, "202609", 400);
      await l.bill(acct, acct * 10 + 1, "202610", 600);
      await l.payment(acct, 300 + acct * 20);
    }
    const [a, b] = await Promise.all([run(l), run(l)]);
    const total = (key: keyof WriteOffCounts) => a[key] + b[key];
    expect([a, b]).toContainEqual(nothing);
    expect(total("paymentsTakenUp")).toBe(20);
    expect(total("settledFen")).toBe(sum((await l.rows("WRITE_OFF")).map((w) => w.AMOUNT as number)));
    expect(await l.rows("WRITE_OFF")).toHaveLength(total("writeOffs"));
    expect(sum(Object.values(await owed(l))) + total("settledFen")).toBe(20 * 1_000);
  });

  it("writes the run's date on every write-off, the carrier's today when none is given", async () => {
    const l = await ledger();
    await l.account(1);
    await l.bill(1, 10, "202609", 100);
    await l.bill(1, 11, "202610", 100);
    await l.payment(1, 100);
    await run(l, "2026-12-01");
    const before = carrierToday();
    await l.payment(1, 100);
    await runWriteOff(pool, { schema: l.schema });
    const after = carrierToday();
    const dates = (await l.rows("WRITE_OFF")).map((w) => w.WRITE_OFF_DATE);
    expect(dates[0]).toBe("20261201");
    expect([before, after].map((d) => d.replaceAll("-", ""))).toContain(dates[1]);
    await expect(run(l, "2026-02-30")).rejects.toThrow(/2026-02-30/);
  });

  it("conserves money over many accounts: taken up = settled + balance added, settled = owed removed, per bill too", async () => {
    const l = await ledger();
    let seed = 12_345;
    // Park and Miller's generator: its products stay exact in a double.
    const draw = (n: number) => (seed = (seed * 48_271) % 2_147_483_647) % n;
    for (let acct = 1; acct <= 60; acct++) {
      await l.account(acct, { balance: draw(3) === 0 ? draw(2_000) : 0 });
      for (let bill = 0, bills = draw(4); bill < bills; bill++) await l.bill(acct, acct * 10 + bill, `20260${bill + 5}`, 500 + draw(1_500), draw(5) === 0 ? draw(500) : undefined);
      for (let payment = 0, payments = draw(3); payment < payments; payment++) await l.payment(acct, 1 + draw(2_500));
    }
    const balanceBefore = sum(Object.values(await balances(l)));
    const owedBefore = await owed(l);
    const counts = await run(l);
    const owedAfter = await owed(l);
    const writeOffs = await l.rows("WRITE_OFF");
    // The draw has every case: bills settled in full and in part, balances used up and left over.
    expect(counts.writeOffs).toBeGreaterThan(10);
    expect(Object.values(await billStates(l))).toEqual(expect.arrayContaining(["P", "A", "U"]));
    expect(Object.values(await balances(l)).some((balance) => balance > 0)).toBe(true);
    expect(counts.takenUpFen).toBe(counts.settledFen + sum(Object.values(await balances(l))) - balanceBefore);
    expect(counts.settledFen).toBe(sum(Object.values(owedBefore)) - sum(Object.values(owedAfter)));
    for (const [bill, before] of Object.entries(owedBefore)) {
      const paid = sum(writeOffs.filter((w) => w.BILL_ID === Number(bill)).map((w) => w.AMOUNT as number));
      expect(paid, `bill ${bill}`).toBe(before - (owedAfter[Number(bill)] ?? 0));
    }
    // An account keeps a balance only when it owes nothing: a balance is always applied as far as it goes.
    const stillOwing = new Set((await l.rows("ACCT_ITEM_OWE")).map((r) => r.ACCT_ID));
    for (const [acct, balance] of Object.entries(await balances(l))) if (balance > 0) expect(stillOwing.has(Number(acct)), `account ${acct}`).toBe(false);
  });

  it("costs the same statements for one account as for many: set-based, no loop per account", async () => {
    const statements = async (accounts: number) => {
      const l = await ledger();
      for (let acct = 1; acct <= accounts; acct++) {
        await l.account(acct);
        await l.bill(acct, acct, "202610", 100);
        await l.payment(acct, 100);
      }
      const query = vi.spyOn(pg.Client.prototype, "query");
      try {
        expect(await run(l)).toMatchObject({ paymentsTakenUp: accounts, billsSettled: accounts });
        return query.mock.calls.length;
      } finally {
        query.mockRestore();
      }
    };
    expect(await statements(30)).toBe(await statements(1));
  });
});

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
