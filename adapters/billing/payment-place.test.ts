import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, rejection, served, withRows } from "../kit/testing.js";
import { PLACE_COLUMNS, placeOfRow } from "./code-tables.testing.js";
import type { NewPayment } from "./port.js";
import { BillingSqlAdapter } from "./sql.adapter.js";

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;
const RUN = `${process.pid}-${Date.now()}`;

/**
 * Payment places (交费地点): billing's collection points (COLLECT_SITE) read with the payments, checked against
 * their channel, and given to recordPayment. Rows this file inserts live in local network 9921, ids from
 * 9,921,000,000 and collection points 9921…, which generated data never uses; all are removed afterwards.
 */
const OWN = 9_921_000_000;
const OWN_IDS = `BETWEEN ${OWN} AND ${OWN + 999_999}`;
const OWN_ACCOUNT = "88992100000001";
const HALL = "9921H001";
const AGENT = "9921A001";
const BRANCH = "9921B001";

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;
/** Generated accounts with payments at every kind of place and with none. */
let accounts: string[];

async function rows<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(text, values)).rows as T[];
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).billing, counter, today: () => sandbox.asOf });
  const picked = await rows<{ ACCT_NBR: string }>(
    `SELECT DISTINCT ON (coalesce(st."SITE_TYPE", p."PAY_CHANNEL")) a."ACCT_NBR" FROM ${b}."PAYMENT" p JOIN ${b}."ACCT" a USING ("ACCT_ID")
     LEFT JOIN ${b}."COLLECT_SITE" st USING ("SITE_ID") WHERE a."ACCT_ID" < 9900000000 ORDER BY coalesce(st."SITE_TYPE", p."PAY_CHANNEL"), a."ACCT_NBR"`,
  );
  accounts = picked.map((r) => r.ACCT_NBR);
  await pool.query(`
    INSERT INTO ${b}."CUST" VALUES (${OWN}, '9921-00000001', '测试客户', '9921');
    INSERT INTO ${b}."ACCT" VALUES (${OWN}, '${OWN_ACCOUNT}', ${OWN}, '测试客户', 'C', '', '', 10000, 0, 'A', '20240105');
    INSERT INTO ${b}."COLLECT_SITE" VALUES ('${HALL}', '9921', 'H', '测试营业厅', ''), ('${AGENT}', '9921', 'A', '测试代办点', ''),
      ('${BRANCH}', '9921', 'B', '测试银行支行', '0102');`);
});

afterAll(async () => {
  await pool?.query(`
    DELETE FROM ${b}."PAYMENT" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."ACCT" WHERE "ACCT_ID" ${OWN_IDS};
    DELETE FROM ${b}."CUST" WHERE "CUST_ID" ${OWN_IDS};
    DELETE FROM ${b}."COLLECT_SITE" WHERE "LATN_ID" = '9921';`);
  await adapter?.close();
  await pool?.end();
});

describe("billing SQL adapter: where payments were made", () => {
  it("reads each payment's collection point with the payments, in the same one round trip", async () => {
    expect(accounts.length).toBeGreaterThanOrEqual(5);
    counter.reset();
    const found = served(await adapter.getPayments(accounts));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT p."PAYMENT_ID"::text AS id, p."SITE_ID", ${PLACE_COLUMNS} FROM ${b}."PAYMENT" p JOIN ${b}."ACCT" a USING ("ACCT_ID")
       LEFT JOIN ${b}."COLLECT_SITE" st USING ("SITE_ID") WHERE a."ACCT_NBR" = ANY($1)`,
      [accounts],
    );
    const places = new Map([...found.values()].flat().map((p) => [p.paymentId, p.place]));
    expect(places.size).toBe(direct.length);
    for (const row of direct) expect(places.get(row.id as string), row.id as string).toEqual(placeOfRow(row));
    const kinds = new Set([...places.values()].map((p) => p?.kind ?? null));
    expect(kinds).toEqual(new Set(["BUSINESS_HALL", "AGENT_POINT", "BANK_BRANCH", null]));
  });

  it.each([
    ["a point not in the code table", `'9921H999'`, "H", /dangling reference: no COLLECT_SITE row/],
    ["a bank branch for a hall payment", `'${BRANCH}'`, "H", /kind BANK_BRANCH for a payment by channel HALL/],
    ["a hall for a web payment", `'${HALL}'`, "W", /kind BUSINESS_HALL for a payment by channel WEB/],
  ])("gives the account of a payment naming %s that payment's error, and serves the others", async (_, site, channel, detail) => {
    await withRows(
      pool,
      `INSERT INTO ${b}."PAYMENT" VALUES (${OWN + 1}, ${OWN}, NULL, 100, '20261101', '${channel}', NULL, 'W', ${site})`,
      `DELETE FROM ${b}."PAYMENT" WHERE "PAYMENT_ID" = ${OWN + 1}`,
      async () => {
        const found = await adapter.getPayments([OWN_ACCOUNT, accounts[0] as string]);
        expect(expectMalformedAt(found, OWN_ACCOUNT, "billing", `PAYMENT ${OWN + 1}`).message).toMatch(detail);
      },
    );
  });
});

describe("billing SQL adapter: recording where a payment was made", () => {
  const payment = (key: string, change: Partial<NewPayment> = {}): NewPayment => ({
    accountNo: OWN_ACCOUNT,
    amountFen: 2500,
    channel: "HALL",
    placeCode: AGENT,
    idempotencyKey: `place-test-${RUN}-${key}`,
    ...change,
  });
  const storedSite = async (key: string) => (await rows(`SELECT "SITE_ID" FROM ${b}."PAYMENT" WHERE "OUT_SERIAL_NBR" = $1`, [`place-test-${RUN}-${key}`])).map((r) => r.SITE_ID);

  it("stores the point with the payment and answers it, the same on a replay", async () => {
    const { record, replayed } = await adapter.recordPayment(payment("agent"));
    expect(replayed).toBe(false);
    expect(record.place).toEqual({ code: AGENT, name: "测试代办点", kind: "AGENT_POINT", localNetwork: "9921", bankId: null });
    expect(await storedSite("agent")).toEqual([AGENT]);
    expect(await adapter.recordPayment(payment("agent"))).toEqual({ record, replayed: true });
    const bank = await adapter.recordPayment(payment("branch", { channel: "BANK", placeCode: BRANCH }));
    expect(bank.record.place).toMatchObject({ code: BRANCH, kind: "BANK_BRANCH", bankId: "0102" });
    const none = await adapter.recordPayment(payment("none", { channel: "WEB", placeCode: null }));
    expect(none.record.place).toBeNull();
    expect(await storedSite("none")).toEqual([null]);
  });

  it("refuses a key reused with another point", async () => {
    await adapter.recordPayment(payment("other", { placeCode: HALL }));
    const error = await rejection(adapter.recordPayment(payment("other", { placeCode: AGENT })));
    expect(error.code).toBe("CONFLICT");
    expect(await storedSite("other")).toEqual([HALL]);
  });

  it.each([
    ["a point billing does not know", "unknown", { placeCode: "9921H999" }, /no collection point 9921H999 in billing's code table/],
    ["a bank branch for a hall payment", "kind", { placeCode: BRANCH }, /9921B001 is of kind BANK_BRANCH; a HALL payment is taken at a BUSINESS_HALL or AGENT_POINT/],
    ["a point of another local network", "network", { placeCode: "3201H001" }, /3201H001 belongs to local network 3201, account 88992100000001 to 9921/],
  ])("refuses %s with BAD_USER_INPUT and writes nothing", async (_, key, change, message) => {
    const error = await rejection(adapter.recordPayment(payment(key, change)));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(message);
    expect(await storedSite(key)).toEqual([]);
  });

  it.each([
    ["a point for a web payment", { channel: "WEB" as const, placeCode: HALL }],
    ["a malformed code", { placeCode: "9921-H001" }],
    ["an overlong code", { placeCode: "9921H0010000" }],
  ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, change) => {
    await expectRefusedUpFront(() => adapter.recordPayment(payment("bad", change)), counter, "billing");
  });
});
