import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { syntheticRows } from "./fixtures.js";
import { SnapshotSqlStore, snapshotSchemaName } from "./sql.store.js";

/** A store written before the black-list status column, opened by this version. */
const sandbox = inject("sandbox");
const schema = snapshotSchemaName(`${sandbox.schemaPrefix}storemigrate_`);
const AS_OF = "2026-11-30";
let store: SnapshotSqlStore;
let pool: pg.Pool;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  store = new SnapshotSqlStore({ connectionString: sandbox.databaseUrl, schema });
  await store.dropSchema();
});
afterAll(async () => {
  await store.dropSchema();
  await store.close();
  await pool.end();
});

describe("SnapshotSqlStore: a store of an older version", () => {
  it("gains the black-list status column, and the rows it matters for are rewritten by the next run", async () => {
    await store.ensureSchema();
    const rows = syntheticRows(120, { seed: 5, asOf: AS_OF });
    const run = await store.startRun(AS_OF);
    await store.writeBatch(run.runId, rows, { lastCustomerId: rows.at(-1)!.customerId, read: rows.length, written: rows.length, unchanged: 0, failed: 0 });
    await store.finishRun(run.runId);
    // As the older version left it: no such column.
    await pool.query(`ALTER TABLE "${schema}".customer_judgement DROP COLUMN black_list_status`);

    await store.ensureSchema();
    await store.ensureSchema();
    const page = await store.page({ filter: {}, scope: { regionPrefix: null, customerIds: null }, order: { field: "CUSTOMER_ID", direction: "ASC" }, after: null, first: 1000 });
    expect(page.rows.every((r) => r.blackListStatus === null)).toBe(true);
    const digests = await store.digests(rows.map((r) => r.customerId), AS_OF);
    const black = rows.filter((r) => r.creditList === "BLACK");
    expect(black.length).toBeGreaterThan(0);
    for (const row of rows) {
      // A stale digest equals no facts' digest: the job compares, finds it changed and rewrites the row.
      if (row.creditList === "BLACK") expect(digests.get(row.customerId)).not.toBe(row.factsDigest);
      else expect(digests.get(row.customerId)).toBe(row.factsDigest);
    }
    expect(await store.count({ blackListStatus: "FORMER" }, { regionPrefix: null, customerIds: null })).toBe(0);

    const again = await store.startRun(AS_OF);
    await store.writeBatch(again.runId, black, { lastCustomerId: black.at(-1)!.customerId, read: black.length, written: black.length, unchanged: 0, failed: 0 });
    await store.finishRun(again.runId);
    await store.ensureSchema();
    expect(await store.digests(black.map((r) => r.customerId), AS_OF)).toEqual(new Map(black.map((r) => [r.customerId, r.factsDigest])));
    expect(await store.count({ blackListStatus: "FORMER" }, { regionPrefix: null, customerIds: null })).toBe(black.filter((r) => r.blackListStatus === "FORMER").length);
  });
});
