import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, served, withRows } from "../kit/testing.js";
import type { AccountBillingFacts } from "./port.js";
import { BillingSqlAdapter } from "./sql.adapter.js";
import { BILL_STATE, DUN_METHOD, PAY_METHOD, PRODUCT, SERV_STATE, STOP_FLAG, STOP_TYPE } from "./code-tables.testing.js";

/** One account's billing facts (getAccountFacts), for the account-level credit: checked against the tables. */

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;

/**
 * Rows this file inserts live in local network 9909 and ids from 9,909,000,000 to 9,909,999,999, which generated
 * data never uses and other test files keep clear of; all are removed afterwards.
 */
const OWN = 9_909_000_000;
const OWN_IDS = `BETWEEN ${OWN} AND ${OWN + 999_999}`;
const OWNER = "990900000001";
const PAYER = "88990900000001";
const SECOND = "88990900000002";
const UNKNOWN = "88990999999999";
/** Held by another customer, paid by PAYER: an account pays for what it is linked to, whoever holds it. */
const EMPLOYEE_MOBILE = "19990900001";
const OWN_MOBILE = "19990900002";
const SPLIT_LINE = "ZX990900000001";
const MOVED_MOBILE = "19990900003";

const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const month = (cycle: string) => `${cycle.slice(0, 4)}-${cycle.slice(4, 6)}`;

type Raw = Record<string, unknown>;

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;
let accounts: string[];

async function rows(text: string, values: unknown[] = []): Promise<Raw[]> {
  return (await pool.query(text, values)).rows as Raw[];
}

const OWN_ROWS = `
  INSERT INTO ${b}."CUST" VALUES (${OWN + 1}, '9909-00000001', '付费单位', '9909'), (${OWN + 2}, '9909-00000002', '员工', '9909');
  INSERT INTO ${b}."ACCT" VALUES
    (${OWN + 1}, '${PAYER}', ${OWN + 1}, '付费单位', 'B', '0102', '6200000000000000001', 50000, 0, 'A', '20230105'),
    (${OWN + 2}, '${SECOND}', ${OWN + 1}, '付费单位二', 'C', '', '', 10000, 0, 'A', '20230105');
  INSERT INTO ${b}."SERV" VALUES
    (${OWN + 1}, '${EMPLOYEE_MOBILE}', ${OWN + 2}, 20, 'F0A', '0', '20230105'),
    (${OWN + 2}, '${OWN_MOBILE}', ${OWN + 1}, 20, 'F0T', '1', '20230105'),
    (${OWN + 3}, '${SPLIT_LINE}', ${OWN + 1}, 40, 'F0A', '0', '20230201'),
    (${OWN + 4}, '${MOVED_MOBILE}', ${OWN + 1}, 20, 'F0A', '0', '20230201');
  INSERT INTO ${b}."SERV_ACCT" VALUES
    (${OWN + 1}, ${OWN + 1}, '00', 'A'), (${OWN + 2}, ${OWN + 1}, '00', 'A'), (${OWN + 3}, ${OWN + 1}, '01', 'A'), (${OWN + 3}, ${OWN + 2}, '02', 'A'),
    (${OWN + 4}, ${OWN + 1}, '00', 'X'), (${OWN + 4}, ${OWN + 2}, '00', 'A');
  INSERT INTO ${b}."BILL" VALUES (${OWN + 1}, ${OWN + 1}, '202609', 9000, '20261020', 'P'), (${OWN + 2}, ${OWN + 1}, '202610', 5000, '20261120', 'U'),
    (${OWN + 3}, ${OWN + 2}, '202610', 700, '20261120', 'P');
  INSERT INTO ${b}."ACCT_ITEM" VALUES (${OWN + 1}, ${OWN + 2}, ${OWN + 2}, 'BF', 5000), (${OWN + 2}, ${OWN + 1}, ${OWN + 1}, 'BF', 9000);
  INSERT INTO ${b}."ACCT_ITEM_OWE" VALUES (${OWN + 2}, ${OWN + 2}, ${OWN + 1}, '202610', 5000);
  INSERT INTO ${b}."WRITE_OFF" VALUES (${OWN + 1}, ${OWN + 1}, ${OWN + 1}, 9000, '20261015');
  INSERT INTO ${b}."SERV_STOP" VALUES (${OWN + 1}, ${OWN + 2}, '1', '20261021', '00000000'), (${OWN + 2}, ${OWN + 4}, '3', '20250301', '20250320');
  INSERT INTO ${b}."DUNNING" VALUES (${OWN + 1}, ${OWN + 1}, '202610', 'A', 1, '20261123', 'S');`;

const OWN_CLEANUP = `
  DELETE FROM ${b}."DUNNING" WHERE "DUNNING_ID" ${OWN_IDS};
  DELETE FROM ${b}."SERV_STOP" WHERE "STOP_ID" ${OWN_IDS};
  DELETE FROM ${b}."WRITE_OFF" WHERE "WRITE_OFF_ID" ${OWN_IDS};
  DELETE FROM ${b}."ACCT_ITEM" WHERE "ACCT_ITEM_ID" ${OWN_IDS};
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
  expect(accounts).toHaveLength(100);
  await pool.query(OWN_CLEANUP + OWN_ROWS);
});

afterAll(async () => {
  await pool?.query(OWN_CLEANUP);
  await adapter?.close();
  await pool?.end();
});

/** Each account's facts read table by table: its own newest twelve cycles (and older bills still owed), the services linked in force. */
async function directFacts(ids: string[]): Promise<Map<string, AccountBillingFacts>> {
  const facts = new Map<string, AccountBillingFacts>();
  for (const row of await rows(`SELECT a.*, c."CUST_CODE" FROM ${b}."ACCT" a JOIN ${b}."CUST" c USING ("CUST_ID") WHERE a."ACCT_NBR" = ANY($1)`, [ids])) {
    facts.set(row.ACCT_NBR as string, {
      accountNo: row.ACCT_NBR as string,
      customerId: (row.CUST_CODE as string).replace("-", ""),
      accounts: [{ accountNo: row.ACCT_NBR as string, paymentMethod: PAY_METHOD[row.PAY_METHOD as string] as never, creditLimitFen: Number(row.CREDIT_LIMIT), balanceFen: Number(row.BALANCE), status: row.STATE === "A" ? "ACTIVE" : "CLOSED" }],
      bills: [],
      services: [],
      suspensions: [],
      dunning: [],
      manualCredit: [],
    });
  }
  const of = (row: Raw) => facts.get(row.ACCT_NBR as string) as AccountBillingFacts;
  for (const row of await rows(
    `SELECT a."ACCT_NBR", bl.*, COALESCE((SELECT sum(o."OWE_AMOUNT") FROM ${b}."ACCT_ITEM_OWE" o WHERE o."BILL_ID" = bl."BILL_ID"), 0) AS owed,
            dense_rank() OVER (PARTITION BY bl."ACCT_ID" ORDER BY bl."BILLING_CYCLE_ID" DESC) AS recency,
            ARRAY(SELECT w."WRITE_OFF_DATE" || ':' || w."AMOUNT" FROM ${b}."WRITE_OFF" w WHERE w."BILL_ID" = bl."BILL_ID" ORDER BY w."WRITE_OFF_DATE", w."WRITE_OFF_ID") AS settled,
            ARRAY(SELECT DISTINCT s."ACC_NBR"::text FROM ${b}."ACCT_ITEM" i JOIN ${b}."SERV" s USING ("SERV_ID") WHERE i."BILL_ID" = bl."BILL_ID" ORDER BY 1) AS servs
     FROM ${b}."ACCT" a JOIN ${b}."BILL" bl USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1)
     ORDER BY bl."BILLING_CYCLE_ID" DESC, bl."BILL_ID" DESC`,
    [ids],
  )) {
    if (Number(row.recency) > 12 && Number(row.owed) === 0) continue;
    of(row).bills.push({
      accountNo: row.ACCT_NBR as string,
      billNo: String(row.BILL_ID),
      month: month(row.BILLING_CYCLE_ID as string),
      amountFen: Number(row.BILL_AMOUNT),
      paidFen: Number(row.BILL_AMOUNT) - Number(row.owed),
      dueDate: iso(row.DUE_DATE as string),
      state: BILL_STATE[row.STATE as string] as never,
      serviceNos: row.servs as string[],
      settlements: (row.settled as string[]).map((w) => ({ on: iso(w.slice(0, 8)), amountFen: Number(w.slice(9)) })),
    });
  }
  const linked = `SELECT DISTINCT a."ACCT_NBR", sa."SERV_ID" FROM ${b}."ACCT" a JOIN ${b}."SERV_ACCT" sa USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1) AND sa."STATE" = 'A'`;
  for (const row of await rows(`SELECT l."ACCT_NBR", s.* FROM (${linked}) l JOIN ${b}."SERV" s USING ("SERV_ID") ORDER BY s."ACC_NBR"`, [ids])) {
    of(row).services.push({
      serviceNo: row.ACC_NBR as string,
      product: PRODUCT[row.PRODUCT_ID as number] as never,
      status: SERV_STATE[row.STATE as string] as never,
      barring: STOP_FLAG[row.STOP_FLAG as string] as never,
      startedOn: iso(row.COMPLETED_DATE as string),
    });
  }
  for (const row of await rows(
    `SELECT l."ACCT_NBR", s."ACC_NBR", st.* FROM (${linked}) l JOIN ${b}."SERV" s USING ("SERV_ID") JOIN ${b}."SERV_STOP" st USING ("SERV_ID")
     ORDER BY st."STOP_DATE" DESC, s."ACC_NBR", st."STOP_ID" DESC`,
    [ids],
  )) {
    of(row).suspensions.push({
      serviceNo: row.ACC_NBR as string,
      reason: STOP_TYPE[row.STOP_TYPE as string] as never,
      from: iso(row.STOP_DATE as string),
      until: row.RESUME_DATE === "00000000" ? null : iso(row.RESUME_DATE as string),
    });
  }
  for (const row of await rows(
    `SELECT a."ACCT_NBR", d.* FROM ${b}."ACCT" a JOIN ${b}."DUNNING" d USING ("ACCT_ID") WHERE a."ACCT_NBR" = ANY($1)
     ORDER BY d."DUN_DATE", d."BILLING_CYCLE_ID", d."ATTEMPT_NO", d."DUNNING_ID"`,
    [ids],
  )) {
    of(row).dunning.push({
      accountNo: row.ACCT_NBR as string,
      month: month(row.BILLING_CYCLE_ID as string),
      method: DUN_METHOD[row.DUN_METHOD as string] as never,
      attempt: Number(row.ATTEMPT_NO),
      date: iso(row.DUN_DATE as string),
      result: row.DUN_RESULT === "S" ? "REACHED" : "FAILED",
    });
  }
  return facts;
}

describe("one account's billing facts", () => {
  it("reads the facts of 100 accounts in one round trip, as the tables say", async () => {
    counter.reset();
    const found = served(await adapter.getAccountFacts(accounts));
    expect(counter.get("billing")).toBe(1);
    expect(found.size).toBe(100);
    expect(found).toEqual(await directFacts(accounts));
    const all = [...found.values()];
    expect(all.some((f) => f.bills.some((bill) => bill.settlements.length > 0))).toBe(true);
    expect(all.some((f) => f.suspensions.length > 0)).toBe(true);
    expect(all.some((f) => f.dunning.length > 0)).toBe(true);
  });

  it("costs one round trip for one account as for a hundred", async () => {
    counter.reset();
    await adapter.getAccountFacts([PAYER]);
    expect(counter.get("billing")).toBe(1);
  });

  it("holds the services the account pays for through links in force, whoever holds them, and their suspensions only", async () => {
    const found = served(await adapter.getAccountFacts([PAYER, SECOND]));
    expect(found).toEqual(await directFacts([PAYER, SECOND]));
    const payer = found.get(PAYER) as AccountBillingFacts;
    expect(payer.customerId).toBe(OWNER);
    expect(payer.services.map((s) => s.serviceNo)).toEqual([EMPLOYEE_MOBILE, OWN_MOBILE, SPLIT_LINE]);
    expect(payer.suspensions).toEqual([{ serviceNo: OWN_MOBILE, reason: "ARREARS_SINGLE", from: "2026-10-21", until: null }]);
    expect(payer.bills.map((bill) => [bill.month, bill.state, bill.settlements])).toEqual([
      ["2026-10", "UNPAID", []],
      ["2026-09", "PAID", [{ on: "2026-10-15", amountFen: 9000 }]],
    ]);
    const second = found.get(SECOND) as AccountBillingFacts;
    expect(second.services.map((s) => s.serviceNo)).toEqual([MOVED_MOBILE, SPLIT_LINE]);
    expect(second.suspensions.map((s) => s.reason)).toEqual(["ILLEGAL_USE"]);
    expect(second.dunning).toEqual([]);
  });

  it("leaves only the bills made before an as-of date", async () => {
    const found = served(await adapter.getAccountFacts([PAYER], { asOf: "2026-10-31" }));
    expect(found.get(PAYER)?.bills.map((bill) => bill.month)).toEqual(["2026-09"]);
  });

  it("leaves accounts billing does not know out, and refuses a bad number before any round trip", async () => {
    expect(served(await adapter.getAccountFacts([PAYER, UNKNOWN])).has(UNKNOWN)).toBe(false);
    await expectRefusedUpFront(() => adapter.getAccountFacts(["88990900000001", "8899090000000"]), counter, "billing");
    await expectRefusedUpFront(() => adapter.getAccountFacts([PAYER], { asOf: "2026-13-01" }), counter, "billing");
  });

  it.each([
    ["a link in force to a service that does not exist", `INSERT INTO ${b}."SERV_ACCT" VALUES (${OWN + 9}, ${OWN + 2}, '00', 'A')`, `SERV ${OWN + 9}`],
    ["a bill of an unknown state", `INSERT INTO ${b}."BILL" VALUES (${OWN + 9}, ${OWN + 2}, '202608', 100, '20260920', 'Q')`, `BILL ${OWN + 9}`],
    ["a dunning action of an unknown result", `INSERT INTO ${b}."DUNNING" VALUES (${OWN + 9}, ${OWN + 2}, '202610', 'A', 1, '20261123', 'Z')`, `DUNNING ${OWN + 9}`],
  ])("gives the account of %s that record's error, and serves the others", async (_, insert, record) => {
    await withRows(pool, insert, OWN_CLEANUP + OWN_ROWS, async () => {
      counter.reset();
      const found = await adapter.getAccountFacts([PAYER, SECOND]);
      expect(counter.get("billing")).toBe(1);
      expectMalformedAt(found, SECOND, "billing", record);
    });
  });
});
