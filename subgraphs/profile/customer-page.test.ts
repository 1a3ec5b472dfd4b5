import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import type { BusinessHallPort, Customer, CustomerFilter, CustomerPageRequest } from "../../adapters/business-hall/port.js";
import { syntheticRows } from "../../adapters/snapshot/fixtures.js";
import type { SnapshotFilter, SnapshotOrder, SnapshotRow } from "../../adapters/snapshot/port.js";
import type { Caller } from "../../schema/caller.js";
import { MemorySnapshot } from "../../tests/support/memory-snapshot.js";
import { scopeFor } from "../kit/scope.js";
import { profileContext } from "./context.js";
import { listCustomers, withinRegion, type CustomerListing } from "./customer-page.js";

const ROWS = syntheticRows(240, { seed: 5, asOf: "2026-11-15" });
const BY_ID: SnapshotOrder = { field: "CUSTOMER_ID", direction: "ASC" };

/** The hall as the list needs it, over the same customers as the snapshot rows, counting its calls. */
function fakeHall(rows: readonly SnapshotRow[]) {
  const customers = new Map(rows.map((r) => [r.customerId, customerOf(r)]));
  const calls = { getCustomers: 0, listCustomers: 0, countCustomers: 0 };
  const matching = (filter: CustomerFilter = {}) =>
    [...customers.values()]
      .filter((c) => (filter.regionCode === undefined || c.region.code.startsWith(filter.regionCode)) && (filter.kind === undefined || c.kind === filter.kind))
      .filter((c) => (filter.industryCode === undefined || c.industry?.code === filter.industryCode) && (filter.education === undefined || c.education === filter.education))
      .sort((a, b) => a.id.localeCompare(b.id));
  const hall = {
    async getCustomers(ids: readonly string[]) {
      calls.getCustomers += 1;
      return new Map(ids.filter((id) => customers.has(id)).map((id) => [id, customers.get(id) as Customer]));
    },
    async listCustomers({ after, first, filter }: CustomerPageRequest) {
      calls.listCustomers += 1;
      const rest = matching(filter).filter((c) => after === null || c.id > after);
      return { customers: new Map(rest.slice(0, first).map((c) => [c.id, c])), hasNextPage: rest.length > first };
    },
    async countCustomers(filter?: CustomerFilter) {
      calls.countCustomers += 1;
      return matching(filter).length;
    },
  };
  return { hall: hall as unknown as BusinessHallPort, calls };
}

function customerOf(r: SnapshotRow): Customer {
  return {
    id: r.customerId,
    name: `客户${r.customerId}`,
    kind: r.kind,
    gender: null,
    birthYear: null,
    region: { code: r.regionCode, name: "某地" },
    address: "江苏省南京市玄武区某路1号",
    phone: "13912341234",
    idDocument: { kind: "ID_CARD", number: "320102198001010011" },
    occupation: null,
    industry: r.industryCode ? { code: r.industryCode, name: "某业" } : null,
    education: r.education,
    category: "ORDINARY",
    createdAt: "2020-01-01T10:00:00+08:00",
  };
}

const caller = (overrides: Partial<Caller>): Caller => ({ subject: "t", roles: ["hq-analyst"], region: "HQ", managerId: null, pii: false, ...overrides });

function setup(who: Partial<Caller> = {}, portfolio: string[] = []) {
  const { hall, calls } = fakeHall(ROWS);
  const snapshot = new MemorySnapshot(ROWS);
  const ctx = profileContext(hall, scopeFor(caller(who), async () => portfolio), snapshot);
  return { ctx, calls, snapshot };
}

/** Every page of a listing, following the end position as the cursor does. */
async function all(ctx: ReturnType<typeof setup>["ctx"], filter: SnapshotFilter, order = BY_ID, first = 50): Promise<{ ids: string[]; pages: CustomerListing[] }> {
  const pages: CustomerListing[] = [];
  let after = null;
  do {
    const page: CustomerListing = await listCustomers(ctx, { filter, order, after, first });
    pages.push(page);
    after = page.hasNextPage ? page.end : null;
  } while (after !== null);
  return { ids: pages.flatMap((p) => p.entries.map((e) => e.position.customerId)), pages };
}

const ids = (rows: readonly SnapshotRow[]) => rows.map((r) => r.customerId).sort();

async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error("expected an error");
}

describe("customer lists: which source serves the page", () => {
  it("asks the hall live for hall criteria in customer-number order, and counts only when asked", async () => {
    const { ctx, calls, snapshot } = setup();
    const filter = { regionCode: "32", kind: "BUSINESS" } as const;
    const { ids: listed, pages } = await all(ctx, filter);
    const expected = ids(ROWS.filter((r) => r.regionCode.startsWith("32") && r.kind === "BUSINESS"));
    expect(listed).toEqual(expected);
    expect(calls).toEqual({ getCustomers: 0, listCustomers: pages.length, countCustomers: 0 });
    expect(pages.every((p) => p.snapshotAsOf === null)).toBe(true);
    expect(await pages[0]!.count()).toBe(expected.length);
    expect(calls.countCustomers).toBe(1);
    expect(snapshot.calls).toEqual({ latest: 0, page: 0, count: 0, segments: 0, history: 0, levelHistory: 0 });
  });

  it("pages through the snapshot for a judgement, reads each page's records in one hall call, and counts only when asked", async () => {
    const { ctx, calls, snapshot } = setup();
    const filter: SnapshotFilter = { valueTier: "HIGH", creditList: "RED" };
    const { ids: listed, pages } = await all(ctx, filter, BY_ID, 7);
    expect(listed).toEqual(ids(ROWS.filter((r) => r.valueTier === "HIGH" && r.creditList === "RED")));
    expect(listed.length).toBeGreaterThan(7);
    expect(calls.getCustomers).toBe(pages.filter((p) => p.entries.length > 0).length);
    expect(calls.listCustomers).toBe(0);
    expect(snapshot.calls.count).toBe(0);
    expect(pages[0]!.snapshotAsOf).toEqual(snapshot.finished);
    expect(await pages[0]!.count()).toBe(listed.length);
    expect(snapshot.calls.count).toBe(1);
  });

  it("lists every customer exactly once in a judgement order, rows without a value last", async () => {
    const { ctx } = setup();
    const order: SnapshotOrder = { field: "CREDIT_SCORE", direction: "DESC" };
    const { ids: listed, pages } = await all(ctx, { productCode: "MOBILE" }, order, 13);
    const expected = ROWS.filter((r) => r.productCodes.includes("MOBILE"));
    expect([...listed].sort()).toEqual(ids(expected));
    expect(new Set(listed).size).toBe(listed.length);
    const scores = pages.flatMap((p) => p.entries.map((e) => e.position.value));
    const valued = scores.filter((s) => s !== null) as number[];
    expect(valued).toEqual([...valued].sort((a, b) => b - a));
    expect(scores.slice(valued.length).every((s) => s === null)).toBe(true);
  });
});

describe("customer lists: scope", () => {
  it("gives an agent only their region, narrows a filter within it, and matches nobody outside it", async () => {
    const { ctx, calls } = setup({ roles: ["agent"], region: "32" });
    expect((await all(ctx, {})).ids).toEqual(ids(ROWS.filter((r) => r.regionCode.startsWith("32"))));
    // Served by the snapshot: the scope holds by the customer number (as scope.ts decides) and by the hall's
    // region (as live pages filter), so a customer who moved between regions shows in neither agent's list.
    const inScope = (r: SnapshotRow) => r.customerId.startsWith("32") && r.regionCode.startsWith("32");
    expect((await all(ctx, { creditList: "GREY" })).ids).toEqual(ids(ROWS.filter((r) => inScope(r) && r.creditList === "GREY")));
    expect((await all(ctx, { regionCode: "3201" })).ids).toEqual(ids(ROWS.filter((r) => r.regionCode === "3201")));
    const before = { ...calls };
    const outside = await listCustomers(ctx, { filter: { regionCode: "44", valueTier: "HIGH" }, order: BY_ID, after: null, first: 50 });
    expect(outside.entries).toEqual([]);
    expect(await outside.count()).toBe(0);
    expect(calls).toEqual(before);
  });

  it("narrows the region the way the scope and the filter meet", () => {
    expect(withinRegion({ kind: "BUSINESS" }, "")).toEqual({ kind: "BUSINESS" });
    expect(withinRegion({}, "3201")).toEqual({ regionCode: "3201" });
    expect(withinRegion({ regionCode: "32" }, "3201")).toEqual({ regionCode: "3201" });
    expect(withinRegion({ regionCode: "3205" }, "32")).toEqual({ regionCode: "3205" });
    expect(withinRegion({ regionCode: "33" }, "32")).toBeNull();
    expect(withinRegion({ regionCode: "3202" }, "3201")).toBeNull();
    expect(withinRegion({ regionCode: "33" }, null)).toEqual({ regionCode: "33" });
  });

  it("gives a key-account manager only their portfolio, live or from the snapshot, with or without criteria", async () => {
    const portfolio = ROWS.filter((_, i) => i % 9 === 0).map((r) => r.customerId);
    const { ctx, calls } = setup({ roles: ["ka-manager"], region: "32", managerId: "JL32010001" }, portfolio);
    const mine = ROWS.filter((r) => portfolio.includes(r.customerId));
    expect((await all(ctx, {}, BY_ID, 4)).ids).toEqual(ids(mine));
    const kind = await all(ctx, { kind: "RESIDENTIAL" }, BY_ID, 3);
    expect(kind.ids).toEqual(ids(mine.filter((r) => r.kind === "RESIDENTIAL")));
    expect(await kind.pages[0]!.count()).toBe(kind.ids.length);
    expect(calls.listCustomers).toBe(0);
    const risky = await all(ctx, { churnRiskLevel: "HIGH" }, { field: "ARREARS", direction: "ASC" }, 2);
    expect([...risky.ids].sort()).toEqual(ids(mine.filter((r) => r.churnRiskLevel === "HIGH")));
    expect(await risky.pages[0]!.count()).toBe(risky.ids.length);
  });

  it("refuses a role that reads no customer data", async () => {
    const { ctx, calls } = setup({ roles: ["architect"] });
    expect((await refusal(listCustomers(ctx, { filter: {}, order: BY_ID, after: null, first: 5 }))).extensions.code).toBe("FORBIDDEN");
    expect(calls).toEqual({ getCustomers: 0, listCustomers: 0, countCustomers: 0 });
  });
});

describe("customer lists: when the snapshot cannot help", () => {
  it("says to run the snapshot when a judgement is asked before any snapshot finished; hall criteria still work", async () => {
    const { ctx, snapshot } = setup();
    snapshot.finished = null;
    const error = await refusal(listCustomers(ctx, { filter: { valueTier: "IMPORTANT" }, order: BY_ID, after: null, first: 5 }));
    expect(error.extensions.code).toBe("SNAPSHOT_MISSING");
    expect(error.message).toMatch(/npm run snapshot/);
    expect((await listCustomers(ctx, { filter: { regionCode: "33" }, order: BY_ID, after: null, first: 5 })).entries).toHaveLength(5);
  });

  it("reports a failing store as the snapshot's SOURCE_UNAVAILABLE, without its words", async () => {
    const { ctx, snapshot } = setup();
    snapshot.failure = new Error("connection to 10.0.0.7 refused for user snapshot_rw");
    const error = await refusal(listCustomers(ctx, { filter: { creditList: "BLACK" }, order: BY_ID, after: null, first: 5 }));
    expect(error.extensions).toEqual({ code: "SOURCE_UNAVAILABLE", source: "snapshot" });
    expect(error.message).not.toMatch(/10\.0\.0\.7/);
  });
});
