import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, served, withRows } from "../kit/testing.js";
import { BillingSqlAdapter } from "./sql.adapter.js";
import { PRODUCT, SERV_STATE, STOP_FLAG, STOP_TYPE } from "./code-tables.testing.js";

/** Accounts as billing keeps them: the services each pays for, each bill's write-offs, each customer's suspensions, the serial number. */

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;

/**
 * Rows this file inserts live in local network 9907 and ids from 9,907,000,000 to 9,907,999,999, which generated
 * data never uses and other test files keep clear of; all are removed afterwards.
 */
const OWN = 9_907_000_000;
const OWN_IDS = `BETWEEN ${OWN} AND ${OWN + 999_999}`;
const OWN_CUSTOMER = "990700000001";
const PAYER = "88990700000001";
const OTHER_PAYER = "88990700000002";
const MOBILE = "19990700001";
const LEASED = "ZX990700000001";
const ENDED = "19990700002";

const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

type Raw = Record<string, unknown>;

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;
let accounts: string[];
let customers: string[];
let bills: string[];

async function rows(text: string, values: unknown[] = []): Promise<Raw[]> {
  return (await pool.query(text, values)).rows as Raw[];
}

/**
 * One customer whose leased line is split over two accounts by item group, a mobile on the first account and a
 * mobile whose link to it ended; one bill on the first account settled by two write-offs.
 */
const OWN_ROWS = `
  INSERT INTO ${b}."CUST" VALUES (${OWN + 1}, '9907-00000001', '拆分客户', '9907');
  INSERT INTO ${b}."ACCT" VALUES
    (${OWN + 1}, '${PAYER}', ${OWN + 1}, '拆分客户', 'B', '0102', '6200000000000000001', 50000, 0, 'A', '20230105'),
    (${OWN + 2}, '${OTHER_PAYER}', ${OWN + 1}, '拆分客户长途', 'C', '', '', 10000, 0, 'A', '20230105');
  INSERT INTO ${b}."SERV" VALUES
    (${OWN + 1}, '${MOBILE}', ${OWN + 1}, 20, 'F0T', '2', '20230105'),
    (${OWN + 2}, '${LEASED}', ${OWN + 1}, 40, 'F0A', '0', '20230201'),
    (${OWN + 3}, '${ENDED}', ${OWN + 1}, 20, 'F0X', '0', '20200105');
  INSERT INTO ${b}."SERV_ACCT" VALUES
    (${OWN + 1}, ${OWN + 1}, '00', 'A'), (${OWN + 2}, ${OWN + 1}, '01', 'A'), (${OWN + 2}, ${OWN + 2}, '02', 'A'), (${OWN + 3}, ${OWN + 1}, '00', 'X');
  INSERT INTO ${b}."BILL" VALUES (${OWN + 1}, ${OWN + 1}, '202609', 9000, '20261020', 'P'), (${OWN + 2}, ${OWN + 1}, '202610', 5000, '20261120', 'U');
  INSERT INTO ${b}."ACCT_ITEM_OWE" VALUES (${OWN + 2}, ${OWN + 2}, ${OWN + 1}, '202610', 5000);
  INSERT INTO ${b}."WRITE_OFF" VALUES (${OWN + 2}, ${OWN + 1}, ${OWN + 1}, 4000, '20261025'), (${OWN + 1}, ${OWN + 1}, ${OWN + 1}, 5000, '20261015');
  INSERT INTO ${b}."SERV_STOP" VALUES
    (${OWN + 1}, ${OWN + 1}, '1', '20261021', '00000000'), (${OWN + 2}, ${OWN + 1}, '2', '20261101', '00000000'), (${OWN + 3}, ${OWN + 2}, '3', '20250301', '20250320');`;

const OWN_CLEANUP = `
  DELETE FROM ${b}."SERV_STOP" WHERE "STOP_ID" ${OWN_IDS};
  DELETE FROM ${b}."WRITE_OFF" WHERE "WRITE_OFF_ID" ${OWN_IDS};
  DELETE FROM ${b}."ACCT_ITEM_OWE" WHERE "OWE_ID" ${OWN_IDS};
  DELETE FROM ${b}."BILL" WHERE "BILL_ID" ${OWN_IDS};
  DELETE FROM ${b}."SERV_ACCT" WHERE "SERV_ID" ${OWN_IDS} OR "ACCT_ID" ${OWN_IDS};
  DELETE FROM ${b}."SERV" WHERE "SERV_ID" ${OWN_IDS};
  DELETE FROM ${b}."ACCT" WHERE "ACCT_ID" ${OWN_IDS};
  DELETE FROM ${b}."CUST" WHERE "CUST_ID" ${OWN_IDS};`;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).billing, counter });
  accounts = (await rows(`SELECT "ACCT_NBR" FROM ${b}."ACCT" WHERE "ACCT_ID" < 9900000000 ORDER BY md5("ACCT_NBR") LIMIT 100`)).map((r) => r.ACCT_NBR as string);
  customers = (await rows(`SELECT "CUST_CODE" FROM ${b}."CUST" WHERE "CUST_ID" < 9900000000 ORDER BY md5("CUST_CODE") LIMIT 100`)).map((r) =>
    (r.CUST_CODE as string).replace("-", ""),
  );
  // Bills with write-offs and without, in a stable mixed order.
  bills = (await rows(`SELECT "BILL_ID"::text AS id FROM ${b}."BILL" WHERE "BILL_ID" < 9900000000 ORDER BY md5("BILL_ID"::text) LIMIT 100`)).map(
    (r) => r.id as string,
  );
  expect(accounts).toHaveLength(100);
  expect(customers).toHaveLength(100);
  expect(bills).toHaveLength(100);
  await pool.query(OWN_CLEANUP + OWN_ROWS);
});

afterAll(async () => {
  await pool?.query(OWN_CLEANUP);
  await adapter?.close();
  await pool?.end();
});

describe("the services each account pays for (SERV_ACCT)", () => {
  it("reads the services of 100 accounts in one round trip, as the links in force say", async () => {
    counter.reset();
    const found = served(await adapter.getServicesByAccount(accounts));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT a."ACCT_NBR", sa."ITEM_GROUP", s.* FROM ${b}."ACCT" a JOIN ${b}."SERV_ACCT" sa USING ("ACCT_ID") JOIN ${b}."SERV" s USING ("SERV_ID")
       WHERE a."ACCT_NBR" = ANY($1) AND sa."STATE" = 'A' ORDER BY a."ACCT_NBR", s."ACC_NBR", sa."ITEM_GROUP"`,
      [accounts],
    );
    const expected = new Map(accounts.map((a) => [a, [] as unknown[]]));
    for (const row of direct) {
      expected.get(row.ACCT_NBR as string)?.push({
        accountNo: row.ACCT_NBR,
        serviceNo: row.ACC_NBR,
        itemGroup: row.ITEM_GROUP,
        product: PRODUCT[row.PRODUCT_ID as number],
        status: SERV_STATE[row.STATE as string],
        barring: STOP_FLAG[row.STOP_FLAG as string],
        startedOn: iso(row.COMPLETED_DATE as string),
      });
    }
    expect(found).toEqual(expected);
    expect(direct.length).toBeGreaterThan(100);
    expect(new Set(direct.map((r) => r.STATE)).size).toBeGreaterThan(1);
  });

  it("costs one round trip for one account as for a hundred", async () => {
    counter.reset();
    await adapter.getServicesByAccount([accounts[0] as string]);
    const one = counter.get("billing");
    counter.reset();
    await adapter.getServicesByAccount(accounts);
    expect(counter.get("billing")).toBe(one);
  });

  it("says which item group each account pays for, and leaves ended links out", async () => {
    const found = served(await adapter.getServicesByAccount([PAYER, OTHER_PAYER]));
    expect(found.get(PAYER)).toEqual([
      { accountNo: PAYER, serviceNo: MOBILE, itemGroup: "00", product: "MOBILE", status: "BARRED", barring: "DOUBLE", startedOn: "2023-01-05" },
      { accountNo: PAYER, serviceNo: LEASED, itemGroup: "01", product: "LEASED_LINE", status: "ACTIVE", barring: "NONE", startedOn: "2023-02-01" },
    ]);
    expect(found.get(OTHER_PAYER)).toEqual([
      { accountNo: OTHER_PAYER, serviceNo: LEASED, itemGroup: "02", product: "LEASED_LINE", status: "ACTIVE", barring: "NONE", startedOn: "2023-02-01" },
    ]);
    expect(served(await adapter.getServicesByAccount(["88990799999999"])).get("88990799999999")).toEqual([]);
  });

  it.each([
    ["a link of an undocumented state", OWN + 3, "'00', 'Q'", /LINK_STATE: unknown code Q/],
    ["a link to a service that does not exist", OWN + 9, "'00', 'A'", /dangling reference: no SERV row/],
    ["a link of an item group that is not two digits", OWN + 3, "'L1', 'A'", /ITEM_GROUP/],
  ])("gives the account of %s that link's error, and serves the others", async (_, serv, values, detail) => {
    const insert = `INSERT INTO ${b}."SERV_ACCT" VALUES (${serv}, ${OWN + 2}, ${values})`;
    await withRows(pool, insert, `DELETE FROM ${b}."SERV_ACCT" WHERE "ACCT_ID" = ${OWN + 2} AND "SERV_ID" <> ${OWN + 2}`, async () => {
      counter.reset();
      const found = await adapter.getServicesByAccount([PAYER, OTHER_PAYER]);
      expect(counter.get("billing")).toBe(1);
      expect(expectMalformedAt(found, OTHER_PAYER, "billing", `SERV_ACCT ${OWN + 2}/${serv}`).message).toMatch(detail);
    });
  });

  it("refuses an account number that is not one before any round trip", async () => {
    await expectRefusedUpFront(() => adapter.getServicesByAccount(["8899070000000"]), counter, "billing");
  });
});

describe("the write-offs that settled each bill (WRITE_OFF)", () => {
  it("reads the write-offs of 100 bills in one round trip, oldest first, as the table says", async () => {
    counter.reset();
    const found = served(await adapter.getSettlements(bills));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT "BILL_ID"::text AS bill, "WRITE_OFF_DATE", "AMOUNT" FROM ${b}."WRITE_OFF" WHERE "BILL_ID" = ANY($1::bigint[]) ORDER BY "BILL_ID", "WRITE_OFF_DATE", "WRITE_OFF_ID"`,
      [bills],
    );
    const expected = new Map(bills.map((id) => [id, [] as unknown[]]));
    for (const row of direct) expected.get(row.bill as string)?.push({ on: iso(row.WRITE_OFF_DATE as string), amountFen: Number(row.AMOUNT) });
    expect(found).toEqual(expected);
    expect([...found.values()].some((list) => list.length === 0)).toBe(true);
    expect([...found.values()].some((list) => list.length > 0)).toBe(true);
  });

  it("costs one round trip for one bill as for a hundred, and dates each write-off", async () => {
    counter.reset();
    const one = served(await adapter.getSettlements([String(OWN + 1)]));
    expect(counter.get("billing")).toBe(1);
    expect(one.get(String(OWN + 1))).toEqual([
      { on: "2026-10-15", amountFen: 5000 },
      { on: "2026-10-25", amountFen: 4000 },
    ]);
    expect(served(await adapter.getSettlements([String(OWN + 2)])).get(String(OWN + 2))).toEqual([]);
  });

  it.each([
    ["write-offs beyond what the bill says was paid", `INSERT INTO ${b}."WRITE_OFF" VALUES (${OWN + 9}, ${OWN + 1}, ${OWN + 2}, 100, '20261121')`, `BILL ${OWN + 2}`, /write-offs of 100 fen exceed the 0 fen paid/],
    ["a write-off of a bill that does not exist", `INSERT INTO ${b}."WRITE_OFF" VALUES (${OWN + 9}, ${OWN + 1}, ${OWN + 8}, 100, '20261121')`, `BILL ${OWN + 8}`, /no such bill/],
    ["a write-off on an impossible date", `INSERT INTO ${b}."WRITE_OFF" VALUES (${OWN + 9}, ${OWN + 1}, ${OWN + 2}, 100, '20261131')`, `WRITE_OFF ${OWN + 9}`, /WRITE_OFF_DATE/],
  ])("gives the bill of %s that record's error, and serves the others", async (_, insert, record, detail) => {
    await withRows(pool, insert, `DELETE FROM ${b}."WRITE_OFF" WHERE "WRITE_OFF_ID" = ${OWN + 9}`, async () => {
      const bill = record.startsWith("BILL") ? record.slice(5) : String(OWN + 2);
      const found = await adapter.getSettlements([String(OWN + 1), bill]);
      expect(expectMalformedAt(found, bill, "billing", record).message).toMatch(detail);
    });
  });
});

describe("the suspensions of each customer's services (SERV_STOP)", () => {
  it("reads the suspensions of 100 customers in one round trip, newest first, as the table says", async () => {
    counter.reset();
    const found = served(await adapter.getSuspensionsByCustomer(customers));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT replace(c."CUST_CODE", '-', '') AS id, s."ACC_NBR", st.* FROM ${b}."CUST" c JOIN ${b}."SERV" s USING ("CUST_ID") JOIN ${b}."SERV_STOP" st USING ("SERV_ID")
       WHERE c."CUST_CODE" = ANY($1) ORDER BY c."CUST_CODE", st."STOP_DATE" DESC, s."ACC_NBR", st."STOP_ID" DESC`,
      [customers.map((c) => `${c.slice(0, 4)}-${c.slice(4)}`)],
    );
    const expected = new Map(customers.map((c) => [c, [] as unknown[]]));
    for (const row of direct) {
      expected.get(row.id as string)?.push({
        serviceNo: row.ACC_NBR,
        reason: STOP_TYPE[row.STOP_TYPE as string],
        from: iso(row.STOP_DATE as string),
        until: row.RESUME_DATE === "00000000" ? null : iso(row.RESUME_DATE as string),
      });
    }
    expect(found).toEqual(expected);
    expect(direct.length).toBeGreaterThan(0);
  });

  it("costs one round trip for one customer as for a hundred", async () => {
    counter.reset();
    const one = served(await adapter.getSuspensionsByCustomer([OWN_CUSTOMER]));
    expect(counter.get("billing")).toBe(1);
    expect(one.get(OWN_CUSTOMER)).toEqual([
      { serviceNo: MOBILE, reason: "ARREARS_DOUBLE", from: "2026-11-01", until: null },
      { serviceNo: MOBILE, reason: "ARREARS_SINGLE", from: "2026-10-21", until: null },
      { serviceNo: LEASED, reason: "ILLEGAL_USE", from: "2025-03-01", until: "2025-03-20" },
    ]);
  });

  it("gives the customer of a suspension of an unknown type that record's error, and serves the others", async () => {
    await withRows(pool, `INSERT INTO ${b}."SERV_STOP" VALUES (${OWN + 9}, ${OWN + 2}, '7', '20260101', '00000000')`, `DELETE FROM ${b}."SERV_STOP" WHERE "STOP_ID" = ${OWN + 9}`, async () => {
      const found = await adapter.getSuspensionsByCustomer([customers[0] as string, OWN_CUSTOMER]);
      expect(expectMalformedAt(found, OWN_CUSTOMER, "billing", `SERV_STOP ${OWN + 9}`).message).toMatch(/STOP_TYPE/);
    });
  });
});

describe("the account's serial number (ACCT.ACCT_ID)", () => {
  it("is billing's own key, exact beyond 2^53", async () => {
    const huge = "9007199254740993";
    await withRows(
      pool,
      `INSERT INTO ${b}."ACCT" VALUES (${huge}, '88990700000009', ${OWN + 1}, '大号帐户', 'C', '', '', 0, 0, 'A', '20240105')`,
      `DELETE FROM ${b}."ACCT" WHERE "ACCT_ID" = ${huge}`,
      async () => {
        const found = served(await adapter.getAccounts(["88990700000009", PAYER]));
        expect(found.get("88990700000009")?.serialNo).toBe(huge);
        expect(found.get(PAYER)?.serialNo).toBe(String(OWN + 1));
      },
    );
  });
});
