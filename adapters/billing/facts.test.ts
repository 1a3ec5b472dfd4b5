import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, served, withRows } from "../kit/testing.js";
import type { BillingFacts } from "./port.js";
import { BillingSqlAdapter } from "./sql.adapter.js";
import { BILL_STATE, DUN_METHOD, PAY_METHOD, PRODUCT, SERV_STATE, STOP_FLAG, STOP_TYPE } from "./code-tables.testing.js";

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;

/**
 * Rows this file inserts live in local network 9903 and ids from 9,903,000,000 to 9,903,999,999, which generated
 * data never uses and other test files keep clear of; all are removed afterwards.
 */
const OWN = 9_903_000_000;
const OWN_IDS = `BETWEEN ${OWN} AND ${OWN + 999_999}`;
const OWN_CUSTOMER = "990300000001";
/** Known to billing, with no account nor service. */
const BARE_CUSTOMER = "990300000002";
const UNKNOWN_CUSTOMER = "990399999999";
const DEBIT_ACCOUNT = "88990300000001";
const CLOSED_ACCOUNT = "88990300000002";
const MOBILE = "19990300001";
const FIXED = "02599030001";

const CREDIT_GRADE: Record<string, string | null> = { A: "VERY_HIGH", B: "HIGH", C: "MEDIUM", D: "LOW", E: "VERY_LOW", "0": null };
const LIST_TYPE: Record<string, string | null> = { R: "RED", G: "GREY", B: "BLACK", "0": null };

const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const month = (cycle: string) => `${cycle.slice(0, 4)}-${cycle.slice(4, 6)}`;
const custCode = (id: string) => `${id.slice(0, 4)}-${id.slice(4)}`;

type Raw = Record<string, unknown>;

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;
/** 100 generated customers in a stable pseudo-random order, so they mix payers, arrears and stains. */
let customers: string[];

async function rows(text: string, values: unknown[] = []): Promise<Raw[]> {
  return (await pool.query(text, values)).rows as Raw[];
}

/** Fourteen monthly bills on the debit account, 2025-09 to 2026-10, and two old ones on the closed account. */
const OWN_ROWS = `
  INSERT INTO ${b}."CUST" VALUES (${OWN + 1}, '9903-00000001', '事实客户', '9903'), (${OWN + 2}, '9903-00000002', '空客户', '9903');
  INSERT INTO ${b}."ACCT" VALUES
    (${OWN + 1}, '${DEBIT_ACCOUNT}', ${OWN + 1}, '事实客户', 'B', '0102', '6200000000000000001', 50000, 0, 'A', '20230105'),
    (${OWN + 2}, '${CLOSED_ACCOUNT}', ${OWN + 1}, '事实客户', 'C', '', '', 10000, 300, 'X', '20200105');
  INSERT INTO ${b}."SERV" VALUES
    (${OWN + 1}, '${MOBILE}', ${OWN + 1}, 20, 'F0A', '0', '20230105'),
    (${OWN + 2}, '${FIXED}', ${OWN + 1}, 10, 'F0T', '1', '20200105');
  INSERT INTO ${b}."SERV_ACCT" VALUES (${OWN + 1}, ${OWN + 1}, '00', 'A'), (${OWN + 2}, ${OWN + 1}, '00', 'A'), (${OWN + 2}, ${OWN + 2}, '00', 'X');
  INSERT INTO ${b}."BILL"
    SELECT ${OWN} + n, ${OWN + 1}, to_char(date '2025-09-01' + (n - 1) * interval '1 month', 'YYYYMM'), 1000 * n,
           to_char(date '2025-10-20' + (n - 1) * interval '1 month', 'YYYYMMDD'), CASE n WHEN 14 THEN 'A' WHEN 13 THEN 'U' ELSE 'P' END
    FROM generate_series(1, 14) n;
  INSERT INTO ${b}."BILL" VALUES (${OWN + 21}, ${OWN + 2}, '202301', 2100, '20230220', 'P'), (${OWN + 22}, ${OWN + 2}, '202302', 2200, '20230320', 'P');
  INSERT INTO ${b}."ACCT_ITEM_OWE" VALUES (${OWN + 1}, ${OWN + 14}, ${OWN + 1}, '202610', 400), (${OWN + 2}, ${OWN + 13}, ${OWN + 1}, '202609', 13000);
  INSERT INTO ${b}."ACCT_ITEM" VALUES
    (${OWN + 1}, ${OWN + 14}, ${OWN + 1}, 'BF', 10000), (${OWN + 2}, ${OWN + 14}, ${OWN + 2}, 'LC', 3000),
    (${OWN + 3}, ${OWN + 14}, ${OWN + 2}, 'LD', 1000), (${OWN + 4}, ${OWN + 13}, ${OWN + 1}, 'BF', 13000);
  INSERT INTO ${b}."PAYMENT" VALUES
    (${OWN + 1}, ${OWN + 1}, ${OWN + 14}, 9000, '20261105', 'B', NULL),
    (${OWN + 2}, ${OWN + 1}, ${OWN + 14}, 4600, '20261110', 'B', NULL),
    (${OWN + 3}, ${OWN + 1}, NULL, 100, '20261112', 'W', NULL),
    (${OWN + 4}, ${OWN + 1}, ${OWN + 12}, 12000, '20261018', 'B', NULL),
    (${OWN + 5}, ${OWN + 1}, ${OWN + 1}, 1000, '20251015', 'B', NULL);
  INSERT INTO ${b}."WRITE_OFF" VALUES
    (${OWN + 1}, ${OWN + 1}, ${OWN + 14}, 9000, '20261105'),
    (${OWN + 2}, ${OWN + 1}, ${OWN + 14}, 4600, '20261110'),
    (${OWN + 3}, ${OWN + 1}, ${OWN + 12}, 12000, '20261018'),
    (${OWN + 4}, ${OWN + 1}, ${OWN + 1}, 1000, '20251015');
  INSERT INTO ${b}."SERV_STOP" VALUES (${OWN + 1}, ${OWN + 2}, '1', '20261021', '00000000'), (${OWN + 2}, ${OWN + 2}, '1', '20260501', '20260510');
  INSERT INTO ${b}."DUNNING" VALUES
    (${OWN + 3}, ${OWN + 1}, '202609', 'M', 3, '20261114', 'F'),
    (${OWN + 1}, ${OWN + 1}, '202609', 'A', 1, '20261023', 'S'),
    (${OWN + 2}, ${OWN + 1}, '202609', 'A', 2, '20261030', 'F');`;

/** Removes every row of ours, the malformed ones a test planted included. */
const OWN_CLEANUP = `
  DELETE FROM ${b}."DUNNING" WHERE "DUNNING_ID" ${OWN_IDS};
  DELETE FROM ${b}."CREDIT_GRADE_HIS" WHERE "GRADE_HIS_ID" ${OWN_IDS};
  DELETE FROM ${b}."SERV_STOP" WHERE "STOP_ID" ${OWN_IDS};
  DELETE FROM ${b}."PAYMENT" WHERE "PAYMENT_ID" ${OWN_IDS};
  DELETE FROM ${b}."WRITE_OFF" WHERE "WRITE_OFF_ID" ${OWN_IDS};
  DELETE FROM ${b}."ACCT_ITEM" WHERE "ACCT_ITEM_ID" ${OWN_IDS};
  DELETE FROM ${b}."ACCT_ITEM_OWE" WHERE "OWE_ID" ${OWN_IDS};
  DELETE FROM ${b}."BILL" WHERE "BILL_ID" ${OWN_IDS};
  DELETE FROM ${b}."SERV_ACCT" WHERE "SERV_ID" ${OWN_IDS};
  DELETE FROM ${b}."SERV" WHERE "SERV_ID" ${OWN_IDS};
  DELETE FROM ${b}."ACCT" WHERE "ACCT_ID" ${OWN_IDS};
  DELETE FROM ${b}."CUST" WHERE "CUST_ID" ${OWN_IDS};`;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).billing, counter });
  customers = (await rows(`SELECT "CUST_CODE" FROM ${b}."CUST" WHERE "CUST_ID" < 9900000000 ORDER BY md5("CUST_CODE") LIMIT 100`)).map((r) =>
    (r.CUST_CODE as string).replace("-", ""),
  );
  expect(customers).toHaveLength(100);
  await pool.query(OWN_CLEANUP + OWN_ROWS);
});

afterAll(async () => {
  await pool?.query(OWN_CLEANUP);
  await adapter?.close();
  await pool?.end();
});

type Lists = Record<keyof BillingFacts, unknown[]>;

/** The facts of `ids` read table by table, straight from the legacy store. */
async function directFacts(ids: string[]): Promise<Map<string, Lists>> {
  const codes = ids.map(custCode);
  const facts = new Map<string, Lists>();
  for (const row of await rows(`SELECT "CUST_CODE" FROM ${b}."CUST" WHERE "CUST_CODE" = ANY($1)`, [codes])) {
    facts.set((row.CUST_CODE as string).replace("-", ""), { accounts: [], bills: [], services: [], suspensions: [], dunning: [], manualCredit: [] });
  }
  const of = (row: Raw) => facts.get((row.CUST_CODE as string).replace("-", "")) as Lists;

  for (const row of await rows(
    `SELECT c."CUST_CODE", a.* FROM ${b}."CUST" c JOIN ${b}."ACCT" a USING ("CUST_ID") WHERE c."CUST_CODE" = ANY($1) ORDER BY a."ACCT_NBR"`,
    [codes],
  )) {
    of(row).accounts.push({
      accountNo: row.ACCT_NBR as string,
      paymentMethod: PAY_METHOD[row.PAY_METHOD as string],
      creditLimitFen: Number(row.CREDIT_LIMIT),
      balanceFen: Number(row.BALANCE),
      status: row.STATE === "A" ? "ACTIVE" : "CLOSED",
    });
  }

  const bills = await rows(
    `SELECT c."CUST_CODE", a."ACCT_NBR", bl.*,
            COALESCE((SELECT sum(o."OWE_AMOUNT") FROM ${b}."ACCT_ITEM_OWE" o WHERE o."BILL_ID" = bl."BILL_ID"), 0) AS owed,
            ARRAY(SELECT w."WRITE_OFF_DATE" || ':' || w."AMOUNT" FROM ${b}."WRITE_OFF" w
                  WHERE w."BILL_ID" = bl."BILL_ID" ORDER BY w."WRITE_OFF_DATE", w."WRITE_OFF_ID") AS settled,
            ARRAY(SELECT DISTINCT s."ACC_NBR"::text FROM ${b}."ACCT_ITEM" i JOIN ${b}."SERV" s USING ("SERV_ID")
                  WHERE i."BILL_ID" = bl."BILL_ID" ORDER BY 1) AS servs
     FROM ${b}."CUST" c JOIN ${b}."ACCT" a USING ("CUST_ID") JOIN ${b}."BILL" bl USING ("ACCT_ID")
     WHERE c."CUST_CODE" = ANY($1)
     ORDER BY bl."BILLING_CYCLE_ID" DESC, a."ACCT_NBR", bl."BILL_ID" DESC`,
    [codes],
  );
  // An account's last twelve cycles are its own twelve newest, whatever other accounts did.
  const cyclesOf = new Map<string, string[]>();
  for (const row of bills) {
    const cycles = cyclesOf.get(row.ACCT_NBR as string) ?? [];
    if (!cycles.includes(row.BILLING_CYCLE_ID as string)) cycles.push(row.BILLING_CYCLE_ID as string);
    cyclesOf.set(row.ACCT_NBR as string, cycles);
  }
  for (const row of bills) {
    if ((cyclesOf.get(row.ACCT_NBR as string) ?? []).indexOf(row.BILLING_CYCLE_ID as string) >= 12) continue;
    of(row).bills.push({
      accountNo: row.ACCT_NBR as string,
      billNo: String(row.BILL_ID),
      month: month(row.BILLING_CYCLE_ID as string),
      amountFen: Number(row.BILL_AMOUNT),
      paidFen: Number(row.BILL_AMOUNT) - Number(row.owed),
      dueDate: iso(row.DUE_DATE as string),
      state: BILL_STATE[row.STATE as string],
      serviceNos: row.servs as string[],
      settlements: (row.settled as string[]).map((w) => ({ on: iso(w.slice(0, 8)), amountFen: Number(w.slice(9)) })),
    });
  }

  for (const row of await rows(
    `SELECT c."CUST_CODE", s.* FROM ${b}."CUST" c JOIN ${b}."SERV" s USING ("CUST_ID") WHERE c."CUST_CODE" = ANY($1) ORDER BY s."ACC_NBR"`,
    [codes],
  )) {
    of(row).services.push({
      serviceNo: row.ACC_NBR as string,
      product: PRODUCT[row.PRODUCT_ID as number],
      status: SERV_STATE[row.STATE as string],
      barring: STOP_FLAG[row.STOP_FLAG as string],
      startedOn: iso(row.COMPLETED_DATE as string),
    });
  }

  for (const row of await rows(
    `SELECT c."CUST_CODE", s."ACC_NBR", st.* FROM ${b}."CUST" c JOIN ${b}."SERV" s USING ("CUST_ID") JOIN ${b}."SERV_STOP" st USING ("SERV_ID")
     WHERE c."CUST_CODE" = ANY($1) ORDER BY st."STOP_DATE" DESC, s."ACC_NBR", st."STOP_ID" DESC`,
    [codes],
  )) {
    of(row).suspensions.push({
      serviceNo: row.ACC_NBR as string,
      reason: STOP_TYPE[row.STOP_TYPE as string],
      from: iso(row.STOP_DATE as string),
      until: row.RESUME_DATE === "00000000" ? null : iso(row.RESUME_DATE as string),
    });
  }

  for (const row of await rows(
    `SELECT c."CUST_CODE", a."ACCT_NBR", d.* FROM ${b}."CUST" c JOIN ${b}."ACCT" a USING ("CUST_ID") JOIN ${b}."DUNNING" d USING ("ACCT_ID")
     WHERE c."CUST_CODE" = ANY($1) ORDER BY d."DUN_DATE", a."ACCT_NBR", d."BILLING_CYCLE_ID", d."ATTEMPT_NO", d."DUNNING_ID"`,
    [codes],
  )) {
    of(row).dunning.push({
      accountNo: row.ACCT_NBR as string,
      month: month(row.BILLING_CYCLE_ID as string),
      method: DUN_METHOD[row.DUN_METHOD as string],
      attempt: Number(row.ATTEMPT_NO),
      date: iso(row.DUN_DATE as string),
      result: row.DUN_RESULT === "S" ? "REACHED" : "FAILED",
    });
  }

  for (const row of await rows(
    `SELECT c."CUST_CODE", g.* FROM ${b}."CUST" c JOIN ${b}."CREDIT_GRADE_HIS" g USING ("CUST_ID")
     WHERE c."CUST_CODE" = ANY($1) ORDER BY g."SET_DATE" DESC, g."GRADE_HIS_ID" DESC`,
    [codes],
  )) {
    of(row).manualCredit.push({
      level: CREDIT_GRADE[row.CREDIT_GRADE as string],
      list: LIST_TYPE[row.LIST_TYPE as string],
      reason: row.REASON as string,
      setBy: row.STAFF_CODE as string,
      setOn: iso(row.SET_DATE as string),
    });
  }
  return facts;
}

describe("billing facts", () => {
  it("reads the facts of 100 customers in one round trip, as the tables say", async () => {
    counter.reset();
    const found = served(await adapter.getBillingFacts(customers));
    expect(counter.get("billing")).toBe(1);
    expect(found.size).toBe(100);
    expect(found).toEqual(await directFacts(customers));

    // The sample must exercise what the facts are for, or the comparison above proves little.
    const all = [...found.values()];
    const bills = all.flatMap((f) => f.bills);
    expect(new Set(bills.map((bill) => bill.state))).toEqual(new Set(["UNPAID", "PARTLY_PAID", "PAID"]));
    expect(bills.some((bill) => bill.settlements.length === 0)).toBe(true);
    expect(bills.some((bill) => bill.settlements.length > 1)).toBe(true);
    expect(bills.every((bill) => bill.serviceNos.length > 0)).toBe(true);
    expect(all.some((f) => f.accounts.length > 1)).toBe(true);
    expect(all.some((f) => f.suspensions.length > 0)).toBe(true);
    expect(all.some((f) => f.dunning.length > 0)).toBe(true);
  });

  it("keeps each account's own last twelve cycles, their write-offs and the services charged", async () => {
    counter.reset();
    const found = served(await adapter.getBillingFacts([OWN_CUSTOMER, BARE_CUSTOMER]));
    expect(counter.get("billing")).toBe(1);
    expect(found).toEqual(await directFacts([OWN_CUSTOMER, BARE_CUSTOMER]));
    expect(found.get(BARE_CUSTOMER)).toEqual({ accounts: [], bills: [], services: [], suspensions: [], dunning: [], manualCredit: [] });

    const facts = found.get(OWN_CUSTOMER) as BillingFacts;
    expect(facts.accounts).toEqual([
      { accountNo: DEBIT_ACCOUNT, paymentMethod: "BANK_DEBIT", creditLimitFen: 50000, balanceFen: 0, status: "ACTIVE" },
      { accountNo: CLOSED_ACCOUNT, paymentMethod: "CASH", creditLimitFen: 10000, balanceFen: 300, status: "CLOSED" },
    ]);
    // 2025-09 and 2025-10 fall out of the debit account's twelve; the closed account keeps its old bills.
    expect(facts.bills.map((bill) => bill.month)).toEqual([
      "2026-10", "2026-09", "2026-08", "2026-07", "2026-06", "2026-05", "2026-04", "2026-03", "2026-02", "2026-01", "2025-12", "2025-11",
      "2023-02", "2023-01",
    ]);
    expect(facts.bills.slice(0, 3)).toEqual([
      {
        accountNo: DEBIT_ACCOUNT, billNo: String(OWN + 14), month: "2026-10", amountFen: 14000, paidFen: 13600,
        dueDate: "2026-11-20", state: "PARTLY_PAID", serviceNos: [FIXED, MOBILE],
        settlements: [{ on: "2026-11-05", amountFen: 9000 }, { on: "2026-11-10", amountFen: 4600 }],
      },
      {
        accountNo: DEBIT_ACCOUNT, billNo: String(OWN + 13), month: "2026-09", amountFen: 13000, paidFen: 0,
        dueDate: "2026-10-20", state: "UNPAID", serviceNos: [MOBILE], settlements: [],
      },
      {
        accountNo: DEBIT_ACCOUNT, billNo: String(OWN + 12), month: "2026-08", amountFen: 12000, paidFen: 12000,
        dueDate: "2026-09-20", state: "PAID", serviceNos: [], settlements: [{ on: "2026-10-18", amountFen: 12000 }],
      },
    ]);
    expect(facts.services).toEqual([
      { serviceNo: FIXED, product: "FIXED_LINE", status: "BARRED", barring: "SINGLE", startedOn: "2020-01-05" },
      { serviceNo: MOBILE, product: "MOBILE", status: "ACTIVE", barring: "NONE", startedOn: "2023-01-05" },
    ]);
    expect(facts.suspensions).toEqual([
      { serviceNo: FIXED, reason: "ARREARS_SINGLE", from: "2026-10-21", until: null },
      { serviceNo: FIXED, reason: "ARREARS_SINGLE", from: "2026-05-01", until: "2026-05-10" },
    ]);
    expect(facts.dunning.map((d) => [d.date, d.method, d.attempt, d.result])).toEqual([
      ["2026-10-23", "AUTOMATIC", 1, "REACHED"],
      ["2026-10-30", "AUTOMATIC", 2, "FAILED"],
      ["2026-11-14", "MANUAL", 3, "FAILED"],
    ]);
  });

  it("keeps a bill older than the twelve cycles while it still owes: arrears do not expire with the window", async () => {
    const old = OWN + 90;
    await withRows(
      pool,
      `INSERT INTO ${b}."BILL" VALUES (${old}, ${OWN + 1}, '202401', 5000, '20240220', 'U');
       INSERT INTO ${b}."ACCT_ITEM_OWE" VALUES (${old}, ${old}, ${OWN + 1}, '202401', 5000);`,
      `DELETE FROM ${b}."ACCT_ITEM_OWE" WHERE "OWE_ID" = ${old}; DELETE FROM ${b}."BILL" WHERE "BILL_ID" = ${old};`,
      async () => {
        const facts = served(await adapter.getBillingFacts([OWN_CUSTOMER])).get(OWN_CUSTOMER) as BillingFacts;
        const months = facts.bills.map((bill) => bill.month);
        expect(facts.bills.find((bill) => bill.month === "2024-01")).toMatchObject({ billNo: String(old), amountFen: 5000, paidFen: 0, state: "UNPAID" });
        // Paid bills outside the window stay out.
        expect(months).not.toContain("2025-09");
        expect(months).not.toContain("2025-10");
      },
    );
  });

  it("counts the twelve cycles back from an as-of date, and leaves out bills not yet made on it", async () => {
    counter.reset();
    const facts = served(await adapter.getBillingFacts([OWN_CUSTOMER], { asOf: "2026-10-15" })).get(OWN_CUSTOMER) as BillingFacts;
    expect(counter.get("billing")).toBe(1);
    // 2026-10 is billed in November; 2025-09 was settled before the date; the closed account's paid 2023 bills are outside.
    expect(facts.bills.map((bill) => bill.month)).toEqual([
      "2026-09", "2026-08", "2026-07", "2026-06", "2026-05", "2026-04", "2026-03", "2026-02", "2026-01", "2025-12", "2025-11", "2025-10",
    ]);
    // Write-offs after the date are still carried: the judgements count only those on or before it.
    expect(facts.bills.find((bill) => bill.month === "2026-08")?.settlements).toEqual([{ on: "2026-10-18", amountFen: 12000 }]);
  });

  it("keeps an older bill that was still owed on the as-of date, though settled since", async () => {
    const old = OWN + 91;
    await withRows(
      pool,
      `INSERT INTO ${b}."BILL" VALUES (${old}, ${OWN + 1}, '202401', 5000, '20240220', 'P');
       INSERT INTO ${b}."WRITE_OFF" VALUES (${old}, ${OWN + 1}, ${old}, 5000, '20261001');`,
      `DELETE FROM ${b}."WRITE_OFF" WHERE "WRITE_OFF_ID" = ${old}; DELETE FROM ${b}."BILL" WHERE "BILL_ID" = ${old};`,
      async () => {
        const monthsAsOf = async (asOf: string) =>
          (served(await adapter.getBillingFacts([OWN_CUSTOMER], { asOf })).get(OWN_CUSTOMER) as BillingFacts).bills.map((bill) => bill.month);
        expect(await monthsAsOf("2026-09-30")).toContain("2024-01");
        expect(await monthsAsOf("2026-10-01")).not.toContain("2024-01");
        expect(await monthsAsOf("2026-10-02")).not.toContain("2024-01");
      },
    );
  });

  it("refuses an as-of date that is no calendar date before any round trip", async () => {
    await expectRefusedUpFront(() => adapter.getBillingFacts([OWN_CUSTOMER], { asOf: "2026-02-30" }), counter, "billing");
  });

  it("keeps a bill number beyond 2^53 exact", async () => {
    const huge = "9007199254740993";
    await withRows(
      pool,
      `INSERT INTO ${b}."BILL" VALUES (${huge}, ${OWN + 2}, '202303', 2300, '20230420', 'P')`,
      `DELETE FROM ${b}."BILL" WHERE "BILL_ID" = ${huge}`,
      async () => {
        const facts = served(await adapter.getBillingFacts([OWN_CUSTOMER])).get(OWN_CUSTOMER);
        expect(facts?.bills.find((bill) => bill.month === "2023-03")?.billNo).toBe(huge);
      },
    );
  });

  it("leaves customers billing does not know out", async () => {
    const ids = [...customers.slice(0, 99), UNKNOWN_CUSTOMER];
    counter.reset();
    const found = served(await adapter.getBillingFacts(ids));
    expect(counter.get("billing")).toBe(1);
    expect(found.size).toBe(99);
    expect(found.has(UNKNOWN_CUSTOMER)).toBe(false);
    expect(served(await adapter.getBillingFacts([UNKNOWN_CUSTOMER])).size).toBe(0);
  });

  it("answers an empty batch without a round trip", async () => {
    counter.reset();
    expect(served(await adapter.getBillingFacts([])).size).toBe(0);
    expect(counter.get("billing")).toBe(0);
  });

  it.each([
    ["a customer id in billing's own spelling", ["3201-00000001"]],
    ["a customer id too short", ["320100000001", "32010000001"]],
    ["something that is not a string", [42 as unknown as string]],
  ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, ids) => {
    await expectRefusedUpFront(() => adapter.getBillingFacts(ids as string[]), counter, "billing");
  });
});

describe("billing facts: a malformed legacy row costs its own customer's facts only", () => {
  const BAD = OWN + 500;
  it.each([
    ["an account with an unknown payment method", `INSERT INTO ${b}."ACCT" VALUES (${BAD}, '88990300000500', ${OWN + 1}, '坏帐户', 'Z', '', '', 0, 0, 'A', '20240105')`, `ACCT ${BAD}`, /PAY_METHOD/],
    ["a bill with an impossible due date", `INSERT INTO ${b}."BILL" VALUES (${BAD}, ${OWN + 1}, '202611', 5000, '20261340', 'U')`, `BILL ${BAD}`, /DUE_DATE/],
    [
      "a paid bill that still owes",
      `INSERT INTO ${b}."BILL" VALUES (${BAD}, ${OWN + 1}, '202611', 5000, '20261220', 'P');
       INSERT INTO ${b}."ACCT_ITEM_OWE" VALUES (${BAD}, ${BAD}, ${OWN + 1}, '202611', 1200);`,
      `BILL ${BAD}`,
      /PAID but 1200 fen still owed/,
    ],
    ["a bill item charged to no service", `INSERT INTO ${b}."ACCT_ITEM" VALUES (${BAD}, ${OWN + 14}, ${OWN + 999}, 'BF', 100)`, `BILL ${OWN + 14}`, /dangling/],
    ["a write-off of a negative amount", `INSERT INTO ${b}."WRITE_OFF" VALUES (${BAD}, ${OWN + 1}, ${OWN + 14}, -100, '20261111')`, `WRITE_OFF ${BAD}`, /AMOUNT/],
    ["a write-off on an impossible date", `INSERT INTO ${b}."WRITE_OFF" VALUES (${BAD}, ${OWN + 1}, ${OWN + 14}, 100, '20261131')`, `WRITE_OFF ${BAD}`, /WRITE_OFF_DATE/],
    ["write-offs beyond the bill's amount", `INSERT INTO ${b}."WRITE_OFF" VALUES (${BAD}, ${OWN + 1}, ${OWN + 12}, 1, '20261019')`, `BILL ${OWN + 12}`, /write-offs of 12001 fen exceed the 12000 fen paid on it/],
    ["write-offs beyond what its arrears leave paid", `INSERT INTO ${b}."WRITE_OFF" VALUES (${BAD}, ${OWN + 1}, ${OWN + 14}, 1, '20261111')`, `BILL ${OWN + 14}`, /write-offs of 13601 fen exceed the 13600 fen paid on it/],
    ["a service of an unknown product", `INSERT INTO ${b}."SERV" VALUES (${BAD}, '19990300500', ${OWN + 1}, 99, 'F0A', '0', '20240105')`, `SERV ${BAD}`, /PRODUCT_ID/],
    ["a service linked to an account that does not exist", `INSERT INTO ${b}."SERV_ACCT" VALUES (${OWN + 1}, ${OWN + 999}, '00', 'A')`, `SERV ${OWN + 1}`, /dangling/],
    ["a suspension of an unknown type", `INSERT INTO ${b}."SERV_STOP" VALUES (${BAD}, ${OWN + 1}, '7', '20260101', '00000000')`, `SERV_STOP ${BAD}`, /STOP_TYPE/],
    ["a dunning action of an unknown method", `INSERT INTO ${b}."DUNNING" VALUES (${BAD}, ${OWN + 2}, '202302', 'X', 1, '20230325', 'S')`, `DUNNING ${BAD}`, /DUN_METHOD/],
    ["a credit grade of an unknown level", `INSERT INTO ${b}."CREDIT_GRADE_HIS" VALUES (${BAD}, ${OWN + 1}, 'Q', '0', '测试', 'XK9903001', '20260101', NULL)`, `CREDIT_GRADE_HIS ${BAD}`, /CREDIT_GRADE/],
  ])("gives the customer of %s that record's error, and serves the others", async (_, insert, record, detail) => {
    await withRows(pool, insert, `${OWN_CLEANUP}${OWN_ROWS}`, async () => {
      counter.reset();
      const found = await adapter.getBillingFacts([customers[0] as string, OWN_CUSTOMER]);
      expect(counter.get("billing")).toBe(1);
      expect(expectMalformedAt(found, OWN_CUSTOMER, "billing", record).message).toMatch(detail);
      expect(found.get(customers[0] as string)).toMatchObject({ accounts: expect.any(Array), bills: expect.any(Array) });
    });
  });
});
