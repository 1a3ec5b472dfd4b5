import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { UNREACHABLE_DATABASE, expectMalformedAt, expectRefusedUpFront, expectUnreachable, served, withRows } from "../kit/testing.js";
import { BillingSqlAdapter } from "./sql.adapter.js";
import { BILL_STATE, DUN_METHOD, ITEM_TYPE, PAY_CHANNEL, PAY_METHOD, PLACE_COLUMNS, PRODUCT, SERV_STATE, STOP_FLAG, STOP_TYPE, placeOfRow } from "./code-tables.testing.js";

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;

/**
 * Rows this file inserts live in local network 9901 and ids from 9,901,000,000 to OWN_LAST, which generated data
 * never uses and other test files keep clear of, so they cannot clash; all are removed afterwards.
 */
const OWN = 9_901_000_000;
const OWN_LAST = OWN + 999_999;
const OWN_IDS = `BETWEEN ${OWN} AND ${OWN_LAST}`;
const OWN_CUSTOMER = "990100000001";
const OWN_ACCOUNT = "88990100000001";
const BAD_ACCOUNT = "88990100000002";
const OWN_MOBILE = "19990100001";

const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const month = (cycle: string) => `${cycle.slice(0, 4)}-${cycle.slice(4, 6)}`;

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;
/** 100 generated accounts in a stable pseudo-random order, so they mix payers, methods and arrears. */
let accounts: string[];
let customers: string[];
let services: string[];

async function rows<T = Record<string, string>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(text, values)).rows as T[];
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new BillingSqlAdapter({
    connectionString: sandbox.databaseUrl,
    schema: schemaNames(sandbox.schemaPrefix).billing,
    counter,
    today: () => sandbox.asOf,
  });
  accounts = (await rows(`SELECT "ACCT_NBR" FROM ${b}."ACCT" WHERE "ACCT_ID" < $1 ORDER BY md5("ACCT_NBR") LIMIT 100`, [OWN])).map(
    (r) => r.ACCT_NBR as string,
  );
  customers = (await rows(`SELECT "CUST_CODE" FROM ${b}."CUST" WHERE "CUST_ID" < $1 ORDER BY md5("CUST_CODE") LIMIT 100`, [OWN])).map(
    (r) => (r.CUST_CODE as string).replace("-", ""),
  );
  // Every product is represented: leased lines are rare, so they are taken round-robin with the others.
  services = (
    await rows(
      `SELECT "ACC_NBR" FROM ${b}."SERV" WHERE "SERV_ID" < $1
       ORDER BY row_number() OVER (PARTITION BY "PRODUCT_ID" ORDER BY md5("ACC_NBR")), md5("ACC_NBR") LIMIT 100`,
      [OWN],
    )
  ).map(
    (r) => r.ACC_NBR as string,
  );
  // A well-formed customer, account and service of our own, for writes that must not touch generated data.
  await pool.query(`
    INSERT INTO ${b}."CUST" VALUES (${OWN}, '9901-00000001', '测试客户', '9901');
    INSERT INTO ${b}."ACCT" VALUES (${OWN}, '${OWN_ACCOUNT}', ${OWN}, '测试客户', 'C', '', '', 10000, 0, 'A', '20240105');
    INSERT INTO ${b}."SERV" VALUES (${OWN}, '${OWN_MOBILE}', ${OWN}, 20, 'F0A', '0', '20240105');
    INSERT INTO ${b}."SERV_ACCT" VALUES (${OWN}, ${OWN}, '00', 'A');`);
  expect(accounts).toHaveLength(100);
  expect(customers).toHaveLength(100);
  expect(services).toHaveLength(100);
});

afterAll(async () => {
  await pool?.query(`
    DELETE FROM ${b}."PAYMENT" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."SERV_ACCT" WHERE "SERV_ID" ${OWN_IDS};
    DELETE FROM ${b}."SERV" WHERE "SERV_ID" ${OWN_IDS};
    DELETE FROM ${b}."ACCT" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."CUST" WHERE "CUST_ID" ${OWN_IDS};`);
  await adapter?.close();
  await pool?.end();
});

describe("billing SQL adapter: batched reads", () => {
  it("reads 100 accounts in one round trip, as the tables say", async () => {
    counter.reset();
    const found = served(await adapter.getAccounts(accounts));
    expect(counter.get("billing")).toBe(1);
    expect(found.size).toBe(100);
    const direct = await rows(
      `SELECT a.*, c."CUST_CODE" FROM ${b}."ACCT" a JOIN ${b}."CUST" c USING ("CUST_ID") WHERE a."ACCT_NBR" = ANY($1)`,
      [accounts],
    );
    for (const row of direct) {
      expect(found.get(row.ACCT_NBR as string)).toEqual({
        accountNo: row.ACCT_NBR,
        serialNo: String(row.ACCT_ID),
        customerId: (row.CUST_CODE as string).replace("-", ""),
        name: row.ACCT_NAME,
        paymentMethod: PAY_METHOD[row.PAY_METHOD as string],
        bank: row.BANK_ID === "" ? null : { id: row.BANK_ID, account: row.BANK_ACCT },
        creditLimitFen: Number(row.CREDIT_LIMIT),
        balanceFen: Number(row.BALANCE),
        status: row.STATE === "A" ? "ACTIVE" : "CLOSED",
        openedOn: iso(row.CREATED_DATE as string),
      });
    }
    const methods = new Set([...found.values()].map((a) => a.paymentMethod));
    expect(methods.size).toBeGreaterThan(2);
    expect([...found.values()].some((a) => a.bank !== null)).toBe(true);
  });

  it("reads the accounts of 100 customers in one round trip", async () => {
    counter.reset();
    const found = served(await adapter.getAccountsByCustomer(customers));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT replace(c."CUST_CODE", '-', '') AS id, array_agg(a."ACCT_NBR"::text ORDER BY a."ACCT_NBR") AS nbrs
       FROM ${b}."CUST" c JOIN ${b}."ACCT" a USING ("CUST_ID") WHERE c."CUST_CODE" = ANY($1) GROUP BY 1`,
      [customers.map((c) => `${c.slice(0, 4)}-${c.slice(4)}`)],
    );
    expect(direct).toHaveLength(100);
    for (const row of direct as unknown as { id: string; nbrs: string[] }[]) {
      const list = found.get(row.id);
      expect(list?.map((a) => a.accountNo)).toEqual(row.nbrs);
      expect(list?.every((a) => a.customerId === row.id)).toBe(true);
    }
  });

  it("reads the bills of 100 accounts in one round trip, paid amounts from the arrears", async () => {
    counter.reset();
    const found = served(await adapter.getBills(accounts));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT bl.*, a."ACCT_NBR", COALESCE((SELECT sum(o."OWE_AMOUNT") FROM ${b}."ACCT_ITEM_OWE" o WHERE o."BILL_ID" = bl."BILL_ID"), 0) AS owed
       FROM ${b}."BILL" bl JOIN ${b}."ACCT" a USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1)
       ORDER BY a."ACCT_NBR", bl."BILLING_CYCLE_ID" DESC`,
      [accounts],
    );
    const expected = new Map<string, unknown[]>(accounts.map((a) => [a, []]));
    for (const row of direct) {
      expected.get(row.ACCT_NBR as string)?.push({
        billNo: String(row.BILL_ID),
        accountNo: row.ACCT_NBR,
        month: month(row.BILLING_CYCLE_ID as string),
        amountFen: Number(row.BILL_AMOUNT),
        paidFen: Number(row.BILL_AMOUNT) - Number(row.owed),
        dueDate: iso(row.DUE_DATE as string),
        state: BILL_STATE[row.STATE as string],
      });
    }
    expect(found).toEqual(expected);
    const states = new Set([...found.values()].flat().map((bill) => bill.state));
    expect(states).toEqual(new Set(["UNPAID", "PARTLY_PAID", "PAID"]));
  });

  it("narrows bills to what is owed and to the last months", async () => {
    counter.reset();
    const unpaid = served(await adapter.getBills(accounts, { unpaidOnly: true }));
    const recent = served(await adapter.getBills(accounts, { lastMonths: 3 }));
    const all = served(await adapter.getBills(accounts));
    expect(counter.get("billing")).toBe(3);
    const owed = await rows(
      `SELECT count(DISTINCT o."BILL_ID")::int AS n FROM ${b}."ACCT_ITEM_OWE" o JOIN ${b}."ACCT" a USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1)`,
      [accounts],
    );
    const unpaidBills = [...unpaid.values()].flat();
    expect(unpaidBills.length).toBe(Number(owed[0]?.n));
    expect(unpaidBills.length).toBeGreaterThan(0);
    expect(unpaidBills.every((bill) => bill.paidFen < bill.amountFen && bill.state !== "PAID")).toBe(true);
    for (const [accountNo, bills] of all) {
      const newest = [...new Set(bills.map((bill) => bill.month))].slice(0, 3);
      expect(recent.get(accountNo)?.map((bill) => bill.month)).toEqual(bills.filter((bill) => newest.includes(bill.month)).map((bill) => bill.month));
    }
  });

  it("counts the last months back from an as-of date, and leaves out the cycles not yet billed on it", async () => {
    const all = served(await adapter.getBills(accounts));
    const newest = [...new Set([...all.values()].flat().map((bill) => bill.month))].sort().at(-1) as string;
    // An as-of date in the month of the newest cycle: that cycle is not billed yet, the three before it are.
    const asOf = `${newest}-15`;
    const [year, month] = newest.split("-").map(Number) as [number, number];
    const monthsBefore = (n: number) => {
      const m = year * 12 + month - 1 - n;
      return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    };
    const window = [1, 2, 3].map(monthsBefore);
    counter.reset();
    const recent = served(await adapter.getBills(accounts, { lastMonths: 3, asOf }));
    const before = served(await adapter.getBills(accounts, { asOf }));
    expect(counter.get("billing")).toBe(2);
    for (const [accountNo, bills] of all) {
      expect(recent.get(accountNo)?.map((bill) => bill.billNo)).toEqual(bills.filter((bill) => window.includes(bill.month)).map((bill) => bill.billNo));
      expect(before.get(accountNo)?.map((bill) => bill.billNo)).toEqual(bills.filter((bill) => bill.month < newest).map((bill) => bill.billNo));
    }
    expect([...recent.values()].flat().length).toBeGreaterThan(0);
  });

  it("reads the items of 100 bills in one round trip; they add up to each bill", async () => {
    const bills = [...served(await adapter.getBills(accounts)).values()].flat().slice(0, 100);
    expect(bills).toHaveLength(100);
    counter.reset();
    const items = served(await adapter.getBillItems(bills.map((bill) => bill.billNo)));
    expect(counter.get("billing")).toBe(1);
    for (const bill of bills) {
      const list = items.get(bill.billNo) ?? [];
      expect(list.length).toBeGreaterThan(0);
      expect(list.reduce((sum, item) => sum + item.amountFen, 0)).toBe(bill.amountFen);
    }
    const direct = await rows(
      `SELECT i."BILL_ID"::text AS bill, i."ACCT_ITEM_TYPE_ID" AS type, i."AMOUNT" AS amount, s."ACC_NBR" AS serv, o."OFFER_CODE" AS offer
       FROM ${b}."ACCT_ITEM" i JOIN ${b}."SERV" s USING ("SERV_ID") LEFT JOIN ${b}."OFFER" o USING ("OFFER_ID")
       WHERE i."BILL_ID" = ANY($1::bigint[]) ORDER BY i."ACCT_ITEM_ID"`,
      [bills.map((bill) => bill.billNo)],
    );
    const expected = new Map<string, unknown[]>(bills.map((bill) => [bill.billNo, []]));
    for (const row of direct) {
      expected.get(row.bill as string)?.push({ billNo: row.bill, type: ITEM_TYPE[row.type as string], serviceNo: row.serv, amountFen: Number(row.amount), offerCode: row.offer });
    }
    expect(items).toEqual(expected);
    const types = new Set([...items.values()].flat().map((item) => item.type));
    expect(types.has("BASIC_FEE")).toBe(true);
  });

  it("reads payments of 100 accounts in one round trip, newest first, optionally since a date", async () => {
    counter.reset();
    const found = served(await adapter.getPayments(accounts));
    const since = served(await adapter.getPayments(accounts, { since: "2026-09-01" }));
    expect(counter.get("billing")).toBe(2);
    const direct = await rows(
      `SELECT p.*, a."ACCT_NBR", ${PLACE_COLUMNS} FROM ${b}."PAYMENT" p JOIN ${b}."ACCT" a USING ("ACCT_ID")
       LEFT JOIN ${b}."COLLECT_SITE" st USING ("SITE_ID") WHERE a."ACCT_NBR" = ANY($1)`,
      [accounts],
    );
    const payments = [...found.values()].flat();
    expect(payments).toHaveLength(direct.length);
    for (const row of direct.slice(0, 20)) {
      expect(found.get(row.ACCT_NBR as string)).toContainEqual({
        paymentId: String(row.PAYMENT_ID),
        accountNo: row.ACCT_NBR,
        billNo: row.BILL_ID === null ? null : String(row.BILL_ID),
        amountFen: Number(row.AMOUNT),
        paidOn: iso(row.PAY_DATE as string),
        channel: PAY_CHANNEL[row.PAY_CHANNEL as string],
        place: placeOfRow(row),
      });
    }
    for (const list of found.values()) {
      expect(list.map((p) => p.paidOn)).toEqual([...list.map((p) => p.paidOn)].sort().reverse());
    }
    const recent = [...since.values()].flat();
    expect(recent.length).toBe(direct.filter((row) => (row.PAY_DATE as string) >= "20260901").length);
    expect(recent.every((p) => p.paidOn >= "2026-09-01")).toBe(true);
  });

  it("reads dunning actions of 100 accounts in one round trip", async () => {
    const dunned = (
      await rows(`SELECT DISTINCT a."ACCT_NBR" FROM ${b}."DUNNING" d JOIN ${b}."ACCT" a USING ("ACCT_ID") WHERE a."ACCT_ID" < $1 ORDER BY 1 LIMIT 50`, [OWN])
    ).map((r) => r.ACCT_NBR as string);
    const ids = [...new Set([...dunned, ...accounts])].slice(0, 100);
    counter.reset();
    const found = served(await adapter.getDunningActions(ids));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT d.*, a."ACCT_NBR" FROM ${b}."DUNNING" d JOIN ${b}."ACCT" a USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1)`,
      [ids],
    );
    expect([...found.values()].flat()).toHaveLength(direct.length);
    expect(direct.length).toBeGreaterThan(0);
    for (const row of direct.slice(0, 20)) {
      expect(found.get(row.ACCT_NBR as string)).toContainEqual({
        accountNo: row.ACCT_NBR,
        month: month(row.BILLING_CYCLE_ID as string),
        method: DUN_METHOD[row.DUN_METHOD as string],
        attempt: row.ATTEMPT_NO,
        date: iso(row.DUN_DATE as string),
        result: row.DUN_RESULT === "S" ? "REACHED" : "FAILED",
      });
    }
  });

  it("reads 100 services in one round trip with their paying accounts", async () => {
    counter.reset();
    const found = served(await adapter.getServices(services));
    expect(counter.get("billing")).toBe(1);
    expect(found.size).toBe(100);
    const direct = await rows(
      `SELECT s.*, c."CUST_CODE", (SELECT array_agg(a."ACCT_NBR"::text ORDER BY a."ACCT_NBR") FROM ${b}."SERV_ACCT" sa
         JOIN ${b}."ACCT" a USING ("ACCT_ID") WHERE sa."SERV_ID" = s."SERV_ID" AND sa."STATE" = 'A') AS nbrs
       FROM ${b}."SERV" s JOIN ${b}."CUST" c USING ("CUST_ID") WHERE s."ACC_NBR" = ANY($1)`,
      [services],
    );
    for (const row of direct as Record<string, unknown>[]) {
      expect(found.get(row.ACC_NBR as string)).toEqual({
        serviceNo: row.ACC_NBR,
        customerId: (row.CUST_CODE as string).replace("-", ""),
        product: PRODUCT[row.PRODUCT_ID as number],
        status: SERV_STATE[row.STATE as string],
        barring: STOP_FLAG[row.STOP_FLAG as string],
        startedOn: iso(row.COMPLETED_DATE as string),
        accountNos: row.nbrs ?? [],
      });
    }
    expect(new Set([...found.values()].map((s) => s.product)).size).toBe(4);
  });

  it("reads the services of 100 customers in one round trip", async () => {
    counter.reset();
    const found = served(await adapter.getServicesByCustomer(customers));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT replace(c."CUST_CODE", '-', '') AS id, array_agg(s."ACC_NBR"::text ORDER BY s."ACC_NBR") AS nbrs
       FROM ${b}."CUST" c JOIN ${b}."SERV" s USING ("CUST_ID") WHERE c."CUST_CODE" = ANY($1) GROUP BY 1`,
      [customers.map((c) => `${c.slice(0, 4)}-${c.slice(4)}`)],
    );
    for (const row of direct as unknown as { id: string; nbrs: string[] }[]) {
      expect(found.get(row.id)?.map((s) => s.serviceNo)).toEqual(row.nbrs);
    }
  });

  it("reads suspensions of 100 services in one round trip; still stopped has no end", async () => {
    const stopped = (
      await rows(`SELECT DISTINCT s."ACC_NBR" FROM ${b}."SERV_STOP" st JOIN ${b}."SERV" s USING ("SERV_ID") WHERE s."SERV_ID" < $1 ORDER BY 1 LIMIT 100`, [OWN])
    ).map((r) => r.ACC_NBR as string);
    expect(stopped.length).toBeGreaterThan(10);
    counter.reset();
    const found = served(await adapter.getSuspensions(stopped));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT st.*, s."ACC_NBR" FROM ${b}."SERV_STOP" st JOIN ${b}."SERV" s USING ("SERV_ID") WHERE s."ACC_NBR" = ANY($1)`,
      [stopped],
    );
    expect([...found.values()].flat()).toHaveLength(direct.length);
    for (const row of direct) {
      expect(found.get(row.ACC_NBR as string)).toContainEqual({
        serviceNo: row.ACC_NBR,
        reason: STOP_TYPE[row.STOP_TYPE as string],
        from: iso(row.STOP_DATE as string),
        until: row.RESUME_DATE === "00000000" ? null : iso(row.RESUME_DATE as string),
      });
    }
    expect([...found.values()].flat().some((s) => s.until === null)).toBe(true);
  });

  it("leaves unknown ids out of single-record maps and gives them empty lists", async () => {
    counter.reset();
    const unknownAccount = "88990199999999";
    const found = served(await adapter.getAccounts([accounts[0] as string, unknownAccount]));
    expect([...found.keys()]).toEqual([accounts[0]]);
    expect(served(await adapter.getServices(["19990199999", "ZX990199999999"])).size).toBe(0);
    expect(served(await adapter.getBills([unknownAccount])).get(unknownAccount)).toEqual([]);
    expect(served(await adapter.getAccountsByCustomer(["990199999999"])).get("990199999999")).toEqual([]);
    expect(served(await adapter.getBillItems(["990199999999"])).get("990199999999")).toEqual([]);
    expect(counter.get("billing")).toBe(5);
  });

  it("answers an empty batch without a round trip", async () => {
    counter.reset();
    expect(served(await adapter.getAccounts([])).size).toBe(0);
    expect(served(await adapter.getSuspensions([])).size).toBe(0);
    expect(counter.get("billing")).toBe(0);
  });
});

describe("billing SQL adapter: bad input", () => {
  it.each([
    ["an account number of the wrong shape", () => adapter.getAccounts([accounts[0] as string, "8812345"])],
    ["an account number without its 88", () => adapter.getBills(["12320100000011"])],
    ["a customer id in billing's own spelling", () => adapter.getAccountsByCustomer(["3201-00000001"])],
    ["a service number of no known shape", () => adapter.getServices(["12345"])],
    ["a network-spelled service number", () => adapter.getSuspensions(["025-50000032"])],
    ["a bill number that is not digits", () => adapter.getBillItems(["B1"])],
    ["lastMonths of zero", () => adapter.getBills([accounts[0] as string], { lastMonths: 0 })],
    ["an as-of date that is no calendar date", () => adapter.getBills([accounts[0] as string], { asOf: "2026-13-01" })],
    ["a since date that is no calendar date", () => adapter.getPayments([accounts[0] as string], { since: "2026-02-30" })],
  ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, call) => {
    await expectRefusedUpFront(call, counter, "billing");
  });
});

describe("billing SQL adapter: malformed legacy rows cost their own id only", () => {
  const CLEANUP = `
    DELETE FROM ${b}."ACCT_ITEM_OWE" WHERE "BILL_ID" > ${OWN} AND "BILL_ID" <= ${OWN_LAST};
    DELETE FROM ${b}."BILL" WHERE "BILL_ID" > ${OWN} AND "BILL_ID" <= ${OWN_LAST};
    DELETE FROM ${b}."SERV_STOP" WHERE "STOP_ID" > ${OWN} AND "STOP_ID" <= ${OWN_LAST};
    DELETE FROM ${b}."SERV_ACCT" WHERE "SERV_ID" > ${OWN} AND "SERV_ID" <= ${OWN_LAST};
    DELETE FROM ${b}."SERV" WHERE "SERV_ID" > ${OWN} AND "SERV_ID" <= ${OWN_LAST};
    DELETE FROM ${b}."ACCT" WHERE "ACCT_ID" > ${OWN} AND "ACCT_ID" <= ${OWN_LAST};`;

  it("gives an account with an unknown payment method its own error, and its customer's list too", async () => {
    await withRows(
      pool,
      `INSERT INTO ${b}."ACCT" VALUES (${OWN + 1}, '${BAD_ACCOUNT}', ${OWN}, '坏帐户', 'Z', '', '', 0, 0, 'A', '20240105')`,
      CLEANUP,
      async () => {
        counter.reset();
        const found = await adapter.getAccounts([accounts[0] as string, BAD_ACCOUNT]);
        expect(counter.get("billing")).toBe(1);
        const error = expectMalformedAt(found, BAD_ACCOUNT, "billing", `ACCT ${OWN + 1}`);
        expect(error.message).toMatch(/PAY_METHOD.*"Z"/);
        expect(found.get(accounts[0] as string)).toMatchObject({ accountNo: accounts[0] });
        const byCustomer = await adapter.getAccountsByCustomer([OWN_CUSTOMER, customers[0] as string]);
        expectMalformedAt(byCustomer, OWN_CUSTOMER, "billing", `ACCT ${OWN + 1}`);
        expect(byCustomer.get(customers[0] as string)).not.toHaveLength(0);
      },
    );
  });

  it.each([
    ["an impossible due date", `(${OWN + 1}, ${OWN}, '202610', 5000, '20261331', 'P')`, `BILL ${OWN + 1}`, /DUE_DATE/],
    ["a negative amount", `(${OWN + 1}, ${OWN}, '202610', -5000, '20261120', 'P')`, `BILL ${OWN + 1}`, /BILL_AMOUNT: must not be negative/],
  ])("gives the account of a bill with %s that bill's error, and serves the other accounts", async (_, bill, record, detail) => {
    await withRows(pool, `INSERT INTO ${b}."BILL" VALUES ${bill}`, CLEANUP, async () => {
      const found = await adapter.getBills([OWN_ACCOUNT, accounts[0] as string]);
      expect(expectMalformedAt(found, OWN_ACCOUNT, "billing", record).message).toMatch(detail);
      expect(found.get(accounts[0] as string)).not.toHaveLength(0);
    });
  });

  it("gives a bill whose state contradicts its arrears its account's error, even when asking for unpaid bills only", async () => {
    await withRows(
      pool,
      `INSERT INTO ${b}."BILL" VALUES (${OWN + 2}, ${OWN}, '202610', 5000, '20261120', 'P');
       INSERT INTO ${b}."ACCT_ITEM_OWE" VALUES (${OWN + 2}, ${OWN + 2}, ${OWN}, '202610', 1200);`,
      CLEANUP,
      async () => {
        const found = await adapter.getBills([OWN_ACCOUNT, accounts[0] as string], { unpaidOnly: true });
        expect(expectMalformedAt(found, OWN_ACCOUNT, "billing", `BILL ${OWN + 2}`).message).toMatch(/PAID but 1200 fen still owed/);
      },
    );
  });

  it("gives a barred service without a barring level and an unknown suspension type their own service's error", async () => {
    await withRows(
      pool,
      `INSERT INTO ${b}."SERV" VALUES (${OWN + 1}, '19990100002', ${OWN}, 20, 'F0T', '0', '20240105');
       INSERT INTO ${b}."SERV_STOP" VALUES (${OWN + 1}, ${OWN}, '7', '20260101', '00000000');`,
      CLEANUP,
      async () => {
        const found = await adapter.getServices(["19990100002", OWN_MOBILE]);
        expectMalformedAt(found, "19990100002", "billing", `SERV ${OWN + 1}`);
        expect(found.get(OWN_MOBILE)).toMatchObject({ serviceNo: OWN_MOBILE, accountNos: [OWN_ACCOUNT] });
        expectMalformedAt(await adapter.getSuspensions([OWN_MOBILE, services[0] as string]), OWN_MOBILE, "billing", `SERV_STOP ${OWN + 1}`);
      },
    );
  });

  it.each([
    ["an undocumented link state", `(${OWN}, ${OWN}, '01', 'Q')`, /SERV_ACCT.STATE: unknown codes Q/],
    ["a link to an account that does not exist", `(${OWN}, ${OWN + 999}, '00', 'A')`, /dangling reference: no ACCT row/],
  ])("gives a service linked through %s its own error", async (_, link, detail) => {
    const cleanup = `DELETE FROM ${b}."SERV_ACCT" WHERE "SERV_ID" = ${OWN} AND NOT ("ACCT_ID" = ${OWN} AND "STATE" = 'A')`;
    await withRows(pool, `INSERT INTO ${b}."SERV_ACCT" VALUES ${link}`, cleanup, async () => {
      const found = await adapter.getServices([OWN_MOBILE, services[0] as string]);
      expect(expectMalformedAt(found, OWN_MOBILE, "billing", `SERV ${OWN}`).message).toMatch(detail);
      const byCustomer = await adapter.getServicesByCustomer([OWN_CUSTOMER, customers[0] as string]);
      expectMalformedAt(byCustomer, OWN_CUSTOMER, "billing", `SERV ${OWN}`);
    });
  });

  it("reads an account name padded with blanks as the name: padding is no error", async () => {
    await withRows(
      pool,
      `INSERT INTO ${b}."ACCT" VALUES (${OWN + 3}, '88990100000003', ${OWN}, '测试客户   ', 'C', '', '', 0, 0, 'A', '20240105')`,
      CLEANUP,
      async () => {
        expect(served(await adapter.getAccounts(["88990100000003"])).get("88990100000003")?.name).toBe("测试客户");
      },
    );
  });
});

describe("billing SQL adapter: source down", () => {
  it("reports SOURCE_UNAVAILABLE when the database cannot be reached", async () => {
    const down = new BillingSqlAdapter({ connectionString: UNREACHABLE_DATABASE, schema: "billing", counter: new RoundTripCounter(), timeoutMs: 2_000 });
    await expectUnreachable(down, (a) => a.getAccounts([OWN_ACCOUNT]), "billing");
  });
});
