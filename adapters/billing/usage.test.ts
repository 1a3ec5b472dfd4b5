import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { schemaNames } from "../../sandbox/schema/names.js";
import { RoundTripCounter } from "../kit/round-trips.js";
import { expectMalformedAt, expectRefusedUpFront, served, withRows } from "../kit/testing.js";
import { BillingSqlAdapter } from "./sql.adapter.js";
import { usageRequestKey, type UsageRecord, type UsageRecordRequest } from "./usage-port.js";

/** Usage and fees from billing: summaries, detail records (the CDR view) and fee composition, against the tables. */

const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;
/** Rows this file inserts: local network 9915, ids from 9,915,000,000; removed afterwards. */
const OWN = 9_915_000_000;
const OWN_MOBILE = "19991500001";
const OWN_FIXED = "19991500002";

const CLASS: Record<string, string> = { LC: "LOCAL", LD: "LONG_DISTANCE", IN: "INTERNATIONAL", DT: "DATA", VA: "VALUE_ADDED" };
const month = (cycle: string) => `${cycle.slice(0, 4)}-${cycle.slice(4, 6)}`;
type Raw = Record<string, unknown>;

let pool: pg.Pool;
let counter: RoundTripCounter;
let adapter: BillingSqlAdapter;
/** Services with usage, with one of their cycles. */
let sample: { serviceNo: string; servId: string; cycle: string }[];

async function rows(text: string, values: unknown[] = []): Promise<Raw[]> {
  return (await pool.query(text, values)).rows as Raw[];
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  counter = new RoundTripCounter();
  adapter = new BillingSqlAdapter({ connectionString: sandbox.databaseUrl, schema: schemaNames(sandbox.schemaPrefix).billing, counter });
  sample = (
    await rows(`SELECT DISTINCT ON (sv."ACC_NBR") sv."ACC_NBR", u."SERV_ID", u."BILLING_CYCLE_ID"
                FROM ${b}."SERV_USAGE_MONTH" u JOIN ${b}."SERV" sv ON sv."SERV_ID" = u."SERV_ID"
                WHERE sv."SERV_ID" < 9900000000 ORDER BY sv."ACC_NBR", md5(u."BILLING_CYCLE_ID" || sv."ACC_NBR") LIMIT 40`)
  ).map((r) => ({ serviceNo: r.ACC_NBR as string, servId: String(r.SERV_ID), cycle: r.BILLING_CYCLE_ID as string }));
});

afterAll(async () => {
  await adapter.close();
  await pool.end();
});

describe("the generated usage", () => {
  it("is what the bills charge: each service's usage items per cycle are the fees of its summary rows", async () => {
    const mismatches = await rows(`
      WITH items AS (
        SELECT i."SERV_ID", bl."BILLING_CYCLE_ID" AS cycle, i."ACCT_ITEM_TYPE_ID" AS type, sum(i."AMOUNT") AS amount
        FROM ${b}."ACCT_ITEM" i JOIN ${b}."BILL" bl ON bl."BILL_ID" = i."BILL_ID"
        WHERE i."ACCT_ITEM_TYPE_ID" IN ('LC', 'LD', 'DT', 'VA') GROUP BY 1, 2, 3),
      usage AS (
        SELECT "SERV_ID", "BILLING_CYCLE_ID" AS cycle, CASE "CALL_CLASS" WHEN 'IN' THEN 'LD' ELSE "CALL_CLASS" END AS type, sum("FEE") AS amount
        FROM ${b}."SERV_USAGE_MONTH" GROUP BY 1, 2, 3)
      SELECT * FROM items FULL JOIN usage USING ("SERV_ID", cycle, type)
      WHERE "SERV_ID" < 9900000000 AND coalesce(items.amount, 0) <> coalesce(usage.amount, 0)`);
    expect(mismatches).toEqual([]);
    const [count] = await rows(`SELECT count(*)::int AS n, count(DISTINCT "CALL_CLASS")::int AS classes FROM ${b}."SERV_USAGE_MONTH"`);
    expect(count?.n).toBeGreaterThan(1000);
    expect(count?.classes).toBe(5);
  });

  it("has detail records that add up exactly to their summary rows, made per service and cycle", async () => {
    const servIds = sample.map((s) => s.servId);
    const off = await rows(
      `SELECT u."SERV_ID", u."BILLING_CYCLE_ID", u."CALL_CLASS" FROM ${b}."SERV_USAGE_MONTH" u
       LEFT JOIN LATERAL (
         SELECT count(*) AS n, sum(c."FEE") AS fee, sum(c."DURATION") AS d, sum(c."VOLUME_KB") AS v,
                count(*) FILTER (WHERE c."DIRECTION" = 'O') AS o, count(*) FILTER (WHERE c."PEAK_FLAG" = '1') AS p,
                count(*) FILTER (WHERE c."START_TIME" NOT LIKE u."BILLING_CYCLE_ID" || '%') AS outside
         FROM ${b}."CDR" c WHERE c."SERV_ID" = u."SERV_ID" AND c."BILLING_CYCLE_ID" = u."BILLING_CYCLE_ID" AND c."CALL_CLASS" = u."CALL_CLASS") c ON true
       WHERE u."SERV_ID" = ANY($1::bigint[])
         AND (c.n <> u."RECORDS" OR c.fee <> u."FEE" OR c.d <> u."DURATION" OR c.v <> u."VOLUME_KB" OR c.o <> u."OUT_RECORDS"
              OR c.p <> u."PEAK_RECORDS" OR c.outside <> 0)`,
      [servIds],
    );
    expect(off).toEqual([]);
  });

  it("is read through the summary's key: the records of one service and cycle never scan the whole summary", async () => {
    const client = await pool.connect();
    try {
      await client.query("SET enable_seqscan = off");
      const { rows: plan } = await client.query(`EXPLAIN SELECT * FROM ${b}."CDR" WHERE "SERV_ID" = $1 AND "BILLING_CYCLE_ID" = $2`, [sample[0]?.servId, sample[0]?.cycle]);
      const text = plan.map((r: Raw) => r["QUERY PLAN"]).join("\n");
      expect(text).toMatch(/Index (Only )?Scan using "?SERV_USAGE_MONTH_pkey"?/);
      expect(text).not.toMatch(/Seq Scan on "?SERV_USAGE_MONTH"?/);
    } finally {
      await client.query("RESET enable_seqscan");
      client.release();
    }
  });
});

describe("BillingSqlAdapter usage", () => {
  it("reads each service's summaries as the table holds them, newest cycle first, in one round trip", async () => {
    const serviceNos = sample.map((s) => s.serviceNo);
    counter.reset();
    const found = served(await adapter.getUsageSummaries(serviceNos));
    expect(counter.get("billing")).toBe(1);
    for (const { serviceNo, servId } of sample.slice(0, 10)) {
      const direct = await rows(`SELECT * FROM ${b}."SERV_USAGE_MONTH" WHERE "SERV_ID" = $1 ORDER BY "BILLING_CYCLE_ID" DESC, "CALL_CLASS"`, [servId]);
      expect(found.get(serviceNo)).toEqual(
        direct.map((r) => ({
          serviceNo,
          month: month(r.BILLING_CYCLE_ID as string),
          callClass: CLASS[(r.CALL_CLASS as string).trim()],
          records: r.RECORDS,
          outgoing: r.OUT_RECORDS,
          incoming: (r.RECORDS as number) - (r.OUT_RECORDS as number),
          peak: r.PEAK_RECORDS,
          offPeak: (r.RECORDS as number) - (r.PEAK_RECORDS as number),
          seconds: Number(r.DURATION),
          volumeKb: Number(r.VOLUME_KB),
          feeFen: Number(r.FEE),
        })),
      );
    }
    counter.reset();
    await adapter.getUsageSummaries(serviceNos.slice(0, 1));
    expect(counter.get("billing")).toBe(1);
  });

  it("rolls each account's bill items up by cycle and type for its last 12 cycles, in one round trip", async () => {
    const accounts = (await rows(`SELECT "ACCT_NBR", "ACCT_ID" FROM ${b}."ACCT" WHERE "ACCT_ID" < 9900000000 ORDER BY md5("ACCT_NBR") LIMIT 30`)) as { ACCT_NBR: string; ACCT_ID: string }[];
    counter.reset();
    const found = served(await adapter.getFeeTrends(accounts.map((a) => a.ACCT_NBR)));
    expect(counter.get("billing")).toBe(1);
    for (const a of accounts.slice(0, 8)) {
      const direct = await rows(
        `SELECT bl."BILLING_CYCLE_ID" AS cycle, i."ACCT_ITEM_TYPE_ID" AS type, sum(i."AMOUNT")::bigint AS amount
         FROM ${b}."BILL" bl JOIN ${b}."ACCT_ITEM" i ON i."BILL_ID" = bl."BILL_ID"
         WHERE bl."ACCT_ID" = $1 AND bl."BILLING_CYCLE_ID" IN (SELECT DISTINCT "BILLING_CYCLE_ID" FROM ${b}."BILL" WHERE "ACCT_ID" = $1 ORDER BY 1 DESC LIMIT 12)
         GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
        [a.ACCT_ID],
      );
      const lines = found.get(a.ACCT_NBR) ?? [];
      expect(lines.map((l) => [l.month, l.amountFen])).toEqual(direct.map((r) => [month(r.cycle as string), Number(r.amount)]));
      expect(new Set(lines.map((l) => l.month)).size).toBeLessThanOrEqual(12);
    }
  });

  it("pages one service's records of one cycle newest first by cursor, the pages together being the CDR rows", async () => {
    const { serviceNo, servId, cycle } = sample[0] as (typeof sample)[number];
    const direct = await rows(
      `SELECT * FROM ${b}."CDR" WHERE "SERV_ID" = $1 AND "BILLING_CYCLE_ID" = $2 ORDER BY "START_TIME" DESC, "CALL_CLASS" DESC, "SEQ_NBR" DESC`,
      [servId, cycle],
    );
    const seen: UsageRecord[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const request: UsageRecordRequest = { serviceNo, month: month(cycle), first: 17, after };
      const page = served(await adapter.getUsageRecords([request])).get(usageRequestKey(request));
      expect(page).toBeDefined();
      seen.push(...(page?.records ?? []));
      expect(page?.records.length).toBeLessThanOrEqual(17);
      after = page?.nextCursor ?? null;
      if (after === null) break;
    }
    expect(after).toBeNull();
    expect(seen.length).toBe(direct.length);
    expect(seen.map((r) => [r.startedAt.replace(/\D/g, ""), r.otherParty, r.feeFen, r.seconds, r.volumeKb, r.direction === "OUTGOING" ? "O" : "I"])).toEqual(
      direct.map((r) => [r.START_TIME, r.OTHER_NBR, Number(r.FEE), Number(r.DURATION), Number(r.VOLUME_KB), r.DIRECTION]),
    );
  });

  it("serves many services' pages in one round trip, the same as one", async () => {
    const requests = sample.slice(0, 12).map((s) => ({ serviceNo: s.serviceNo, month: month(s.cycle), first: 5, after: null }));
    counter.reset();
    const pages = served(await adapter.getUsageRecords(requests));
    expect(counter.get("billing")).toBe(1);
    for (const r of requests) expect(pages.get(usageRequestKey(r))?.records.length).toBeGreaterThan(0);
    counter.reset();
    await adapter.getUsageRecords(requests.slice(0, 1));
    expect(counter.get("billing")).toBe(1);
    // A cycle with no usage is an empty page.
    const none = { serviceNo: sample[0]?.serviceNo as string, month: "1999-01", first: 5, after: null };
    expect(served(await adapter.getUsageRecords([none])).get(usageRequestKey(none))).toEqual({ records: [], nextCursor: null });
  });

  it("refuses bad requests before any round trip", async () => {
    const serviceNo = sample[0]?.serviceNo as string;
    await expectRefusedUpFront(() => adapter.getUsageRecords([{ serviceNo, month: "2026-13", first: 5, after: null }]), counter, "billing");
    await expectRefusedUpFront(() => adapter.getUsageRecords([{ serviceNo, month: "2026-10", first: 0, after: null }]), counter, "billing");
    await expectRefusedUpFront(() => adapter.getUsageRecords([{ serviceNo, month: "2026-10", first: 201, after: null }]), counter, "billing");
    await expectRefusedUpFront(() => adapter.getUsageRecords([{ serviceNo, month: "2026-10", first: 5, after: "bm90IGEgY3Vyc29y" }]), counter, "billing");
    await expectRefusedUpFront(() => adapter.getUsageRecords([{ serviceNo: "not-a-number", month: "2026-10", first: 5, after: null }]), counter, "billing");
    await expectRefusedUpFront(() => adapter.getUsageSummaries(["x"]), counter, "billing");
    await expectRefusedUpFront(() => adapter.getFeeTrends(["12"]), counter, "billing");
  });

  it("costs a service whose summary cannot be read only that service", async () => {
    const good = sample[0]?.serviceNo as string;
    await withRows(
      pool,
      `INSERT INTO ${b}."SERV" VALUES (${OWN + 1}, '${OWN_MOBILE}', ${OWN + 1}, 20, 'F0A', '0', '20230105'), (${OWN + 2}, '${OWN_FIXED}', ${OWN + 1}, 20, 'F0A', '0', '20230105');
       INSERT INTO ${b}."SERV_USAGE_MONTH" VALUES (${OWN + 1}, '202610', 'ZZ', 10, 5, 5, 600, 0, 100), (${OWN + 2}, '202610', 'LC', 10, 0, 5, 600, 0, 100);`,
      `DELETE FROM ${b}."SERV_USAGE_MONTH" WHERE "SERV_ID" BETWEEN ${OWN} AND ${OWN + 999_999};
       DELETE FROM ${b}."SERV" WHERE "SERV_ID" BETWEEN ${OWN} AND ${OWN + 999_999};`,
      async () => {
        const found = await adapter.getUsageSummaries([good, OWN_MOBILE]);
        expectMalformedAt(found, OWN_MOBILE, "billing", `SERV_USAGE_MONTH ${OWN + 1}/202610/ZZ`);
        const fixed = await adapter.getUsageSummaries([good, OWN_FIXED]);
        const error = expectMalformedAt(fixed, OWN_FIXED, "billing", `SERV_USAGE_MONTH ${OWN + 2}/202610/LC`);
        expect(error.message).toMatch(/no outgoing record/);
        // The detail records of the malformed row: its class code reaches the reader and is rejected for that request alone.
        const bad = { serviceNo: OWN_MOBILE, month: "2026-10", first: 5, after: null };
        const ok = { serviceNo: good, month: month(sample[0]?.cycle as string), first: 5, after: null };
        const pages = await adapter.getUsageRecords([bad, ok]);
        const cdr = pages.get(usageRequestKey(bad));
        expect(cdr).toMatchObject({ code: "MALFORMED_RECORD", source: "billing", record: expect.stringMatching(/^CDR 9915000001\/202610\/ZZ\/\d+$/) });
        expect(served(new Map([[ok, pages.get(usageRequestKey(ok))]])).size).toBe(1);
      },
    );
  });
});
