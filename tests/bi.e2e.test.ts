import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { SnapshotFilter, SnapshotRow, SnapshotScope } from "../adapters/snapshot/port.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { snapshotDatabase } from "../tools/snapshot/run.js";
import { Progress } from "../tools/snapshot/progress.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * The BI consumers' graph (issue 10): lists filtered on judgements from a snapshot taken by the job,
 * segments, the CSV export and the monthly history, over a population big enough to need two pages.
 */
const sandbox = inject("sandbox");
const PREFIX = "bi_";
const CUSTOMERS = 1_100;
const s = schemaNames(PREFIX);
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
const EVERYONE: SnapshotScope = { regionPrefix: "", customerIds: null };
let stack: TestStack;
let exportUrl: string;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: CUSTOMERS, seed: 31, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
  await snapshotDatabase({ databaseUrl: sandbox.databaseUrl, schemaPrefix: PREFIX, asOf: sandbox.asOf, backfillMonths: 1, progress: new Progress({ write: () => true }) });
  exportUrl = stack.gateway.url.replace(/\/graphql$/, "/export/customers.csv");
});
afterAll(async () => {
  await stack?.snapshot.dropSchema();
  await stack?.close();
  await pool.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/** Every row of the store matching, read through its own reader (its keyset pages). */
async function stored(filter: SnapshotFilter, scope: SnapshotScope = EVERYONE): Promise<SnapshotRow[]> {
  const rows: SnapshotRow[] = [];
  let after = null;
  do {
    const page = await stack.snapshot.page({ filter, scope, order: { field: "CUSTOMER_ID", direction: "ASC" }, after, first: 1000 });
    rows.push(...page.rows);
    after = page.hasNextPage ? { value: page.rows.at(-1)!.customerId, customerId: page.rows.at(-1)!.customerId } : null;
  } while (after);
  return rows;
}

/** Every page of `customers` with first 1000; the node fields given, totalCount from the first page. */
async function pageAll(token: string | undefined, variables: Record<string, unknown>, node = "id") {
  const nodes: Record<string, any>[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let snapshotAsOf: unknown;
  let pages = 0;
  do {
    const { data, errors }: { data?: any; errors?: unknown } = await stack.graphql(
      `query($filter: CustomerFilter, $orderBy: CustomerOrder, $after: String) {
        customers(filter: $filter, orderBy: $orderBy, first: 1000, after: $after) {
          totalCount snapshotAsOf { asOf computedAt } pageInfo { hasNextPage endCursor } edges { node { ${node} } }
        } }`,
      { ...variables, after },
      token,
    );
    expect(errors).toBeUndefined();
    pages += 1;
    if (totalCount < 0) totalCount = data.customers.totalCount;
    snapshotAsOf = data.customers.snapshotAsOf;
    nodes.push(...data.customers.edges.map((e: { node: object }) => e.node));
    after = data.customers.pageInfo.hasNextPage ? data.customers.pageInfo.endCursor : null;
  } while (after !== null);
  return { nodes, ids: nodes.map((n) => n.id as string), totalCount, snapshotAsOf, pages };
}

const sorted = (ids: readonly string[]) => [...ids].sort();
const pathsAndCodes = (errors: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined) =>
  (errors ?? []).map((e) => [e.path?.[0], e.extensions?.code]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("BI lists", () => {
  it("pages every customer once with first 1000, live and in a snapshot order, as many as totalCount", async () => {
    const { rows } = await pool.query<{ cust_no: string }>(`SELECT cust_no FROM ${s.hall}.tb_cust ORDER BY cust_no`);
    const live = await pageAll(undefined, {});
    expect(live.pages).toBe(2);
    expect(live.ids).toEqual(rows.map((r) => r.cust_no));
    expect(live.totalCount).toBe(CUSTOMERS);
    expect(live.snapshotAsOf).toBeNull();

    const byRevenue = await pageAll(undefined, { orderBy: { field: "REVENUE_12M", direction: "DESC" } }, "id judgementSnapshot { revenue12mFen }");
    expect(new Set(byRevenue.ids).size).toBe(CUSTOMERS);
    expect(sorted(byRevenue.ids)).toEqual(live.ids);
    expect(byRevenue.totalCount).toBe(CUSTOMERS);
    const revenues = byRevenue.nodes.map((n) => n.judgementSnapshot.revenue12mFen as number | null);
    const valued = revenues.filter((r) => r !== null);
    expect(valued.length).toBeGreaterThan(CUSTOMERS / 2);
    expect(revenues).toEqual([...valued.sort((a, b) => b - a), ...revenues.filter((r) => r === null)]);
    expect(byRevenue.snapshotAsOf).toEqual({ asOf: sandbox.asOf, computedAt: expect.any(String) });
  });

  it("filters on valueTier and creditList: only matching customers, the store's, agreeing with the live judgements", async () => {
    const groups = (await stack.snapshot.segments(["VALUE_TIER", "CREDIT_LIST"], {}, EVERYONE)).filter((g) => g.key.every((k) => k !== null));
    const [tier, list] = groups.sort((a, b) => b.count - a.count)[0]!.key as [string, string];
    const filter = { valueTier: tier, creditList: list };
    const found = await pageAll(undefined, { filter }, "id judgementSnapshot { valueTier creditList }");
    const expected = await stored(filter as SnapshotFilter);
    expect(found.ids.length).toBeGreaterThan(0);
    expect(found.ids).toEqual(expected.map((r) => r.customerId));
    expect(found.totalCount).toBe(expected.length);
    expect(found.nodes.every((n) => n.judgementSnapshot.valueTier === tier && n.judgementSnapshot.creditList === list)).toBe(true);
    // Nothing changed since the snapshot: the judgements computed now agree with it.
    const { data, errors } = await stack.graphql(`query($f: CustomerFilter) { customers(filter: $f, first: 25) { edges { node { valueTier { tier } credit { list } } } } }`, { f: filter });
    expect(errors).toBeUndefined();
    expect(data!.customers.edges.map((e: any) => [e.node.valueTier.tier, e.node.credit.list])).toEqual(found.ids.slice(0, 25).map(() => [tier, list]));
  });

  it("filters on blackListStatus: the black-listed customers in service or former, as the live credit and billing's services say", async () => {
    const former: string[] = [];
    for (const status of ["FORMER", "IN_SERVICE"] as const) {
      const filter = { blackListStatus: status };
      const found = await pageAll(undefined, { filter }, "id judgementSnapshot { creditList blackListStatus }");
      const expected = await stored(filter);
      expect(found.ids.length, status).toBeGreaterThan(0);
      expect(found.ids).toEqual(expected.map((r) => r.customerId));
      expect(found.totalCount).toBe(expected.length);
      expect(found.nodes.every((n) => n.judgementSnapshot.creditList === "BLACK" && n.judgementSnapshot.blackListStatus === status)).toBe(true);
      const live = await stack.graphql(`query($f: CustomerFilter) { customers(filter: $f, first: 100) { edges { node { id credit { list blackListStatus } } } } }`, { f: filter });
      expect(live.errors).toBeUndefined();
      expect(live.data!.customers.edges.map((e: any) => e.node)).toEqual(found.ids.slice(0, 100).map((id) => ({ id, credit: { list: "BLACK", blackListStatus: status } })));
      // Billing's own table: a former customer holds no service it has not removed, one in service at least one.
      const { rows } = await pool.query<{ cust_no: string }>(
        `SELECT DISTINCT replace(c."CUST_CODE", '-', '') AS cust_no FROM ${s.billing}."SERV" sv JOIN ${s.billing}."CUST" c USING ("CUST_ID")
         WHERE sv."STATE" <> 'F0X' AND replace(c."CUST_CODE", '-', '') = ANY($1)`,
        [found.ids],
      );
      expect(sorted(rows.map((r) => r.cust_no))).toEqual(status === "FORMER" ? [] : sorted(found.ids));
      if (status === "FORMER") former.push(...found.ids);
    }
    const agent = await stack.token({ roles: ["agent"], region: "32", pii: false });
    const scoped = await pageAll(agent, { filter: { blackListStatus: "FORMER" } });
    expect(scoped.ids).toEqual(former.filter((id) => id.startsWith("32")));
  });

  it("counts only when totalCount is asked: the store's count and the hall's count are not called otherwise", async () => {
    const count = vi.spyOn(stack.snapshot, "count");
    try {
      const query = (fields: string, filter: object) => stack.graphql(`query($f: CustomerFilter) { customers(filter: $f, first: 5) { ${fields} edges { node { id } } } }`, { f: filter });
      await query("", { creditList: "RED" });
      expect(count).not.toHaveBeenCalled();
      await query("totalCount", { creditList: "RED" });
      expect(count).toHaveBeenCalledTimes(1);
      stack.roundTrips.reset();
      await query("", { kind: "BUSINESS" });
      expect(stack.roundTrips.get("business-hall")).toBe(1);
      stack.roundTrips.reset();
      await query("totalCount", { kind: "BUSINESS" });
      expect(stack.roundTrips.get("business-hall")).toBe(2);
    } finally {
      count.mockRestore();
    }
  });

  it("costs the same round trips for a page of 5 and of 1000: one store page, one hall read, whatever asked of the snapshot", async () => {
    const cost = async (first: number, filter: object) => {
      stack.roundTrips.reset();
      const queries = stack.snapshot.queries;
      const { data, errors } = await stack.graphql(
        `query($f: CustomerFilter, $n: Int) { customers(filter: $f, first: $n) { edges { node { name judgementSnapshot { valueTier } } } } }`,
        { f: filter, n: first },
      );
      expect(errors).toBeUndefined();
      expect(data!.customers.edges.length).toBeGreaterThan(Math.min(first, 100) - 1);
      expect(data!.customers.edges.length).toBeLessThanOrEqual(first);
      return { hall: stack.roundTrips.get("business-hall"), store: stack.snapshot.queries - queries };
    };
    // From the snapshot: its latest run and the page, whose rows also answer judgementSnapshot; then the hall's records.
    expect(await cost(5, { potentialKeyAccount: false })).toEqual({ hall: 1, store: 2 });
    expect(await cost(1000, { potentialKeyAccount: false })).toEqual({ hall: 1, store: 2 });
    // Live from the hall: the page, then one store query for the page's judgementSnapshot.
    expect(await cost(5, {})).toEqual({ hall: 1, store: 1 });
    expect(await cost(1000, {})).toEqual({ hall: 1, store: 1 });
  });

  it("refuses a bad filter, a cursor of another order and a page over 1000 with BAD_USER_INPUT", async () => {
    const first = await stack.graphql(`{ customers(orderBy: { field: ARREARS }, first: 2) { pageInfo { endCursor } } }`);
    const cursor = first.data!.customers.pageInfo.endCursor;
    const { data, errors } = await stack.graphql(
      `query($c: String) {
        region: customers(filter: { regionCode: "320" }) { totalCount }
        order: customers(after: $c) { totalCount }
        big: customers(first: 1001) { totalCount }
      }`,
      { c: cursor },
    );
    expect(data).toEqual({ region: null, order: null, big: null });
    expect(pathsAndCodes(errors)).toEqual([
      ["big", "BAD_USER_INPUT"],
      ["order", "BAD_USER_INPUT"],
      ["region", "BAD_USER_INPUT"],
    ]);
    const messageAt = (path: string) => errors!.find((e) => e.path?.[0] === path)!.message;
    expect(messageAt("region")).toMatch(/regionCode must be a province/);
    expect(messageAt("order")).toMatch(/ARREARS ASC/);
  });
});

describe("segments", () => {
  it("groups the same customers the list counts: sums equal totalCount, revenue and arrears equal the store's", async () => {
    const filter = { kind: "RESIDENTIAL" };
    const { data, errors } = await stack.graphql(
      `query($f: CustomerFilter) {
        segments(groupBy: [PROVINCE, VALUE_TIER], filter: $f) { totalCount snapshotAsOf { asOf } groups { key { dimension value label } count revenue12mFen arrearsFen } }
        customers(filter: $f, first: 0) { totalCount }
      }`,
      { f: filter },
    );
    expect(errors).toBeUndefined();
    const groups: { key: { dimension: string; value: string | null; label: string | null }[]; count: number; revenue12mFen: number; arrearsFen: number }[] = data!.segments.groups;
    const sum = (pick: (g: (typeof groups)[number]) => number) => groups.reduce((total, g) => total + pick(g), 0);
    expect(sum((g) => g.count)).toBe(data!.customers.totalCount);
    expect(data!.segments.totalCount).toBe(data!.customers.totalCount);
    const rows = await stored(filter as SnapshotFilter);
    expect(sum((g) => g.revenue12mFen)).toBe(rows.reduce((t, r) => t + (r.revenue12mFen ?? 0), 0));
    expect(sum((g) => g.arrearsFen)).toBe(rows.reduce((t, r) => t + (r.arrearsFen ?? 0), 0));
    expect(groups.every((g) => g.key.map((k) => k.dimension).join() === "PROVINCE,VALUE_TIER")).toBe(true);
    expect(groups.find((g) => g.key[1]!.value === "IMPORTANT")?.key[1]!.label ?? "重要").toBe("重要");
    expect(data!.segments.snapshotAsOf).toEqual({ asOf: sandbox.asOf });
  });

  it("refuses no dimension, four, or one twice", async () => {
    const { errors } = await stack.graphql(`{
      none: segments(groupBy: []) { totalCount }
      four: segments(groupBy: [PROVINCE, KIND, INDUSTRY, VALUE_TIER]) { totalCount }
      twice: segments(groupBy: [KIND, KIND]) { totalCount }
    }`);
    expect(pathsAndCodes(errors)).toEqual([
      ["four", "BAD_USER_INPUT"],
      ["none", "BAD_USER_INPUT"],
      ["twice", "BAD_USER_INPUT"],
    ]);
  });
});

describe("scope holds for lists, counts, segments and export", () => {
  it("shows an agent of one province only that province", async () => {
    const agent = await stack.token({ roles: ["agent"], region: "32", pii: false });
    const mine = await stored({}, { regionPrefix: "32", customerIds: null });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(CUSTOMERS);
    const listed = await pageAll(agent, { orderBy: { field: "CREDIT_SCORE", direction: "ASC" } }, "id region { code }");
    expect(sorted(listed.ids)).toEqual(mine.map((r) => r.customerId));
    expect(listed.totalCount).toBe(mine.length);
    expect(listed.nodes.every((n) => n.region.code.startsWith("32"))).toBe(true);

    const { data } = await stack.graphql(
      `{ segments(groupBy: [LOCAL_NETWORK]) { totalCount groups { key { value } } }
         other: customers(filter: { regionCode: "33", creditList: RED }) { totalCount edges { node { id } } }
         otherLive: customers(filter: { regionCode: "33" }) { totalCount edges { node { id } } } }`,
      {},
      agent,
    );
    expect(data!.segments.totalCount).toBe(mine.length);
    expect(data!.segments.groups.every((g: { key: { value: string }[] }) => g.key[0]!.value.startsWith("32"))).toBe(true);
    expect(data!.other).toEqual({ totalCount: 0, edges: [] });
    expect(data!.otherLive).toEqual({ totalCount: 0, edges: [] });

    const csv = await exportCsv(agent, {});
    expect(csv.status).toBe(200);
    const rows = csv.records.slice(1);
    expect(rows.map((r) => r[0])).toEqual(mine.map((r) => r.customerId));
    expect(rows.every((r) => r[3]!.startsWith("32"))).toBe(true);
  });

  it("shows a key-account manager only their portfolio, live and from the snapshot", async () => {
    const { rows } = await pool.query<{ manager: string; customer: string }>(
      `SELECT "KHJL" AS manager, substr("YYKHH", 3) AS customer FROM ${s.keyAccount}."DKH_KHXX" ORDER BY "KHJL"`,
    );
    const managerId = rows[0]!.manager;
    const portfolio = rows.filter((r) => r.manager === managerId).map((r) => r.customer).sort();
    const token = await stack.token({ roles: ["ka-manager"], region: managerId.slice(2, 6), managerId });
    expect((await pageAll(token, {})).ids).toEqual(portfolio);
    const bySnapshot = await pageAll(token, { orderBy: { field: "ARREARS", direction: "DESC" } });
    expect(sorted(bySnapshot.ids)).toEqual(portfolio);
    expect(bySnapshot.totalCount).toBe(portfolio.length);
    const { data } = await stack.graphql(`{ segments(groupBy: [KIND]) { totalCount } }`, {}, token);
    expect(data!.segments.totalCount).toBe(portfolio.length);
  });

  it("gives an architect FORBIDDEN for lists and segments", async () => {
    const { data, errors } = await stack.graphql(`{ customers { totalCount } segments(groupBy: [KIND]) { totalCount } }`, {}, await stack.token({ roles: ["architect"] }));
    expect(data).toEqual({ customers: null, segments: null });
    expect(pathsAndCodes(errors)).toEqual([
      ["customers", "FORBIDDEN"],
      ["segments", "FORBIDDEN"],
    ]);
  });
});

async function exportCsv(token: string | null, params: Record<string, string>) {
  const url = new URL(exportUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString("utf8");
  const lines = text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  return { status: response.status, headers: response.headers, bytes, text, lines, records: lines.map(fields) };
}

/** The fields of one CSV line (no line breaks inside fields in what these tests read). */
function fields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map(([, quoted, plain]) => (quoted !== undefined ? quoted.replaceAll('""', '"') : (plain ?? "")));
}

describe("the CSV export", () => {
  it("streams the filtered customers as UTF-8 with a BOM, masked as the graph masks them for the token", async () => {
    const filter = JSON.stringify({ creditList: "RED", regionCode: "32" });
    const masked = await exportCsv(await stack.token({ roles: ["hq-analyst"], region: "HQ", pii: false }), { filter });
    expect(masked.status).toBe(200);
    expect(masked.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(masked.headers.get("content-disposition")).toBe('attachment; filename="customers.csv"');
    expect([...masked.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(masked.lines[0]).toMatch(/^customer number,name,kind,region code,region,phone,/);
    const expected = await stored({ creditList: "RED", regionCode: "32" });
    expect(masked.records.slice(1).map((r) => r[0])).toEqual(expected.map((r) => r.customerId));
    expect(masked.records.every((r) => r.length === 15)).toBe(true);
    expect(masked.records.slice(1).every((r) => /\*{4}/.test(r[5]!))).toBe(true);
    expect(masked.text).not.toMatch(/# export incomplete/);

    const shown = await exportCsv(await stack.token({ pii: true }), { filter });
    expect(shown.records.slice(1).every((r) => /^[\d-]+$/.test(r[5]!))).toBe(true);
    expect(shown.lines.length).toBe(masked.lines.length);
  });

  it("answers a bad filter with 400 and the graph's message before any row, and no token with 401", async () => {
    const analyst = await stack.token();
    const region = await exportCsv(analyst, { filter: JSON.stringify({ regionCode: "320" }) });
    expect(region.status).toBe(400);
    expect(JSON.parse(region.text).errors[0]).toMatchObject({ message: expect.stringMatching(/regionCode/), extensions: { code: "BAD_USER_INPUT" } });
    const tier = await exportCsv(analyst, { filter: JSON.stringify({ valueTier: "GOLD" }) });
    expect(tier.status).toBe(400);
    expect(tier.text).toMatch(/GOLD/);
    expect((await exportCsv(analyst, { filter: "{not json" })).status).toBe(400);
    const none = await exportCsv(null, {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});

describe("history", () => {
  it("returns each month the snapshot judged, newest first", async () => {
    const [row] = await stored({ creditList: "GREY" });
    const { data, errors } = await stack.graphql(
      `query($id: ID!) { customer(id: $id) {
        credit { list history(months: 12) { month asOf score level list } }
        valueTier { history(months: 3) { month tier revenue12mFen } }
      } }`,
      { id: row!.customerId },
    );
    expect(errors).toBeUndefined();
    const months: { month: string; list: string }[] = data!.customer.credit.history;
    const asOfMonth = sandbox.asOf.slice(0, 7);
    const monthBefore = new Date(Date.UTC(Number(asOfMonth.slice(0, 4)), Number(asOfMonth.slice(5)) - 2, 1)).toISOString().slice(0, 7);
    expect(months.map((m) => m.month)).toEqual([asOfMonth, monthBefore]);
    expect(months[0]!.list).toBe(data!.customer.credit.list);
    expect(data!.customer.valueTier.history.map((m: { month: string }) => m.month)).toEqual([asOfMonth, monthBefore]);
  });

  it("reads the months of every customer of a page in one store query, however many customers", async () => {
    const queries = async (first: number, fields: string) => {
      const before = stack.snapshot.queries;
      const { data, errors } = await stack.graphql(`query($n: Int) { customers(first: $n) { edges { node { ${fields} } } } }`, { n: first });
      expect(errors).toBeUndefined();
      expect(data!.customers.edges.every((e: any) => e.node.credit.history.length === 2)).toBe(true);
      return stack.snapshot.queries - before;
    };
    expect(await queries(30, "credit { history(months: 6) { month } }")).toBe(1);
    // credit and valueTier @require different facts, so the plan may reach insights more than once: a store
    // query per insights call, never per customer.
    const both = "credit { history(months: 6) { month } } valueTier { history(months: 6) { month } }";
    expect(await queries(30, both)).toBe(await queries(3, both));
  });
});
