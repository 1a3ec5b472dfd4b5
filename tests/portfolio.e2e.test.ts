import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
// Its own population, since one manager is given a portfolio of 55 or more here.
const PREFIX = "kam_";
const s = schemaNames(PREFIX);
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
const PORTFOLIO_SIZE = 55;
let stack: TestStack;

interface Account {
  id: string;
  customerId: string;
  manager: string;
  level: string;
  type: string;
  active: boolean;
}
let manager: string;
let ours: Account[];
/** A key account of another manager. */
let theirs: Account;
let managerToken: string;

const LEVELS: Record<string, string> = { "1": "NATIONAL", "2": "PROVINCIAL", "3": "MUNICIPAL" };
const iso = (slashed: string) => slashed.replaceAll("/", "-");
const daysFromAsOf = (date: string) => (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${sandbox.asOf}T00:00:00Z`)) / 86_400_000;

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(sql, values)).rows as T[];
}

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 900, seed: 21, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  const all = await rows<{ id: string; customer: string; manager: string }>(`SELECT "KHBH" AS id, substr("YYKHH", 3) AS customer, "KHJL" AS manager FROM ${s.keyAccount}."DKH_KHXX" ORDER BY "KHBH"`);
  expect(all.length).toBeGreaterThan(PORTFOLIO_SIZE + 5);
  manager = all[0]!.manager;
  // One manager takes the first 55 accounts: a portfolio the size a manager really carries.
  await pool.query(`UPDATE ${s.keyAccount}."DKH_KHXX" SET "KHJL" = $1 WHERE "KHBH" = ANY($2)`, [manager, all.slice(0, PORTFOLIO_SIZE).map((a) => a.id)]);
  const accounts = (
    await rows<{ id: string; customer: string; manager: string; level: string; type: string; zt: string }>(
      `SELECT "KHBH" AS id, substr("YYKHH", 3) AS customer, "KHJL" AS manager, "KHJB" AS level, "KHLX" AS type, "ZT" AS zt FROM ${s.keyAccount}."DKH_KHXX" ORDER BY "KHBH"`,
    )
  ).map((r) => ({ id: r.id, customerId: r.customer, manager: r.manager, level: LEVELS[r.level]!, type: r.type === "1" ? "INDIVIDUAL" : "ENTERPRISE", active: r.zt === "1" }));
  ours = accounts.filter((a) => a.manager === manager);
  theirs = accounts.find((a) => a.manager !== manager)!;
  expect(ours.length).toBeGreaterThanOrEqual(PORTFOLIO_SIZE);
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
  managerToken = await stack.token({ roles: ["ka-manager"], region: manager.slice(2, 6), managerId: manager, pii: false });
});
afterAll(async () => {
  await stack?.close();
  await pool.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

const KA_PORTFOLIO = readFileSync("docs/queries/ka-portfolio.graphql", "utf8");
const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((e) => e.extensions?.code);

async function portfolioIds(filter: Record<string, unknown> | null, first = 200, after: string | null = null): Promise<string[]> {
  const { data, errors } = await stack.graphql(`query($filter: KeyAccountFilter, $first: Int!, $after: String) { me { portfolio(first: $first, after: $after, filter: $filter) { id } } }`, { filter, first, after }, managerToken);
  expect(errors).toBeUndefined();
  return data!.me.portfolio.map((k: { id: string }) => k.id);
}

describe("a key-account manager's portfolio", () => {
  it("holds the manager's own accounts with their last visit and contracts ending, as the key-account system records them", async () => {
    const { data, errors } = await stack.graphql(KA_PORTFOLIO, { first: 200 }, managerToken);
    expect(errors).toBeUndefined();
    expect(data!.me.manager.id).toBe(manager);
    const portfolio = data!.me.portfolio as { id: string; lastVisit: { date: string } | null; contractsEnding: { contractNo: string }[] }[];
    expect(portfolio.map((k) => k.id)).toEqual(ours.map((a) => a.id));

    const visits = await rows<{ id: string; last: string | null }>(`SELECT "KHBH" AS id, max("BFRQ") AS last FROM ${s.keyAccount}."DKH_BFJL" WHERE "BFRQ" <= $1 GROUP BY "KHBH"`, [sandbox.asOf.replaceAll("-", "/")]);
    const lastVisit = new Map(visits.map((v) => [v.id, v.last && iso(v.last)]));
    const contracts = await rows<{ id: string; no: string; due: string }>(`SELECT "KHBH" AS id, "HTBH" AS no, "DQRQ" AS due FROM ${s.keyAccount}."DKH_HT" WHERE "ZT" = '1'`);
    for (const account of portfolio) {
      expect(account.lastVisit?.date ?? null, account.id).toEqual(lastVisit.get(account.id) ?? null);
      const ending = contracts.filter((c) => c.id === account.id && daysFromAsOf(iso(c.due)) >= 0 && daysFromAsOf(iso(c.due)) <= 90).map((c) => c.no).sort();
      expect(account.contractsEnding.map((c) => c.contractNo).sort(), account.id).toEqual(ending);
    }
    expect(portfolio.some((k) => k.lastVisit !== null)).toBe(true);
  });

  it("gives each customer its open faults and a revenue trend that agree with network management's tickets and billing's bills", async () => {
    const { data, errors } = await stack.graphql(
      `query($first: Int!) { me { portfolio(first: $first) { customer {
          id openFaults { count } revenueTrend { month billed revenueFen arpuFen } valueTier { revenue12mFen monthsBilled } arrears { totalFen }
          subscriptions { troubleTickets(openOnly: true, first: 50) { ticketNo } }
          accounts { bills(first: 24) { month amountFen } }
      } } } }`,
      { first: ours.length },
      managerToken,
    );
    expect(errors).toBeUndefined();
    const customers = data!.me.portfolio.map((k: { customer: any }) => k.customer);
    expect(customers).toHaveLength(ours.length);
    for (const c of customers) {
      const open = c.subscriptions.reduce((sum: number, sub: { troubleTickets: unknown[] }) => sum + sub.troubleTickets.length, 0);
      expect(c.openFaults.count, c.id).toBe(open);
      const billed = new Map<string, number>();
      for (const account of c.accounts) for (const bill of account.bills) billed.set(bill.month, (billed.get(bill.month) ?? 0) + bill.amountFen);
      expect(c.revenueTrend, c.id).toHaveLength(12);
      for (const month of c.revenueTrend) expect(month.revenueFen, `${c.id} ${month.month}`).toBe(billed.get(month.month) ?? 0);
      expect(c.revenueTrend.reduce((sum: number, m: { revenueFen: number }) => sum + m.revenueFen, 0)).toBe(c.valueTier.revenue12mFen);
      expect(c.revenueTrend.filter((m: { billed: boolean }) => m.billed)).toHaveLength(c.valueTier.monthsBilled);
      expect(c.arrears.totalFen).toBeGreaterThanOrEqual(0);
    }
    expect(customers.some((c: { openFaults: { count: number } }) => c.openFaults.count > 0)).toBe(true);
  });

  it("costs the same legacy round trips for 50 accounts with every figure as for 5", async () => {
    const trips = async (first: number, filter: Record<string, unknown> | null, expected = first) => {
      stack.roundTrips.reset();
      const { data, errors } = await stack.graphql(KA_PORTFOLIO, { first, filter }, managerToken);
      expect(errors).toBeUndefined();
      expect(data!.me.portfolio).toHaveLength(expected);
      return stack.roundTrips.snapshot();
    };
    const five = await trips(5, null);
    expect(await trips(50, null)).toEqual(five);
    // Every system the portfolio reads is read; the call centre is no part of it.
    const { "call-centre": calls, ...read } = five;
    expect(calls).toBe(0);
    expect(Object.values(read).every((n) => n > 0)).toBe(true);
    // A filter that reads every account's contracts and visits reads them in one batch each, whatever the page.
    const wide = { contractsEndingWithinDays: 3650, notVisitedForDays: 0 };
    const matching = (await portfolioIds(wide)).length;
    expect(matching).toBeGreaterThan(1);
    expect(await trips(matching, wide)).toEqual(await trips(1, wide));
  });

  it("filters by what the key-account system records", async () => {
    const level = ours[0]!.level;
    expect(await portfolioIds({ levels: [level] })).toEqual(ours.filter((a) => a.level === level).map((a) => a.id));
    expect(await portfolioIds({ types: ["ENTERPRISE"], active: true })).toEqual(ours.filter((a) => a.type === "ENTERPRISE" && a.active).map((a) => a.id));

    const horizon = 365;
    const ending = await rows<{ id: string; due: string }>(`SELECT "KHBH" AS id, "DQRQ" AS due FROM ${s.keyAccount}."DKH_HT" WHERE "ZT" = '1'`);
    const endingIds = new Set(ending.filter((c) => daysFromAsOf(iso(c.due)) >= 0 && daysFromAsOf(iso(c.due)) <= horizon).map((c) => c.id));
    const withEnding = await portfolioIds({ contractsEndingWithinDays: horizon });
    expect(withEnding).toEqual(ours.filter((a) => endingIds.has(a.id)).map((a) => a.id));
    expect(withEnding.length).toBeGreaterThan(0);

    const visited = await rows<{ id: string }>(`SELECT DISTINCT "KHBH" AS id FROM ${s.keyAccount}."DKH_BFJL" WHERE "BFRQ" > $1 AND "BFRQ" <= $2`, [
      new Date(Date.parse(`${sandbox.asOf}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "/"),
      sandbox.asOf.replaceAll("-", "/"),
    ]);
    const recent = new Set(visited.map((v) => v.id));
    expect(await portfolioIds({ notVisitedForDays: 60 })).toEqual(ours.filter((a) => !recent.has(a.id)).map((a) => a.id));
  });

  it("pages a filtered portfolio with after, each account once", async () => {
    const all = await portfolioIds({ active: true });
    const first = await portfolioIds({ active: true }, 10);
    const rest = await portfolioIds({ active: true }, 200, first.at(-1)!);
    expect([...first, ...rest]).toEqual(all);
  });

  it("refuses arguments out of bounds with BAD_USER_INPUT", async () => {
    const bad = [
      [`{ me { portfolio(filter: { nameContains: " " }) { id } } }`, "portfolio"],
      [`{ me { portfolio(first: 1) { contractsEnding(withinDays: -1) { contractNo } } } }`, "contractsEnding"],
      [`{ me { portfolio(first: 1) { customer { revenueTrend(months: 13) { month } } } } }`, "revenueTrend"],
      [`{ keyAccount(id: "DK1") { id } }`, "keyAccount"],
    ] as const;
    for (const [query, field] of bad) {
      const { errors } = await stack.graphql(query, {}, managerToken);
      expect(codes(errors), field).toEqual(["BAD_USER_INPUT"]);
      expect(errors![0]!.path?.at(-1), field).toBe(field);
    }
  });
});

describe("another manager's accounts and customers", () => {
  it("are refused with FORBIDDEN, by customer, key account and manager", async () => {
    const own = ours[0]!;
    const { data, errors } = await stack.graphql(
      `query($theirCustomer: ID!, $theirAccount: ID!, $theirManager: ID!, $ownAccount: ID!, $ownCustomer: ID!) {
        theirCustomer: customer(id: $theirCustomer) { id openFaults { count } }
        theirAccount: keyAccount(id: $theirAccount) { id }
        theirManager: keyAccountManager(id: $theirManager) { portfolio { id } }
        ownAccount: keyAccount(id: $ownAccount) { id customer { id revenueTrend(months: 3) { month } } }
        ownCustomer: customer(id: $ownCustomer) { id openFaults { count } }
      }`,
      { theirCustomer: theirs.customerId, theirAccount: theirs.id, theirManager: theirs.manager, ownAccount: own.id, ownCustomer: own.customerId },
      managerToken,
    );
    expect(data).toMatchObject({ theirCustomer: null, theirAccount: null, theirManager: null, ownAccount: { id: own.id, customer: { id: own.customerId } }, ownCustomer: { id: own.customerId } });
    expect(data!.ownAccount.customer.revenueTrend).toHaveLength(3);
    const refused = (errors ?? []).map((e) => [e.path?.[0], e.extensions?.code]);
    expect(refused).toEqual(expect.arrayContaining([["theirCustomer", "FORBIDDEN"], ["theirAccount", "FORBIDDEN"], ["theirManager", "FORBIDDEN"]]));
    expect(refused.every(([, code]) => code === "FORBIDDEN")).toBe(true);
  });

  it("never appear in the portfolio, and the other manager cannot reach ours", async () => {
    expect(await portfolioIds(null)).not.toContain(theirs.id);
    const otherToken = await stack.token({ roles: ["ka-manager"], region: theirs.manager.slice(2, 6), managerId: theirs.manager });
    const { data, errors } = await stack.graphql(`query($id: ID!) { keyAccount(id: $id) { id } me { portfolio(first: 200) { id } } }`, { id: ours[0]!.id }, otherToken);
    expect(data!.keyAccount).toBeNull();
    expect(codes(errors)).toEqual(["FORBIDDEN"]);
    expect(data!.me.portfolio.map((k: { id: string }) => k.id)).not.toContain(ours[0]!.id);
  });
});
