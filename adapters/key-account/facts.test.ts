import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, served, withRows } from "../kit/testing.js";
import type { KeyAccountFacts } from "./port.js";
import { KeyAccountSqlAdapter } from "./sql.adapter.js";

const sandbox = inject("sandbox");
const schemas = schemaNames(sandbox.schemaPrefix);
const k = `"${schemas.keyAccount}"`;

/**
 * Rows this file inserts use local network 9903 ("DK9903…", "JL9903…", customers "9903…"), which generated
 * data never uses and other test files keep clear of; all are removed afterwards.
 */
const OWN_KA = "DK9903000001";
const REVOKED_KA = "DK9903000002";
const OWN_CUSTOMER = "990300000001";
const REVOKED_CUSTOMER = "990300000002";
const UNKNOWN_CUSTOMER = "990399999999";
const OWN_MANAGER = "JL99030001";

/** The DDL's code tables, written out independently of the adapter's. */
const KHJB: Record<string, string> = { "1": "NATIONAL", "2": "PROVINCIAL", "3": "MUNICIPAL" };
const GXLX: Record<string, string> = { "1": "BUY_OUT", "2": "COOPERATIVE" };
const iso = (slashed: string) => slashed.replaceAll("/", "-");

const NONE = { isKeyAccount: false, level: null, relationship: null, activeContracts: 0, contractValueFen: 0, visitDates: [] };

const OWN_ROWS = `
  INSERT INTO ${k}."DKH_KHJL" VALUES ('${OWN_MANAGER}', '测试经理', '18900000000', '9903', '1');
  INSERT INTO ${k}."DKH_KHXX" VALUES
    ('${OWN_KA}', '测试集团', '2', '2', '1', '${OWN_MANAGER}', 'KH${OWN_CUSTOMER}', '2024/01/05', '1'),
    ('${REVOKED_KA}', '撤销集团', '2', '1', '2', '${OWN_MANAGER}', 'KH${REVOKED_CUSTOMER}', '2022/03/01', '0');
  INSERT INTO ${k}."DKH_HT" VALUES
    ('HT990300000000000001', '${OWN_KA}', '专线合同', '2025/06/01', '2027/05/31', 1200000, '1'),
    ('HT990300000000000002', '${OWN_KA}', '语音合同', '2026/01/01', '2026/12/31', 300000, '1'),
    ('HT990300000000000003', '${OWN_KA}', '旧合同', '2023/01/01', '2024/12/31', 900000, '2'),
    ('HT990300000000000004', '${OWN_KA}', '终止合同', '2025/01/01', '2026/12/31', 500000, '3'),
    ('HT990300000000000005', '${REVOKED_KA}', '遗留合同', '2025/01/01', '2027/12/31', 700000, '1');
  INSERT INTO ${k}."DKH_BFJL" VALUES
    (990300000001, '${OWN_KA}', '${OWN_MANAGER}', '2026/03/02', '1', '季度拜访', NULL),
    (990300000002, '${OWN_KA}', '${OWN_MANAGER}', '2026/10/15', '2', '电话回访', NULL),
    (990300000003, '${OWN_KA}', '${OWN_MANAGER}', '2025/12/20', '3', '年度会议', NULL),
    (990300000004, '${REVOKED_KA}', '${OWN_MANAGER}', '2023/05/05', '1', '上门拜访', NULL);`;

/** Removes every row of ours, the malformed ones a test planted included. */
const OWN_CLEANUP = `
  DELETE FROM ${k}."DKH_BFJL" WHERE "KHBH" LIKE 'DK9903%';
  DELETE FROM ${k}."DKH_HT" WHERE "KHBH" LIKE 'DK9903%';
  DELETE FROM ${k}."DKH_KHXX" WHERE "KHBH" LIKE 'DK9903%';
  DELETE FROM ${k}."DKH_KHJL" WHERE "JLBH" LIKE 'JL9903%';`;

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: KeyAccountSqlAdapter;
/** 100 generated customers, key accounts first, then ordinary ones that must come back as none. */
let customers: string[];

async function rows(text: string, values: unknown[] = []): Promise<Record<string, string>[]> {
  return (await pool.query(text, values)).rows;
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new KeyAccountSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemas.keyAccount, counter });
  customers = (
    await rows(`SELECT cust_no FROM "${schemas.hall}".tb_cust ORDER BY cust_type IN ('03', '04') DESC, md5(cust_no) LIMIT 100`)
  ).map((r) => r.cust_no as string);
  expect(customers).toHaveLength(100);
  await pool.query(OWN_CLEANUP + OWN_ROWS);
});

afterAll(async () => {
  await pool?.query(OWN_CLEANUP);
  await adapter?.close();
  await pool?.end();
});

/** The facts of `ids` read straight from the legacy store. */
async function directFacts(ids: string[]): Promise<Map<string, KeyAccountFacts>> {
  const facts = new Map<string, KeyAccountFacts>(ids.map((id) => [id, { ...NONE, visitDates: [] }]));
  const accounts = await rows(
    `SELECT x.*,
            (SELECT count(*) FROM ${k}."DKH_HT" h WHERE h."KHBH" = x."KHBH" AND h."ZT" = '1') AS active,
            (SELECT COALESCE(sum(h."HTJE"), 0) FROM ${k}."DKH_HT" h WHERE h."KHBH" = x."KHBH" AND h."ZT" = '1') AS value,
            ARRAY(SELECT v."BFRQ"::text FROM ${k}."DKH_BFJL" v WHERE v."KHBH" = x."KHBH" ORDER BY v."BFRQ" DESC, v."BFBH" DESC) AS visits
     FROM ${k}."DKH_KHXX" x WHERE x."YYKHH" = ANY($1)`,
    [ids.map((id) => "KH" + id)],
  );
  for (const row of accounts) {
    const recognised = row.ZT === "1";
    facts.set((row.YYKHH as string).slice(2), {
      isKeyAccount: recognised,
      level: recognised ? (KHJB[row.KHJB as string] as KeyAccountFacts["level"]) : null,
      relationship: recognised ? (GXLX[row.GXLX as string] as KeyAccountFacts["relationship"]) : null,
      activeContracts: Number(row.active),
      contractValueFen: Number(row.value),
      visitDates: (row.visits as unknown as string[]).map(iso),
    });
  }
  return facts;
}

describe("key-account facts", () => {
  it("reads the facts of 100 customers in one round trip, as the tables say", async () => {
    counter.reset();
    const found = served(await adapter.getKeyAccountFacts(customers));
    expect(counter.get("key-account")).toBe(1);
    expect(found.size).toBe(100);
    expect(found).toEqual(await directFacts(customers));

    // The sample must hold key accounts with contracts and visits, and customers that are none.
    const all = [...found.values()];
    expect(all.filter((f) => f.isKeyAccount).length).toBeGreaterThan(10);
    expect(all.filter((f) => !f.isKeyAccount).length).toBeGreaterThan(10);
    expect(all.some((f) => f.activeContracts > 0 && f.contractValueFen > 0)).toBe(true);
    expect(all.some((f) => f.visitDates.length > 1)).toBe(true);
    expect(new Set(all.map((f) => f.level))).toEqual(new Set(["NATIONAL", "PROVINCIAL", "MUNICIPAL", null]));
  });

  it("counts only active contracts, lists visits newest first and gives a revoked account no level", async () => {
    counter.reset();
    const found = served(await adapter.getKeyAccountFacts([OWN_CUSTOMER, REVOKED_CUSTOMER, UNKNOWN_CUSTOMER]));
    expect(counter.get("key-account")).toBe(1);
    expect(found).toEqual(
      new Map([
        [
          OWN_CUSTOMER,
          {
            isKeyAccount: true,
            level: "PROVINCIAL",
            relationship: "BUY_OUT",
            activeContracts: 2,
            contractValueFen: 1_500_000,
            visitDates: ["2026-10-15", "2026-03-02", "2025-12-20"],
          },
        ],
        [
          REVOKED_CUSTOMER,
          { isKeyAccount: false, level: null, relationship: null, activeContracts: 1, contractValueFen: 700_000, visitDates: ["2023-05-05"] },
        ],
        [UNKNOWN_CUSTOMER, NONE],
      ]),
    );
    expect(found).toEqual(await directFacts([OWN_CUSTOMER, REVOKED_CUSTOMER, UNKNOWN_CUSTOMER]));
  });

  it("as of a date, counts the contracts in force on it and a recognition made by then", async () => {
    const asOf = async (date: string) => served(await adapter.getKeyAccountFacts([OWN_CUSTOMER, REVOKED_CUSTOMER], { asOf: date }));
    // 2024-06-30: the old contract (expired now) was in force, the two signed since were not.
    const mid2024 = await asOf("2024-06-30");
    expect(mid2024.get(OWN_CUSTOMER)).toMatchObject({ isKeyAccount: true, level: "PROVINCIAL", activeContracts: 1, contractValueFen: 900000 });
    // 2026-12-31: both running contracts, not the terminated one, though its dates cover the day.
    expect((await asOf("2026-12-31")).get(OWN_CUSTOMER)).toMatchObject({ activeContracts: 2, contractValueFen: 1500000 });
    // 2023-12-31: before the recognition (2024-01-05): no key account yet.
    expect((await asOf("2023-12-31")).get(OWN_CUSTOMER)).toMatchObject({ isKeyAccount: false, level: null, relationship: null });
    // A revocation has no date: it counts at any date.
    expect(mid2024.get(REVOKED_CUSTOMER)).toMatchObject({ isKeyAccount: false, level: null });
  });

  it("refuses an as-of date that is no calendar date before any round trip", async () => {
    await expectRefusedUpFront(() => adapter.getKeyAccountFacts([OWN_CUSTOMER], { asOf: "2026-02-30" }), counter, "key-account");
  });

  it("gives a customer the system does not hold an entry saying it is no key account", async () => {
    const ids = [...customers.slice(0, 99), UNKNOWN_CUSTOMER];
    counter.reset();
    const found = served(await adapter.getKeyAccountFacts(ids));
    expect(counter.get("key-account")).toBe(1);
    expect(found.size).toBe(100);
    expect(found.get(UNKNOWN_CUSTOMER)).toEqual(NONE);
  });

  it("answers an empty batch without a round trip", async () => {
    counter.reset();
    expect(served(await adapter.getKeyAccountFacts([])).size).toBe(0);
    expect(counter.get("key-account")).toBe(0);
  });

  it.each([
    ["a customer id in the system's own KH spelling", ["KH320100000001"]],
    ["a customer id of the wrong length", [OWN_CUSTOMER, "3201000001"]],
    ["a key account id where a customer id is asked", [OWN_KA]],
  ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, ids) => {
    await expectRefusedUpFront(() => adapter.getKeyAccountFacts(ids), counter, "key-account");
  });
});

describe("key-account facts: a malformed legacy row costs its own customer's facts only", () => {
  it.each([
    [
      "an unknown level code",
      `UPDATE ${k}."DKH_KHXX" SET "KHJB" = '9' WHERE "KHBH" = '${OWN_KA}'`,
      `DKH_KHXX ${OWN_KA}`,
      /KHJB.*"9"/,
    ],
    [
      "a contract in an unknown state",
      `INSERT INTO ${k}."DKH_HT" VALUES ('HT990300000000000009', '${OWN_KA}', '坏合同', '2026/01/01', '2026/12/31', 100, '9')`,
      "DKH_HT HT990300000000000009",
      /ZT/,
    ],
    [
      "an impossible contract date",
      `INSERT INTO ${k}."DKH_HT" VALUES ('HT990300000000000009', '${OWN_KA}', '坏合同', '2026/13/40', '2027/01/01', 100, '2')`,
      "DKH_HT HT990300000000000009",
      /QSRQ/,
    ],
    [
      "an unknown visit method",
      `INSERT INTO ${k}."DKH_BFJL" VALUES (990300000009, '${OWN_KA}', '${OWN_MANAGER}', '2026/01/05', '7', '测试', NULL)`,
      "DKH_BFJL 990300000009",
      /BFFS/,
    ],
  ])("gives the customer of %s that record's error, and serves the others", async (_, change, record, detail) => {
    await withRows(pool, change, OWN_CLEANUP + OWN_ROWS, async () => {
      const found = await adapter.getKeyAccountFacts([customers[0] as string, OWN_CUSTOMER]);
      expect(expectMalformedAt(found, OWN_CUSTOMER, "key-account", record).message).toMatch(detail);
      expect(found.get(customers[0] as string)).toMatchObject({ isKeyAccount: expect.any(Boolean) });
    });
  });
});
