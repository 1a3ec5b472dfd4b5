import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { maskNumber } from "../subgraphs/kit/mask.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Usage and fees through the graph, against billing's tables and its CDR relation read directly: summaries per
 * service and cycle, the itemised list paged by cursor and masked without the PII right, fee composition and the
 * prepayment balance; out-of-scope customers refused; billing sick costs only billing's fields.
 */
const sandbox = inject("sandbox");
const b = `"${schemaNames(sandbox.schemaPrefix).billing}"`;
const CLASS: Record<string, string> = { LC: "LOCAL", LD: "LONG_DISTANCE", IN: "INTERNATIONAL", DT: "DATA", VA: "VALUE_ADDED" };
const ITEM: Record<string, string> = { BF: "BASIC_FEE", LC: "LOCAL_CALLS", LD: "LONG_DISTANCE", DT: "DATA", VA: "VALUE_ADDED", DS: "DISCOUNT" };
const month = (cycle: string) => `${cycle.slice(0, 4)}-${cycle.slice(4, 6)}`;

let stack: TestStack;
let pool: pg.Pool;
/** A customer with a fixed line that made long-distance calls, and one of its cycles with usage. */
let target: { customerId: string; region: string; serviceNo: string; servId: string; cycle: string };

async function rows<T = Record<string, any>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(text, values)).rows as T[];
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  const [found] = await rows(
    `SELECT c."CUST_CODE", c."LATN_ID", sv."ACC_NBR", u."SERV_ID", u."BILLING_CYCLE_ID"
     FROM ${b}."SERV_USAGE_MONTH" u JOIN ${b}."SERV" sv USING ("SERV_ID") JOIN ${b}."CUST" c ON c."CUST_ID" = sv."CUST_ID"
     WHERE u."CALL_CLASS" = 'LD' AND u."RECORDS" > 12 AND sv."CUST_ID" < 9900000000
     ORDER BY c."CUST_CODE", u."BILLING_CYCLE_ID" DESC LIMIT 1`,
  );
  if (!found) throw new Error("the population has no long-distance usage");
  target = { customerId: found.CUST_CODE.replace("-", ""), region: found.LATN_ID, serviceNo: found.ACC_NBR, servId: String(found.SERV_ID), cycle: found.BILLING_CYCLE_ID };
  stack = await startTestStack(sandbox.databaseUrl, sandbox.schemaPrefix, sandbox.asOf);
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await pool?.end();
});

const USAGE = `query($id: ID!) {
  customer(id: $id) {
    name
    prepaymentBalanceFen
    feeTrend { month type amountFen }
    accounts {
      accountNo balanceFen
      feeTrend { month type amountFen }
      services { serviceNo usage { month callClass records outgoing incoming peak offPeak seconds minutes volumeKb feeFen } }
    }
  }
}`;

const PAGE = `query($id: ID!, $month: String!, $first: Int!, $after: String) {
  customer(id: $id) { accounts { services { serviceNo usageRecords(month: $month, first: $first, after: $after) {
    nextCursor records { callClass startedAt direction peak otherParty seconds volumeKb feeFen } } } } }
}`;

type Page = { nextCursor: string | null; records: { startedAt: string; otherParty: string; feeFen: number; seconds: number; callClass: string }[] };

async function pageOf(after: string | null, first: number, token?: string): Promise<Page> {
  const { data, errors } = await stack.graphql(PAGE, { id: target.customerId, month: month(target.cycle), first, after }, token);
  expect(errors).toBeUndefined();
  const service = data!.customer.accounts.flatMap((a: { services: unknown[] }) => a.services).find((s: { serviceNo: string }) => s.serviceNo === target.serviceNo);
  return service.usageRecords as Page;
}

describe("usage and fees", () => {
  it("serves each service's usage, the accounts' and the customer's fee composition and balance as billing's tables hold them", async () => {
    const { data, errors } = await stack.graphql(USAGE, { id: target.customerId });
    expect(errors).toBeUndefined();
    const customer = data!.customer;
    const services = customer.accounts.flatMap((a: { services: { serviceNo: string; usage: unknown[] }[] }) => a.services);
    for (const service of services) {
      const direct = await rows(
        `SELECT u.* FROM ${b}."SERV_USAGE_MONTH" u JOIN ${b}."SERV" sv USING ("SERV_ID") WHERE sv."ACC_NBR" = $1 ORDER BY u."BILLING_CYCLE_ID" DESC, u."CALL_CLASS"`,
        [service.serviceNo],
      );
      expect(service.usage).toEqual(
        direct.map((r) => ({
          month: month(r.BILLING_CYCLE_ID), callClass: CLASS[r.CALL_CLASS.trim()], records: r.RECORDS, outgoing: r.OUT_RECORDS, incoming: r.RECORDS - r.OUT_RECORDS,
          peak: r.PEAK_RECORDS, offPeak: r.RECORDS - r.PEAK_RECORDS, seconds: Number(r.DURATION), minutes: Math.ceil(Number(r.DURATION) / 60),
          volumeKb: Number(r.VOLUME_KB), feeFen: Number(r.FEE),
        })),
      );
    }
    expect(services.some((s: { usage: unknown[] }) => s.usage.length > 0)).toBe(true);

    const customerLines = new Map<string, number>();
    for (const account of customer.accounts) {
      const direct = await rows(
        `SELECT bl."BILLING_CYCLE_ID" AS cycle, i."ACCT_ITEM_TYPE_ID" AS type, sum(i."AMOUNT")::bigint AS amount
         FROM ${b}."ACCT" a JOIN ${b}."BILL" bl USING ("ACCT_ID") JOIN ${b}."ACCT_ITEM" i ON i."BILL_ID" = bl."BILL_ID"
         WHERE a."ACCT_NBR" = $1 AND bl."BILLING_CYCLE_ID" IN (SELECT DISTINCT x."BILLING_CYCLE_ID" FROM ${b}."BILL" x WHERE x."ACCT_ID" = a."ACCT_ID" ORDER BY 1 DESC LIMIT 12)
         GROUP BY 1, 2`,
        [account.accountNo],
      );
      const expected = direct.map((r) => ({ month: month(r.cycle), type: ITEM[r.type.trim()] ?? r.type, amountFen: Number(r.amount) }));
      expect([...account.feeTrend].sort(byLine)).toEqual(expected.sort(byLine));
      for (const l of account.feeTrend) customerLines.set(`${l.month}|${l.type}`, (customerLines.get(`${l.month}|${l.type}`) ?? 0) + l.amountFen);
      // The bill's usage items are the fees of the usage of the services the account pays for.
      for (const line of account.feeTrend.filter((l: { type: string }) => ["LOCAL_CALLS", "LONG_DISTANCE", "DATA", "VALUE_ADDED"].includes(l.type))) {
        const classes = { LOCAL_CALLS: ["LOCAL"], LONG_DISTANCE: ["LONG_DISTANCE", "INTERNATIONAL"], DATA: ["DATA"], VALUE_ADDED: ["VALUE_ADDED"] }[line.type as "DATA"];
        const fees = account.services
          .flatMap((s: { usage: { month: string; callClass: string; feeFen: number }[] }) => s.usage)
          .filter((u: { month: string; callClass: string }) => u.month === line.month && classes.includes(u.callClass))
          .reduce((sum: number, u: { feeFen: number }) => sum + u.feeFen, 0);
        expect(fees, `${account.accountNo} ${line.month} ${line.type}`).toBe(line.amountFen);
      }
    }
    expect(Object.fromEntries(customer.feeTrend.map((l: { month: string; type: string; amountFen: number }) => [`${l.month}|${l.type}`, l.amountFen]))).toEqual(
      Object.fromEntries(customerLines),
    );
    const [balance] = await rows(`SELECT sum(a."BALANCE")::bigint AS total FROM ${b}."ACCT" a JOIN ${b}."CUST" c USING ("CUST_ID") WHERE c."CUST_CODE" = $1`, [
      `${target.customerId.slice(0, 4)}-${target.customerId.slice(4)}`,
    ]);
    expect(customer.prepaymentBalanceFen).toBe(Number(balance?.total));
  });

  it("pages the itemised list newest first by cursor, the pages together being billing's detail records", async () => {
    const direct = await rows(`SELECT * FROM ${b}."CDR" WHERE "SERV_ID" = $1 AND "BILLING_CYCLE_ID" = $2 ORDER BY "START_TIME" DESC, "CALL_CLASS" DESC, "SEQ_NBR" DESC`, [target.servId, target.cycle]);
    const seen: Page["records"] = [];
    let after: string | null = null;
    do {
      const page = await pageOf(after, 9);
      seen.push(...page.records);
      after = page.nextCursor;
    } while (after !== null && seen.length <= direct.length);
    expect(seen.map((r) => [r.startedAt.replace(/\D/g, ""), r.otherParty, r.feeFen, r.seconds])).toEqual(
      direct.map((r) => [r.START_TIME, r.OTHER_NBR, Number(r.FEE), Number(r.DURATION)]),
    );
  });

  it("masks the other party without the PII right", async () => {
    const shown = await pageOf(null, 5);
    const masked = await pageOf(null, 5, await stack.token({ roles: ["hq-analyst"], region: "HQ", pii: false }));
    expect(masked.records.map((r) => r.otherParty)).toEqual(shown.records.map((r) => maskNumber(r.otherParty)));
    expect(masked.records.some((r, i) => r.otherParty !== shown.records[i]?.otherParty)).toBe(true);
  });

  it("refuses a bad month or cursor on that field alone, and another region's customer whole", async () => {
    const { data, errors } = await stack.graphql(
      `query($id: ID!) { customer(id: $id) { name accounts { services { serviceNo usage { month } usageRecords(month: "2026-13", first: 3) { nextCursor } } } } }`,
      { id: target.customerId },
    );
    expect(data!.customer.name).toEqual(expect.any(String));
    expect(errors!.length).toBeGreaterThan(0);
    for (const error of errors!) {
      expect(error.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error.path?.at(-1)).toBe("usageRecords");
    }
    expect(data!.customer.accounts.flatMap((a: { services: { usage: unknown[] }[] }) => a.services.map((s) => s.usage)).every(Array.isArray)).toBe(true);

    const cursor = await stack.graphql(PAGE, { id: target.customerId, month: month(target.cycle), first: 3, after: "bm90LWEtY3Vyc29y" });
    expect(cursor.errors?.map((e) => e.extensions?.code)).toContain("BAD_USER_INPUT");

    const other = target.region === "3201" ? "3202" : "3201";
    const outsider = await stack.token({ roles: ["agent"], region: other, pii: false });
    const refused = await stack.graphql(USAGE, { id: target.customerId }, outsider);
    expect(refused.data?.customer ?? null).toBeNull();
    expect(refused.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
  });

  it("with billing down, costs only billing's fields: null, each with an error naming billing", async () => {
    stack.simulators.billing.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(USAGE, { id: target.customerId });
      expect(data!.customer.name).toEqual(expect.any(String));
      expect(data!.customer.prepaymentBalanceFen).toBeNull();
      expect(data!.customer.feeTrend).toBeNull();
      expect(data!.customer.accounts).toBeNull();
      expect(errors!.length).toBeGreaterThan(0);
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "billing" });
    } finally {
      stack.simulators.billing.faults.clear();
    }
  });
});

function byLine(a: { month: string; type: string }, b: { month: string; type: string }): number {
  return a.month.localeCompare(b.month) || a.type.localeCompare(b.type);
}
