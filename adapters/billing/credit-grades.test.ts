import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, rejection, served, withRows } from "../kit/testing.js";
import type { BillingFacts, NewCreditGrade } from "./port.js";
import { BillingSqlAdapter } from "./sql.adapter.js";

/** Credit grades set by hand in billing's credit control (CREDIT_GRADE_HIS): written, read, and carried in the facts. */

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;
const RUN = `${process.pid}-${Date.now()}`;

/**
 * Rows this file inserts live in local network 9908 and ids from 9,908,000,000 to 9,908,999,999, which
 * generated data never uses and other test files keep clear of; all are removed afterwards.
 */
const OWN = 9_908_000_000;
const OWN_IDS = `BETWEEN ${OWN} AND ${OWN + 999_999}`;
const GRADED = "990800000001";
const WRITTEN = "990800000002";
const UNKNOWN = "990899999999";
/** The day the adapter stamps on what it writes. */
const TODAY = "2026-11-20";

const CREDIT_GRADE: Record<string, string | null> = { A: "VERY_HIGH", B: "HIGH", C: "MEDIUM", D: "LOW", E: "VERY_LOW", "0": null };
const LIST_TYPE: Record<string, string | null> = { R: "RED", G: "GREY", B: "BLACK", "0": null };
const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

type Raw = Record<string, unknown>;

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;
let customers: string[];

async function rows(text: string, values: unknown[] = []): Promise<Raw[]> {
  return (await pool.query(text, values)).rows as Raw[];
}

const grade = (overrides: Partial<NewCreditGrade> = {}): NewCreditGrade => ({
  customerId: WRITTEN,
  level: "LOW",
  list: "BLACK",
  reason: "连续欠费，信控人工降级",
  setBy: "officer@3201",
  idempotencyKey: `grade-${RUN}-${Math.random().toString(36).slice(2)}`,
  ...overrides,
});

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).billing, counter, today: () => TODAY });
  customers = (await rows(`SELECT "CUST_CODE" FROM ${b}."CUST" WHERE "CUST_ID" < 9900000000 ORDER BY md5("CUST_CODE") LIMIT 100`)).map((r) =>
    (r.CUST_CODE as string).replace("-", ""),
  );
  // A customer graded down, then up, then lifted; the later two on one day, told apart by their ids.
  await pool.query(`
    INSERT INTO ${b}."CUST" VALUES (${OWN + 1}, '9908-00000001', '信控客户', '9908'), (${OWN + 2}, '9908-00000002', '写入客户', '9908');
    INSERT INTO ${b}."CREDIT_GRADE_HIS" VALUES
      (${OWN + 1}, ${OWN + 1}, 'D', 'G', '连续欠费，信控人工降级', 'XK9908001', '20250601', NULL),
      (${OWN + 3}, ${OWN + 1}, '0', '0', '欠费已结清，恢复系统评定', 'XK9908001', '20260301', NULL),
      (${OWN + 2}, ${OWN + 1}, 'A', 'R', '大客户经理担保', 'XK9908002', '20260301', NULL);`);
});

afterAll(async () => {
  await pool?.query(`
    DELETE FROM ${b}."CREDIT_GRADE_HIS" WHERE "CUST_ID" ${OWN_IDS};
    DELETE FROM ${b}."CUST" WHERE "CUST_ID" ${OWN_IDS};`);
  await adapter?.close();
  await pool?.end();
});

describe("credit grades set by hand: reads", () => {
  it("reads the grades of 100 customers and ours in one round trip, newest first, as the table says", async () => {
    const ids = [...customers, GRADED];
    counter.reset();
    const found = served(await adapter.getCreditGrades(ids));
    expect(counter.get("billing")).toBe(1);
    const direct = await rows(
      `SELECT replace(c."CUST_CODE", '-', '') AS id, g.* FROM ${b}."CUST" c JOIN ${b}."CREDIT_GRADE_HIS" g USING ("CUST_ID")
       WHERE c."CUST_CODE" = ANY($1) ORDER BY c."CUST_CODE", g."SET_DATE" DESC, g."GRADE_HIS_ID" DESC`,
      [ids.map((c) => `${c.slice(0, 4)}-${c.slice(4)}`)],
    );
    const expected = new Map(ids.map((id) => [id, [] as unknown[]]));
    for (const row of direct) {
      expected.get(row.id as string)?.push({
        level: CREDIT_GRADE[row.CREDIT_GRADE as string],
        list: LIST_TYPE[row.LIST_TYPE as string],
        reason: row.REASON,
        setBy: row.STAFF_CODE,
        setOn: iso(row.SET_DATE as string),
      });
    }
    expect(found).toEqual(expected);
    expect(found.get(GRADED)).toEqual([
      { level: null, list: null, reason: "欠费已结清，恢复系统评定", setBy: "XK9908001", setOn: "2026-03-01" },
      { level: "VERY_HIGH", list: "RED", reason: "大客户经理担保", setBy: "XK9908002", setOn: "2026-03-01" },
      { level: "LOW", list: "GREY", reason: "连续欠费，信控人工降级", setBy: "XK9908001", setOn: "2025-06-01" },
    ]);
  });

  it("costs one round trip for one customer as for a hundred", async () => {
    counter.reset();
    await adapter.getCreditGrades([GRADED]);
    expect(counter.get("billing")).toBe(1);
  });

  it("carries the grades in the billing facts, only those set on or before the as-of date", async () => {
    const facts = async (asOf?: string) => (served(await adapter.getBillingFacts([GRADED], asOf ? { asOf } : {})).get(GRADED) as BillingFacts).manualCredit;
    expect((await facts()).map((g) => g.setOn)).toEqual(["2026-03-01", "2026-03-01", "2025-06-01"]);
    expect(await facts("2026-02-28")).toEqual([{ level: "LOW", list: "GREY", reason: "连续欠费，信控人工降级", setBy: "XK9908001", setOn: "2025-06-01" }]);
    expect(await facts("2025-05-31")).toEqual([]);
  });

  it.each([
    ["a grade of an unknown level", "Q", "0", "理由", /CREDIT_GRADE/],
    ["a lifting row that sets a list", "0", "B", "理由", /list BLACK on a row that lifts the grade/],
    ["a grade without a reason", "C", "0", "  ", /REASON/],
  ])("gives the customer of %s that record's error, and serves the others", async (_, level, list, reason, detail) => {
    await withRows(
      pool,
      `INSERT INTO ${b}."CREDIT_GRADE_HIS" VALUES (${OWN + 9}, ${OWN + 1}, '${level}', '${list}', '${reason}', 'XK9908001', '20260101', NULL)`,
      `DELETE FROM ${b}."CREDIT_GRADE_HIS" WHERE "GRADE_HIS_ID" = ${OWN + 9}`,
      async () => {
        const found = await adapter.getCreditGrades([customers[0] as string, GRADED]);
        expect(expectMalformedAt(found, GRADED, "billing", `CREDIT_GRADE_HIS ${OWN + 9}`).message).toMatch(detail);
      },
    );
  });
});

describe("credit grades set by hand: the write", () => {
  it("adds a grade dated today, and a replay with the same key writes nothing and answers the first", async () => {
    const input = grade();
    counter.reset();
    const first = await adapter.setCreditGrade(input);
    expect(counter.get("billing")).toBe(1);
    expect(first).toEqual({
      record: { level: "LOW", list: "BLACK", reason: "连续欠费，信控人工降级", setBy: "officer@3201", setOn: TODAY, customerId: WRITTEN },
      replayed: false,
    });
    const again = await adapter.setCreditGrade(input);
    expect(again).toEqual({ ...first, replayed: true });
    const stored = await rows(`SELECT * FROM ${b}."CREDIT_GRADE_HIS" WHERE "OUT_SERIAL_NBR" = $1`, [input.idempotencyKey]);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ CREDIT_GRADE: "D", LIST_TYPE: "B", STAFF_CODE: "officer@3201", SET_DATE: "20261120", CUST_ID: String(OWN + 2) });
  });

  it("lifts a grade with a row of its own, and stores a level without a list as no list", async () => {
    const lifted = await adapter.setCreditGrade(grade({ level: null, list: null, reason: "欠费已结清，恢复系统评定" }));
    expect(lifted.record).toMatchObject({ level: null, list: null });
    const plain = await adapter.setCreditGrade(grade({ level: "HIGH", list: null, reason: "  核实无误  " }));
    expect(plain.record).toMatchObject({ level: "HIGH", list: null, reason: "核实无误" });
    const newest = served(await adapter.getCreditGrades([WRITTEN])).get(WRITTEN);
    expect(newest?.[0]).toMatchObject({ level: "HIGH", list: null });
  });

  it("refuses the same key with another grade as CONFLICT, writing nothing", async () => {
    const input = grade();
    await adapter.setCreditGrade(input);
    const before = await rows(`SELECT count(*)::int AS n FROM ${b}."CREDIT_GRADE_HIS" WHERE "CUST_ID" = ${OWN + 2}`);
    for (const other of [{ level: "MEDIUM" as const }, { reason: "另一个理由" }, { setBy: "someone-else" }, { customerId: GRADED }]) {
      expect((await rejection(adapter.setCreditGrade({ ...input, ...other }))).code).toBe("CONFLICT");
    }
    expect(await rows(`SELECT count(*)::int AS n FROM ${b}."CREDIT_GRADE_HIS" WHERE "CUST_ID" = ${OWN + 2}`)).toEqual(before);
  });

  it("refuses a customer billing does not know as BAD_USER_INPUT, writing nothing", async () => {
    const input = grade({ customerId: UNKNOWN });
    const error = await rejection(adapter.setCreditGrade(input));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(await rows(`SELECT 1 FROM ${b}."CREDIT_GRADE_HIS" WHERE "OUT_SERIAL_NBR" = $1`, [input.idempotencyKey])).toEqual([]);
  });

  it.each([
    ["a customer id in billing's spelling", { customerId: "9908-00000002" }],
    ["a bad idempotency key", { idempotencyKey: "short" }],
    ["an unknown level", { level: "SUPERB" as never }],
    ["an unknown list", { list: "WHITE" as never }],
    ["a list while lifting", { level: null, list: "RED" as const }],
    ["a blank reason", { reason: "   " }],
    ["a reason of 201 characters", { reason: "理".repeat(201) }],
    ["no one setting it", { setBy: " " }],
  ])("refuses %s before any round trip", async (_, overrides) => {
    await expectRefusedUpFront(() => adapter.setCreditGrade(grade(overrides)), counter, "billing");
  });
});
