import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { UNREACHABLE_DATABASE, expectMalformedAt, expectUnreachable, served, withRows } from "../kit/testing.js";
import { BillingSqlAdapter } from "./sql.adapter.js";

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

// The reads every billing adapter must answer alike (batches, unknown keys, bad input, writes) are the port's contract,
// run for this adapter too (contract.test.ts); this file keeps what is the legacy tables' own: their rows and spellings.

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
