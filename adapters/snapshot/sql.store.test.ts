import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seeded, syntheticRows } from "./fixtures.js";
import { SEGMENT_DIMENSIONS, SNAPSHOT_ORDER_FIELDS, positionOf, type SnapshotFilter, type SnapshotOrder, type SnapshotPosition, type SnapshotRow, type SnapshotScope } from "./port.js";
import { SnapshotSqlStore, snapshotSchemaName } from "./sql.store.js";

/** The reader over made-up rows, on the test database (PGlite unless DATABASE_URL is set). */
const sandbox = inject("sandbox");
const AS_OF = "2026-11-30";
const ALL: SnapshotScope = { regionPrefix: null, customerIds: null };
let store: SnapshotSqlStore;
let rows: SnapshotRow[];
let runId: number;

beforeAll(async () => {
  store = new SnapshotSqlStore({ connectionString: sandbox.databaseUrl, schema: snapshotSchemaName(`${sandbox.schemaPrefix}storeread_`) });
  await store.dropSchema();
  await store.ensureSchema();
  await store.ensureSchema();
  rows = syntheticRows(400, { seed: 11, asOf: AS_OF });
  const run = await store.startRun(AS_OF);
  runId = run.runId;
  for (let i = 0; i < rows.length; i += 150) {
    const batch = rows.slice(i, i + 150);
    await store.writeBatch(runId, batch, { lastCustomerId: batch.at(-1)!.customerId, read: i + batch.length, written: i + batch.length, unchanged: 0, failed: 0 });
  }
  await store.finishRun(runId);
});
afterAll(async () => {
  await store.dropSchema();
  await store.close();
});

const byId = (a: SnapshotRow, b: SnapshotRow) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);

/** What the store must give for a filter and scope, worked out here from the rows themselves. */
function expected(all: readonly SnapshotRow[], filter: SnapshotFilter, scope: SnapshotScope): SnapshotRow[] {
  return all.filter((r) => {
    // A caller's region is the local network a customer's number starts with (subgraphs/kit/scope.ts).
    if (scope.regionPrefix !== null && !r.customerId.startsWith(scope.regionPrefix)) return false;
    if (scope.customerIds !== null && !scope.customerIds.includes(r.customerId)) return false;
    if (filter.regionCode !== undefined && !r.regionCode.startsWith(filter.regionCode)) return false;
    if (filter.productCode !== undefined && !r.productCodes.includes(filter.productCode)) return false;
    if (filter.abnormalFlag !== undefined && !r.abnormalFlags.includes(filter.abnormalFlag)) return false;
    const equal = Object.entries(filter).filter(([k]) => !["regionCode", "productCode", "abnormalFlag"].includes(k));
    return equal.every(([k, v]) => r[k as keyof SnapshotRow] === v);
  });
}

const VALUE: Record<SnapshotOrder["field"], (r: SnapshotRow) => number | null> = {
  CUSTOMER_ID: () => 0,
  CREDIT_SCORE: (r) => r.creditScore,
  REVENUE_12M: (r) => r.revenue12mFen,
  ARREARS: (r) => r.arrearsFen,
  ARPU: (r) => r.arpuFen,
};

/** The documented order: by value in the asked direction, rows without one last, ties by id in the same direction. */
function sorted(all: readonly SnapshotRow[], order: SnapshotOrder): SnapshotRow[] {
  const sign = order.direction === "ASC" ? 1 : -1;
  return [...all].sort((a, b) => {
    const va = VALUE[order.field](a);
    const vb = VALUE[order.field](b);
    if (va === null || vb === null) return va === vb ? sign * byId(a, b) : va === null ? 1 : -1;
    return sign * (va - vb) || sign * byId(a, b);
  });
}

async function walk(filter: SnapshotFilter, scope: SnapshotScope, order: SnapshotOrder, first: number, between?: () => Promise<void>): Promise<SnapshotRow[]> {
  const seen: SnapshotRow[] = [];
  let after: SnapshotPosition | null = null;
  for (;;) {
    const page = await store.page({ filter, scope, order, after, first });
    seen.push(...page.rows);
    if (!page.hasNextPage) return seen;
    expect(page.rows).toHaveLength(first);
    after = positionOf(order, page.rows.at(-1)!);
    await between?.();
  }
}

describe("SnapshotSqlStore: reading", () => {
  it("filters on every criterion, counted and paged alike, each in one statement", async () => {
    const filters: SnapshotFilter[] = [
      { regionCode: "32" },
      { regionCode: "3302" },
      { kind: "BUSINESS" },
      { industryCode: "F51" },
      { education: "UNDERGRADUATE" },
      { productCode: "BROADBAND" },
      { valueTier: "HIGH" },
      { creditList: "BLACK" },
      { blackListStatus: "FORMER" },
      { blackListStatus: "IN_SERVICE", regionCode: "32" },
      { creditLevel: "MEDIUM" },
      { loyaltyLevel: "VERY_HIGH" },
      { satisfactionLevel: "LOW" },
      { relationshipStatus: "FORMER" },
      { relationshipStatus: "SHARED_WITH_COMPETITOR" },
      { arrearsBucket: "DAYS_OVER_90" },
      { dunningStage: "REMINDER" },
      { potentialKeyAccount: true },
      { potentialKeyAccount: false },
      { churnRiskLevel: "HIGH" },
      { abnormalFlag: "SUDDEN_CHANGE" },
      { regionCode: "32", kind: "RESIDENTIAL", creditList: "RED", productCode: "MOBILE" },
    ];
    for (const filter of filters) {
      const want = expected(rows, filter, ALL).sort(byId);
      expect(want.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const before = store.queries;
      expect(await store.count(filter, ALL), JSON.stringify(filter)).toBe(want.length);
      expect(store.queries - before).toBe(1);
      const page = await store.page({ filter, scope: ALL, order: { field: "CUSTOMER_ID", direction: "ASC" }, after: null, first: 1000 });
      expect(store.queries - before).toBe(2);
      expect(page.rows).toEqual(want);
      expect(page.hasNextPage).toBe(false);
    }
  });

  it("keeps to a scope: a region prefix, an id list, or both", async () => {
    const random = seeded(3);
    const ids = rows.filter(() => random() < 0.2).map((r) => r.customerId);
    const scopes: SnapshotScope[] = [
      { regionPrefix: "32", customerIds: null },
      { regionPrefix: "3301", customerIds: null },
      { regionPrefix: "", customerIds: null },
      { regionPrefix: null, customerIds: ids },
      { regionPrefix: "33", customerIds: ids },
      { regionPrefix: null, customerIds: [] },
    ];
    for (const scope of scopes) {
      const want = expected(rows, {}, scope).sort(byId);
      expect(await store.count({}, scope)).toBe(want.length);
      expect((await walk({}, scope, { field: "CUSTOMER_ID", direction: "ASC" }, 50)).map((r) => r.customerId)).toEqual(want.map((r) => r.customerId));
    }
  });

  it("pages every order in both directions: the documented order, each row once, the count", async () => {
    const filter: SnapshotFilter = { regionCode: "32" };
    const want = expected(rows, filter, ALL);
    for (const field of SNAPSHOT_ORDER_FIELDS) {
      for (const direction of ["ASC", "DESC"] as const) {
        const order = { field, direction };
        const got = await walk(filter, ALL, order, 17);
        expect(got.map((r) => r.customerId), `${field} ${direction}`).toEqual(sorted(want, order).map((r) => r.customerId));
        expect(await store.count(filter, ALL)).toBe(got.length);
      }
    }
  });

  it("stays stable under inserts between pages: nothing repeated, nothing that was there skipped", async () => {
    let sequence = 90_000_000;
    for (const field of SNAPSHOT_ORDER_FIELDS) {
      for (const direction of ["ASC", "DESC"] as const) {
        const scope: SnapshotScope = { regionPrefix: "33", customerIds: null };
        const before = expected(rows, {}, scope);
        const order = { field, direction };
        const insert = async () => {
          const fresh = syntheticRows(5, { seed: sequence, asOf: AS_OF, firstSequence: sequence });
          sequence += 5;
          const run = await store.startRun(AS_OF);
          await store.writeBatch(run.runId, fresh, { lastCustomerId: fresh.at(-1)!.customerId, read: 5, written: 5, unchanged: 0, failed: 0 });
          await store.finishRun(run.runId);
        };
        const got = (await walk({}, scope, order, 23, insert)).map((r) => r.customerId);
        expect(new Set(got).size, `${field} ${direction}`).toBe(got.length);
        expect(got).toEqual(expect.arrayContaining(before.map((r) => r.customerId)));
      }
    }
  });

  it("segments by every dimension: counts add up to the count, sums to the rows' sums, keys in order", async () => {
    const filter: SnapshotFilter = { kind: "BUSINESS" };
    const scope: SnapshotScope = { regionPrefix: "32", customerIds: null };
    const want = expected((await walk(filter, scope, { field: "CUSTOMER_ID", direction: "ASC" }, 1000)), {}, ALL);
    const total = await store.count(filter, scope);
    for (const groupBy of [[], ...SEGMENT_DIMENSIONS.map((d) => [d]), ["PROVINCE", "CREDIT_LIST", "VALUE_TIER"] as const]) {
      const before = store.queries;
      const segments = await store.segments(groupBy, filter, scope);
      expect(store.queries - before).toBe(1);
      expect(segments.reduce((s, g) => s + g.count, 0), groupBy.join()).toBe(total);
      expect(segments.reduce((s, g) => s + g.revenue12mFen, 0)).toBe(want.reduce((s, r) => s + (r.revenue12mFen ?? 0), 0));
      expect(segments.reduce((s, g) => s + g.arrearsFen, 0)).toBe(want.reduce((s, r) => s + (r.arrearsFen ?? 0), 0));
      for (const segment of segments) expect(segment.key).toHaveLength(groupBy.length);
      const keys = segments.map((g) => JSON.stringify(g.key));
      expect(new Set(keys).size).toBe(keys.length);
    }
    const byList = await store.segments(["CREDIT_LIST"], filter, scope);
    expect(byList.map((g) => g.key[0])).toEqual(["BLACK", "GREY", "RED", null].filter((k) => want.some((r) => r.creditList === k)));
    for (const g of byList) expect(g.count).toBe(want.filter((r) => r.creditList === g.key[0]).length);
  });

  it("says which finished run the rows come from", async () => {
    const latest = await store.latest();
    expect(latest?.asOf).toBe(AS_OF);
    expect(Date.parse(latest!.computedAt)).toBeGreaterThan(0);
  });

  it("refuses what cannot be a page or a region, before sending anything", async () => {
    const order: SnapshotOrder = { field: "CREDIT_SCORE", direction: "ASC" };
    await expect(store.page({ filter: {}, scope: ALL, order, after: null, first: 1001 })).rejects.toThrow(/first/);
    await expect(store.count({ regionCode: "32'; DROP TABLE x; --" }, ALL)).rejects.toThrow(/region/);
    await expect(store.page({ filter: {}, scope: ALL, order, after: { value: "high", customerId: "320100000001" }, first: 5 })).rejects.toThrow(/number or null/);
  });

  it("fails loudly, naming the customer, on a row it cannot read", async () => {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: sandbox.databaseUrl });
    await client.connect();
    try {
      await client.query(`UPDATE "${store.schema}".customer_judgement SET credit_list = 'PINK' WHERE customer_id = $1`, [rows[0]!.customerId]);
      await expect(store.page({ filter: {}, scope: { regionPrefix: null, customerIds: [rows[0]!.customerId] }, order: { field: "CUSTOMER_ID", direction: "ASC" }, after: null, first: 5 })).rejects.toThrow(
        new RegExp(`customer ${rows[0]!.customerId}.*credit_list`),
      );
    } finally {
      await client.query(`UPDATE "${store.schema}".customer_judgement SET credit_list = $2 WHERE customer_id = $1`, [rows[0]!.customerId, rows[0]!.creditList]);
      await client.end();
    }
  });
});
