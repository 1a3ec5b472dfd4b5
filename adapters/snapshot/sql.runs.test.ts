import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { syntheticRows } from "./fixtures.js";
import type { SnapshotRow } from "./port.js";
import { SnapshotSqlStore, snapshotSchemaName } from "./sql.store.js";

/** The writer's runs and the month rows behind history, on the test database. */
const sandbox = inject("sandbox");
let store: SnapshotSqlStore;

beforeAll(async () => {
  store = new SnapshotSqlStore({ connectionString: sandbox.databaseUrl, schema: snapshotSchemaName(`${sandbox.schemaPrefix}storeruns_`) });
  await store.dropSchema();
  await store.ensureSchema();
});
afterAll(async () => {
  await store.dropSchema();
  await store.close();
});

const progress = (rows: readonly SnapshotRow[], read: number) => ({ lastCustomerId: rows.at(-1)!.customerId, read, written: rows.length, unchanged: 0, failed: 0 });

/** One finished run of `kind` writing `rows`. */
async function run(rows: SnapshotRow[], kind: "LATEST" | "MONTH" = "LATEST"): Promise<void> {
  const started = await store.startRun(rows[0]!.asOf, kind);
  await store.writeBatch(started.runId, rows, progress(rows, rows.length));
  await store.finishRun(started.runId);
}

describe("SnapshotSqlStore: runs", () => {
  it("keeps a killed run's position for the next one, until it is finished or given up", async () => {
    const asOf = "2026-10-31";
    expect(await store.unfinishedRun(asOf)).toBeNull();
    const started = await store.startRun(asOf);
    const rows = syntheticRows(30, { seed: 1, asOf });
    await store.writeBatch(started.runId, rows.slice(0, 10), { ...progress(rows.slice(0, 10), 12), failed: 2, unchanged: 1 });
    expect(await store.unfinishedRun(asOf)).toMatchObject({ runId: started.runId, lastCustomerId: rows[9]!.customerId, read: 12, written: 10, unchanged: 1, failed: 2, finishedAt: null });
    expect(await store.unfinishedRun(asOf, "MONTH")).toBeNull();
    expect(await store.unfinishedRun("2026-10-30")).toBeNull();

    await store.abandonRun(started.runId);
    expect(await store.unfinishedRun(asOf)).toBeNull();
    await expect(store.writeBatch(started.runId, rows.slice(10), progress(rows, 30))).rejects.toThrow(/not open/);
    expect((await store.digests(rows.map((r) => r.customerId), asOf)).size).toBe(10);

    const second = await store.startRun(asOf);
    await store.writeBatch(second.runId, rows.slice(10), progress(rows, 30));
    await store.finishRun(second.runId);
    expect(await store.finishedRun(asOf)).toMatchObject({ runId: second.runId, read: 30 });
    await expect(store.writeBatch(second.runId, rows, progress(rows, 30))).rejects.toThrow(/not open/);
  });

  it("gives the stored digests of rows computed as of the date asked, for the incremental skip", async () => {
    const rows = syntheticRows(5, { seed: 2, asOf: "2026-09-30", firstSequence: 500 });
    await run(rows);
    const ids = rows.map((r) => r.customerId);
    expect(await store.digests(ids, "2026-09-30")).toEqual(new Map(rows.map((r) => [r.customerId, r.factsDigest])));
    expect((await store.digests(ids, "2026-09-29")).size).toBe(0);
    expect((await store.digests([], "2026-09-30")).size).toBe(0);
  });
});

describe("SnapshotSqlStore: history", () => {
  const ids = ["320100007001", "320100007002"];
  const at = (asOf: string, seed: number, kind: "LATEST" | "MONTH" = "MONTH") =>
    run(
      syntheticRows(2, { seed, asOf, firstSequence: 7001 }).map((r, i) => ({ ...r, customerId: ids[i]!, regionCode: "3201" })),
      kind,
    );

  beforeAll(async () => {
    // Fourteen month ends, then a mid-month run of the newest month that a back-fill of the same month must not undo.
    for (let m = 0; m < 14; m++) {
      const end = new Date(Date.UTC(2025, 10 + m, 0)).toISOString().slice(0, 10);
      await at(end, m);
    }
    await at("2026-12-15", 100, "LATEST");
    await at("2026-12-05", 101);
  });

  it("gives each customer's last months, newest first, one row a month, in one statement", async () => {
    const before = store.queries;
    const history = await store.history([...ids, "440199999999"], 12);
    expect(store.queries - before).toBe(1);
    const months = history.get(ids[0]!)!.map((m) => m.month);
    expect(months).toEqual(["2026-12", "2026-11", "2026-10", "2026-09", "2026-08", "2026-07", "2026-06", "2026-05", "2026-04", "2026-03", "2026-02", "2026-01"]);
    expect(history.get("440199999999")).toEqual([]);
    expect(history.get(ids[1]!)).toHaveLength(12);
  });

  it("keeps in a month the judgements of its newest as-of date", async () => {
    const [newest] = (await store.history([ids[0]!], 1)).get(ids[0]!)!;
    const want = syntheticRows(1, { seed: 100, asOf: "2026-12-15" })[0]!;
    expect(newest).toEqual({
      month: "2026-12",
      asOf: "2026-12-15",
      creditScore: want.creditScore,
      creditLevel: want.creditLevel,
      creditList: want.creditList,
      valueTier: want.valueTier,
      arpuFen: want.arpuFen,
      revenue12mFen: want.revenue12mFen,
      loyaltyScore: want.loyaltyScore,
      loyaltyLevel: want.loyaltyLevel,
      satisfactionScore: want.satisfactionScore,
      satisfactionLevel: want.satisfactionLevel,
    });
  });

  it("counts satisfaction and loyalty levels by month and group, in one statement", async () => {
    const monthRows = (seed: number, asOf: string) => syntheticRows(2, { seed, asOf, firstSequence: 7001 });
    const counts = (rows: SnapshotRow[], level: "satisfactionLevel" | "loyaltyLevel", score: "satisfactionScore" | "loyaltyScore") => {
      const judged = rows.filter((r) => r[level] !== null);
      const levels = Object.fromEntries(["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"].map((l) => [l, rows.filter((r) => r[level] === l).length]));
      const average = judged.length === 0 ? null : Math.round((judged.reduce((sum, r) => sum + (r[score] ?? 0), 0) / judged.length) * 100) / 100;
      return { levels, judged: judged.length, averageScore: average };
    };
    const month = (label: string, rows: SnapshotRow[]) => ({
      month: label,
      key: [],
      customers: rows.length,
      satisfaction: counts(rows, "satisfactionLevel", "satisfactionScore"),
      loyalty: counts(rows, "loyaltyLevel", "loyaltyScore"),
    });
    const before = store.queries;
    const history = await store.levelHistory([], {}, { regionPrefix: "32", customerIds: ids }, 3);
    expect(store.queries - before).toBe(1);
    expect(history).toEqual([month("2026-10", monthRows(12, "2026-10-31")), month("2026-11", monthRows(13, "2026-11-30")), month("2026-12", monthRows(100, "2026-12-15"))]);

    // Groups and filters read the latest rows, whatever each month held.
    const latest = monthRows(100, "2026-12-15");
    const byKind = await store.levelHistory(["KIND"], {}, { regionPrefix: null, customerIds: ids }, 1);
    expect(byKind.map((g) => [g.month, g.key, g.customers])).toEqual(
      [...new Set(latest.map((r) => r.kind))].sort().map((kind) => ["2026-12", [kind], latest.filter((r) => r.kind === kind).length]),
    );
    expect(await store.levelHistory(["KIND"], { kind: latest[0]!.kind }, { regionPrefix: "44", customerIds: null }, 12)).toEqual([]);
    await expect(store.levelHistory([], {}, { regionPrefix: null, customerIds: null }, 0)).rejects.toThrow(/months/);
  });

  it("writes the latest rows only from LATEST runs; MONTH runs fill history alone", async () => {
    expect(await store.digests(ids, "2026-12-15")).toEqual(new Map(ids.map((id, i) => [id, `digest-100-${i}`])));
    expect((await store.digests(ids, "2026-11-30")).size).toBe(0);
    expect(await store.finishedRun("2026-11-30", "MONTH")).not.toBeNull();
    expect(await store.finishedRun("2026-11-30", "LATEST")).toBeNull();
    expect((await store.latest())?.asOf).toBe("2026-12-15");
  });

  it("refuses a window it does not keep, and asks nothing for no months", async () => {
    await expect(store.history(ids, 121)).rejects.toThrow(/months/);
    const before = store.queries;
    expect((await store.history(ids, 0)).get(ids[0]!)).toEqual([]);
    expect(store.queries).toBe(before);
  });
});
