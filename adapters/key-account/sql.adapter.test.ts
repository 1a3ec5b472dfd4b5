import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { UNREACHABLE_DATABASE, expectMalformedAt, expectRefusedUpFront, expectUnreachable, rejection, served, withRows } from "../kit/testing.js";
import type { NewVisit } from "./port.js";
import { KeyAccountSqlAdapter } from "./sql.adapter.js";

const sandbox = inject("sandbox");
const schemas = schemaNames(sandbox.schemaPrefix);
const k = `"${schemas.keyAccount}"`;
const RUN = `${process.pid}-${Date.now()}`;

/**
 * Rows this file inserts use local network 9902 ("DK9902…", "JL9902…", customer "9902…"), which generated
 * data never uses, so they cannot clash with it nor with other test files; all are removed afterwards.
 */
const OWN_KA = "DK9902000001";
const OWN_MANAGER = "JL99020001";
const OWN_CUSTOMER = "990200000001";
const BAD_KA = "DK9902000002";
const UNKNOWN_KA = "DK9902999999";
const UNKNOWN_MANAGER = "JL99029999";

/** The DDL's code tables, written out independently of the adapter's. */
const KHJB: Record<string, string> = { "1": "NATIONAL", "2": "PROVINCIAL", "3": "MUNICIPAL" };
const HT_ZT: Record<string, string> = { "1": "ACTIVE", "2": "EXPIRED", "3": "TERMINATED" };
const BFFS: Record<string, string> = { "1": "ON_SITE", "2": "PHONE", "3": "MEETING" };
const iso = (slashed: string) => slashed.replaceAll("/", "-");

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: KeyAccountSqlAdapter;
let keyAccountIds: string[];
let managerIds: string[];

async function rows(text: string, values: unknown[] = []): Promise<Record<string, string>[]> {
  return (await pool.query(text, values)).rows;
}

/** `ids` padded to a batch of 100 with well-formed ids that no generated record has. */
function batchOf100(ids: string[], unknown: (n: number) => string): string[] {
  return [...ids, ...Array.from({ length: 100 - ids.length }, (_, n) => unknown(n))];
}

/** Removes what a malformed-row test planted, keeping the well-formed rows of beforeAll and recorded visits. */
const CLEANUP = `
  DELETE FROM ${k}."DKH_BFJL" WHERE "KHBH" LIKE 'DK9902%' AND "WBLSH" IS NULL;
  DELETE FROM ${k}."DKH_HT" WHERE "KHBH" LIKE 'DK9902%';
  DELETE FROM ${k}."DKH_KHXX" WHERE "KHBH" LIKE 'DK9902%' AND "KHBH" <> '${OWN_KA}';
  DELETE FROM ${k}."DKH_KHJL" WHERE "JLBH" LIKE 'JL9902%' AND "JLBH" <> '${OWN_MANAGER}';`;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new KeyAccountSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemas.keyAccount, counter, today: () => sandbox.asOf });
  await pool.query(`
    INSERT INTO ${k}."DKH_KHJL" VALUES ('${OWN_MANAGER}', '测试经理', '18900000000', '9902', '1');
    INSERT INTO ${k}."DKH_KHXX" VALUES ('${OWN_KA}', '测试集团', '2', '1', '2', '${OWN_MANAGER}', 'KH${OWN_CUSTOMER}', '2024/01/05', '1');`);
  keyAccountIds = (await rows(`SELECT "KHBH" FROM ${k}."DKH_KHXX" WHERE "KHBH" NOT LIKE 'DK99%' ORDER BY "KHBH" LIMIT 100`)).map((r) => r.KHBH as string);
  managerIds = (await rows(`SELECT "JLBH" FROM ${k}."DKH_KHJL" WHERE "JLBH" NOT LIKE 'JL99%' ORDER BY "JLBH" LIMIT 100`)).map((r) => r.JLBH as string);
  expect(keyAccountIds.length).toBeGreaterThan(10);
  expect(managerIds.length).toBeGreaterThan(10);
});

afterAll(async () => {
  await pool?.query(`
    DELETE FROM ${k}."DKH_BFJL" WHERE "KHBH" LIKE 'DK9902%' OR "WBLSH" LIKE 'ka-test-%';
    DELETE FROM ${k}."DKH_HT" WHERE "KHBH" LIKE 'DK9902%';
    DELETE FROM ${k}."DKH_KHXX" WHERE "KHBH" LIKE 'DK9902%';
    DELETE FROM ${k}."DKH_KHJL" WHERE "JLBH" LIKE 'JL9902%';`);
  await adapter?.close();
  await pool?.end();
});

function expectedKeyAccount(row: Record<string, string>) {
  return {
    id: row.KHBH,
    customerId: (row.YYKHH as string).slice(2),
    name: row.KHMC,
    type: row.KHLX === "1" ? "INDIVIDUAL" : "ENTERPRISE",
    level: KHJB[row.KHJB as string],
    relationship: row.GXLX === "1" ? "BUY_OUT" : "COOPERATIVE",
    managerId: row.KHJL,
    recognisedOn: iso(row.RWRQ as string),
    active: row.ZT === "1",
  };
}

describe("key-account SQL adapter: batched reads", () => {
  it("finds the key accounts among 100 customers in one round trip", async () => {
    // Key-account customers first, then ordinary ones that must simply be absent.
    const customers = (
      await rows(
        `SELECT c.cust_no FROM "${schemas.hall}".tb_cust c ORDER BY c.cust_type IN ('03', '04') DESC, c.cust_no LIMIT 100`,
      )
    ).map((r) => r.cust_no as string);
    counter.reset();
    const found = served(await adapter.getKeyAccountsByCustomer(customers));
    expect(counter.get("key-account")).toBe(1);
    const direct = await rows(`SELECT * FROM ${k}."DKH_KHXX" WHERE "YYKHH" = ANY($1)`, [customers.map((c) => "KH" + c)]);
    expect(direct.length).toBeGreaterThan(10);
    expect(direct.length).toBeLessThan(100);
    expect(found).toEqual(new Map(direct.map((row) => [(row.YYKHH as string).slice(2), expectedKeyAccount(row)])));
  });

  it("reads a batch of 100 key account ids in one round trip; unknown ones are absent", async () => {
    const ids = batchOf100(keyAccountIds, (n) => `DK9902${String(900_000 + n)}`);
    counter.reset();
    const found = served(await adapter.getKeyAccounts(ids));
    expect(counter.get("key-account")).toBe(1);
    const direct = await rows(`SELECT * FROM ${k}."DKH_KHXX" WHERE "KHBH" = ANY($1)`, [keyAccountIds]);
    expect(found).toEqual(new Map(direct.map((row) => [row.KHBH as string, expectedKeyAccount(row)])));
    const values = [...found.values()];
    expect(new Set(values.map((a) => a.type))).toEqual(new Set(["INDIVIDUAL", "ENTERPRISE"]));
  });

  it("reads a batch of 100 manager ids in one round trip", async () => {
    const ids = batchOf100(managerIds, (n) => `JL9902${String(9000 + n)}`);
    counter.reset();
    const found = served(await adapter.getManagers(ids));
    expect(counter.get("key-account")).toBe(1);
    const direct = await rows(`SELECT * FROM ${k}."DKH_KHJL" WHERE "JLBH" = ANY($1)`, [managerIds]);
    expect(found).toEqual(
      new Map(
        direct.map((row) => [
          row.JLBH as string,
          { id: row.JLBH, name: row.XM, phone: row.LXDH, regionCode: row.SSQY, active: row.ZT === "1" },
        ]),
      ),
    );
  });

  it("reads the portfolios of 100 managers in one round trip", async () => {
    const ids = batchOf100(managerIds, (n) => `JL9902${String(9000 + n)}`);
    counter.reset();
    const found = served(await adapter.getKeyAccountsByManager(ids));
    expect(counter.get("key-account")).toBe(1);
    const direct = await rows(`SELECT * FROM ${k}."DKH_KHXX" WHERE "KHJL" = ANY($1) ORDER BY "KHBH"`, [ids]);
    const expected = new Map<string, unknown[]>(ids.map((id) => [id, []]));
    for (const row of direct) expected.get(row.KHJL as string)?.push(expectedKeyAccount(row));
    expect(found).toEqual(expected);
    expect(found.get(`JL9902${9000}`)).toEqual([]);
  });

  it("reads contracts and visits of 100 key accounts in one round trip each", async () => {
    const ids = batchOf100(keyAccountIds, (n) => `DK9902${String(900_000 + n)}`);
    counter.reset();
    const contracts = served(await adapter.getContracts(ids));
    expect(counter.get("key-account")).toBe(1);
    const visits = served(await adapter.getVisits(ids));
    expect(counter.get("key-account")).toBe(2);

    const directContracts = await rows(`SELECT * FROM ${k}."DKH_HT" WHERE "KHBH" = ANY($1)`, [ids]);
    expect(directContracts.length).toBeGreaterThan(0);
    expect([...contracts.values()].flat()).toHaveLength(directContracts.length);
    for (const row of directContracts) {
      expect(contracts.get(row.KHBH as string)).toContainEqual({
        contractNo: row.HTBH,
        keyAccountId: row.KHBH,
        title: row.HTMC,
        signedOn: iso(row.QSRQ as string),
        expiresOn: iso(row.DQRQ as string),
        amountFen: Number(row.HTJE),
        status: HT_ZT[row.ZT as string],
      });
    }

    const directVisits = await rows(`SELECT * FROM ${k}."DKH_BFJL" WHERE "KHBH" = ANY($1)`, [ids]);
    expect(directVisits.length).toBeGreaterThan(0);
    expect([...visits.values()].flat()).toHaveLength(directVisits.length);
    for (const row of directVisits) {
      expect(visits.get(row.KHBH as string)).toContainEqual({
        visitId: String(row.BFBH),
        keyAccountId: row.KHBH,
        managerId: row.JLBH,
        date: iso(row.BFRQ as string),
        method: BFFS[row.BFFS as string],
        notes: row.BFNR,
      });
    }
    for (const list of visits.values()) {
      expect(list.map((v) => v.date)).toEqual([...list.map((v) => v.date)].sort().reverse());
    }
    expect(visits.get(UNKNOWN_KA)).toBeUndefined();
    expect(visits.get(`DK9902${900_000}`)).toEqual([]);
  });

  it("answers an empty batch without a round trip", async () => {
    counter.reset();
    expect(served(await adapter.getKeyAccounts([])).size).toBe(0);
    expect(served(await adapter.getVisits([])).size).toBe(0);
    expect(counter.get("key-account")).toBe(0);
  });
});

describe("key-account SQL adapter: bad input", () => {
  it.each([
    ["a customer id in the system's own KH spelling", () => adapter.getKeyAccountsByCustomer(["KH320100000001"])],
    ["a customer id of the wrong length", () => adapter.getKeyAccountsByCustomer(["3201000001"])],
    ["a key account id of the wrong shape", () => adapter.getKeyAccounts([OWN_KA, "DK123"])],
    ["a lower-case key account id", () => adapter.getContracts(["dk9902000001"])],
    ["a manager id of the wrong shape", () => adapter.getManagers(["JL1"])],
    ["a manager id where a portfolio is asked", () => adapter.getKeyAccountsByManager([OWN_KA])],
  ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, call) => {
    await expectRefusedUpFront(call, counter, "key-account");
  });
});

describe("key-account SQL adapter: malformed legacy rows cost their own id only", () => {
  it("gives a key account with an unknown level code its own error, and its manager's portfolio too", async () => {
    await withRows(
      pool,
      `INSERT INTO ${k}."DKH_KHXX" VALUES ('${BAD_KA}', '坏客户', '2', '9', '1', '${OWN_MANAGER}', 'KH990200000002', '2024/01/05', '1')`,
      CLEANUP,
      async () => {
        counter.reset();
        const found = await adapter.getKeyAccounts([OWN_KA, BAD_KA]);
        expect(counter.get("key-account")).toBe(1);
        expect(expectMalformedAt(found, BAD_KA, "key-account", `DKH_KHXX ${BAD_KA}`).message).toMatch(/KHJB.*"9"/);
        expect(found.get(OWN_KA)).toMatchObject({ id: OWN_KA, level: "NATIONAL" });
        const byCustomer = await adapter.getKeyAccountsByCustomer([OWN_CUSTOMER, "990200000002"]);
        expectMalformedAt(byCustomer, "990200000002", "key-account", `DKH_KHXX ${BAD_KA}`);
        const portfolios = await adapter.getKeyAccountsByManager([OWN_MANAGER, managerIds[0] as string]);
        expectMalformedAt(portfolios, OWN_MANAGER, "key-account", `DKH_KHXX ${BAD_KA}`);
      },
    );
  });

  it("reads a key account name padded with blanks as the name: padding is no error", async () => {
    await withRows(
      pool,
      `INSERT INTO ${k}."DKH_KHXX" VALUES ('${BAD_KA}', '测试集团   ', '2', '1', '1', '${OWN_MANAGER}', 'KH990200000002', '2024/01/05', '1')`,
      CLEANUP,
      async () => {
        expect(served(await adapter.getKeyAccounts([BAD_KA])).get(BAD_KA)?.name).toBe("测试集团");
      },
    );
  });

  it("gives the account of a contract with an impossible date that contract's error", async () => {
    await withRows(
      pool,
      `INSERT INTO ${k}."DKH_HT" VALUES ('HT990200000000000001', '${OWN_KA}', '测试合同', '2026/13/40', '2027/01/01', 100000, '1')`,
      CLEANUP,
      async () => {
        const found = await adapter.getContracts([OWN_KA, keyAccountIds[0] as string]);
        expect(expectMalformedAt(found, OWN_KA, "key-account", "DKH_HT HT990200000000000001").message).toMatch(/QSRQ/);
      },
    );
  });

  it("gives a visit on an impossible date by an unknown method, and a manager in an unknown state, their own id's error", async () => {
    await withRows(
      pool,
      `INSERT INTO ${k}."DKH_BFJL" VALUES (990200000001, '${OWN_KA}', '${OWN_MANAGER}', '2026/02/30', '7', '测试', NULL);
       INSERT INTO ${k}."DKH_KHJL" VALUES ('JL99020002', '坏经理', '18900000001', '9902', 'X');`,
      CLEANUP,
      async () => {
        const visits = await adapter.getVisits([OWN_KA, keyAccountIds[0] as string]);
        const error = expectMalformedAt(visits, OWN_KA, "key-account", "DKH_BFJL 990200000001");
        expect(error.message).toMatch(/BFRQ: "2026\/02\/30" is not/);
        expect(error.message).toMatch(/BFFS: unknown code "7"/);
        const managers = await adapter.getManagers(["JL99020002", OWN_MANAGER]);
        expectMalformedAt(managers, "JL99020002", "key-account", "DKH_KHJL JL99020002");
        expect(managers.get(OWN_MANAGER)).toMatchObject({ id: OWN_MANAGER, active: true });
      },
    );
  });
});

describe("key-account SQL adapter: recording a visit", () => {
  const visit = (key: string, change: Partial<NewVisit> = {}): NewVisit => ({
    keyAccountId: OWN_KA,
    managerId: OWN_MANAGER,
    date: "2026-11-10",
    method: "ON_SITE",
    notes: "年度业务回顾，客户关心专线扩容",
    idempotencyKey: `ka-test-${RUN}-${key}`,
    ...change,
  });
  const countByKey = async (key: string) =>
    Number((await rows(`SELECT count(*) AS n FROM ${k}."DKH_BFJL" WHERE "WBLSH" = $1`, [`ka-test-${RUN}-${key}`]))[0]?.n);

  it("records once and returns the first visit on a replay", async () => {
    const { record: first, replayed } = await adapter.recordVisit(visit("replay"));
    expect(replayed).toBe(false);
    expect(first).toMatchObject({ keyAccountId: OWN_KA, managerId: OWN_MANAGER, date: "2026-11-10", method: "ON_SITE" });
    expect(await adapter.recordVisit(visit("replay"))).toEqual({ record: first, replayed: true });
    expect(await countByKey("replay")).toBe(1);
    const stored = await rows(`SELECT * FROM ${k}."DKH_BFJL" WHERE "WBLSH" = $1`, [`ka-test-${RUN}-replay`]);
    expect(stored[0]).toMatchObject({ BFBH: first.visitId, BFRQ: "2026/11/10", BFFS: "1" });
    const max = await rows(`SELECT max("BFBH") AS m FROM ${k}."DKH_BFJL" WHERE "KHBH" NOT LIKE 'DK99%'`);
    expect(BigInt(first.visitId)).toBeGreaterThan(BigInt(max[0]?.m as string));
    expect(served(await adapter.getVisits([OWN_KA])).get(OWN_KA)).toContainEqual(first);
  });

  it("keeps one visit when replays race", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => adapter.recordVisit(visit("race", { method: "PHONE" }))));
    expect(new Set(results.map((r) => r.record.visitId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await countByKey("race")).toBe(1);
  });

  it("refuses a key reused for a different visit", async () => {
    await adapter.recordVisit(visit("conflict"));
    const error = await rejection(adapter.recordVisit(visit("conflict", { notes: "另一次拜访" })));
    expect(error.code).toBe("CONFLICT");
    expect(await countByKey("conflict")).toBe(1);
  });

  it("refuses an unknown key account or manager", async () => {
    const account = await rejection(adapter.recordVisit(visit("unknown-ka", { keyAccountId: UNKNOWN_KA })));
    expect(account.code).toBe("BAD_USER_INPUT");
    expect(account.message).toMatch(UNKNOWN_KA);
    const manager = await rejection(adapter.recordVisit(visit("unknown-manager", { managerId: UNKNOWN_MANAGER })));
    expect(manager.code).toBe("BAD_USER_INPUT");
    expect(manager.message).toMatch(UNKNOWN_MANAGER);
    expect(await countByKey("unknown-ka")).toBe(0);
    expect(await countByKey("unknown-manager")).toBe(0);
  });

  it.each([
    ["an impossible date", { date: "2026-02-30" }],
    ["a date after today", { date: "2026-11-16" }],
    ["a date in another spelling", { date: "2026/11/10" }],
    ["an unknown method", { method: "EMAIL" }],
    ["notes longer than 400 characters", { notes: "访".repeat(401) }],
    ["a malformed key account id", { keyAccountId: "DK1" }],
    ["a malformed idempotency key", { idempotencyKey: "no spaces allowed" }],
  ])("rejects %s with BAD_USER_INPUT before any round trip", async (_, change) => {
    await expectRefusedUpFront(() => adapter.recordVisit(visit("bad", change as Partial<NewVisit>)), counter, "key-account");
  });
});

describe("key-account SQL adapter: source down", () => {
  it("reports SOURCE_UNAVAILABLE when the database cannot be reached", async () => {
    const down = new KeyAccountSqlAdapter({ connectionString: UNREACHABLE_DATABASE, schema: "dkh", counter: new RoundTripCounter(), timeoutMs: 2_000 });
    await expectUnreachable(down, (a) => a.getKeyAccounts([OWN_KA]), "key-account");
  });
});
