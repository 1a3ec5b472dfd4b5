import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PLACE_COLUMNS, placeOfRow } from "../adapters/billing/code-tables.testing.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { allCustomers } from "./support/customers.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Where payments are made (交费地点), through the whole stack, against billing's PAYMENT and its code table of
 * collection points (COLLECT_SITE) read directly: each payment's place, where each customer pays, a payment
 * recorded with its place; another region's caller refused; billing down costs only billing's fields. A
 * population of its own, since payments are written into it.
 */
const sandbox = inject("sandbox");
const PREFIX = "place_";
const b = `"${schemaNames(PREFIX).billing}"`;
const CUSTOMERS = 120;

let stack: TestStack;
let pool: pg.Pool;

type Raw = Record<string, any>;
const rows = async (text: string, values: unknown[] = []): Promise<Raw[]> => (await pool.query(text, values)).rows as Raw[];
const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const custCode = (id: string) => `${id.slice(0, 4)}-${id.slice(4)}`;

const PLACE = "place { code name kind localNetwork bankId }";
/** An account has at most one payment a billed month: 12 in the window, fewer than a page of 15. */
const PAYMENTS_PAGE = 15;
const FIELDS = `id
  accounts { accountNo payments(first: ${PAYMENTS_PAGE}) { paymentId channel ${PLACE} } }
  paymentPlaces { ${PLACE} payments amountFen lastPaidOn }`;
const LIST = `query($first: Int!, $after: String) { customers(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${FIELDS} } } } }`;
const ONE = `query($id: ID!) { customer(id: $id) { id name paymentPlaces { ${PLACE} payments } accounts { accountNo payments(first: 5) { paymentId ${PLACE} } } } }`;
const RECORD = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { replayed payment { paymentId amountFen channel ${PLACE} } } }`;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: CUSTOMERS, seed: 31, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await pool?.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

/** Each customer's payments with their places, as billing's tables hold them. */
async function directPayments(): Promise<Map<string, Raw[]>> {
  const found = await rows(
    `SELECT c."CUST_CODE", p."PAYMENT_ID"::text AS id, p."PAY_CHANNEL", p."PAY_DATE", p."AMOUNT", p."SITE_ID", ${PLACE_COLUMNS}
     FROM ${b}."PAYMENT" p JOIN ${b}."ACCT" a USING ("ACCT_ID") JOIN ${b}."CUST" c ON c."CUST_ID" = a."CUST_ID"
     LEFT JOIN ${b}."COLLECT_SITE" st ON st."SITE_ID" = p."SITE_ID"`,
  );
  const byCustomer = new Map<string, Raw[]>();
  for (const row of found) byCustomer.set(row.CUST_CODE.replace("-", ""), [...(byCustomer.get(row.CUST_CODE.replace("-", "")) ?? []), row]);
  return byCustomer;
}

/** Where a customer pays, worked out here from its payments: the 12 months up to the as-of date, by place. */
function placesOf(payments: Raw[]) {
  const [year, month] = sandbox.asOf.split("-").map(Number) as [number, number];
  const from = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 10);
  const uses = new Map<string, { place: unknown; payments: number; amountFen: number; lastPaidOn: string }>();
  for (const p of payments) {
    const paidOn = iso(p.PAY_DATE);
    if (p.SITE_ID === null || paidOn < from || paidOn > sandbox.asOf) continue;
    const use = uses.get(p.SITE_ID) ?? { place: placeOfRow(p), payments: 0, amountFen: 0, lastPaidOn: paidOn };
    use.payments += 1;
    use.amountFen += Number(p.AMOUNT);
    if (paidOn > use.lastPaidOn) use.lastPaidOn = paidOn;
    uses.set(p.SITE_ID, use);
  }
  return [...uses.entries()]
    .sort(([a, x], [c, y]) => y.payments - x.payments || y.lastPaidOn.localeCompare(x.lastPaidOn) || a.localeCompare(c))
    .map(([, use]) => use);
}

describe("payment places", () => {
  it("serves each payment's place and where each customer pays as billing's PAYMENT and COLLECT_SITE hold them", async () => {
    const nodes = await allCustomers<Raw>(stack, FIELDS, 20);
    const direct = await directPayments();
    expect(nodes).toHaveLength(CUSTOMERS);
    const kinds = new Set<string | null>();
    for (const node of nodes) {
      const mine = direct.get(node.id) ?? [];
      for (const account of node.accounts) expect(account.payments.length).toBeLessThan(PAYMENTS_PAGE);
      const served = node.accounts.flatMap((a: Raw) => a.payments);
      expect(served).toHaveLength(mine.length);
      const byId = new Map(mine.map((p) => [p.id, p]));
      for (const payment of served) {
        const row = byId.get(payment.paymentId)!;
        expect(payment.place, payment.paymentId).toEqual(placeOfRow(row));
        kinds.add(payment.place?.kind ?? null);
      }
      expect(node.paymentPlaces, node.id).toEqual(placesOf(mine));
    }
    expect(kinds).toEqual(new Set(["BUSINESS_HALL", "AGENT_POINT", "BANK_BRANCH", null]));
    // The generator's rule, read back from the tables: a hall payment at a hall or agent point of the customer's
    // local network, a bank debit at a branch of the account's bank, no place for web payments and prepaid deductions.
    const [inconsistent] = await rows(
      `SELECT count(*)::int AS n FROM ${b}."PAYMENT" p JOIN ${b}."ACCT" a USING ("ACCT_ID") JOIN ${b}."CUST" c ON c."CUST_ID" = a."CUST_ID"
       LEFT JOIN ${b}."COLLECT_SITE" st ON st."SITE_ID" = p."SITE_ID"
       WHERE NOT CASE p."PAY_CHANNEL" WHEN 'H' THEN st."SITE_TYPE" IN ('H', 'A') AND st."LATN_ID" = c."LATN_ID"
                                      WHEN 'B' THEN st."SITE_TYPE" = 'B' AND st."LATN_ID" = c."LATN_ID" AND st."BANK_ID" = a."BANK_ID"
                                      ELSE p."SITE_ID" IS NULL END`,
    );
    expect(inconsistent!.n).toBe(0);
  });

  it("reads the places of a page of customers in as many round trips to billing as one customer's", async () => {
    const billingTrips = async (first: number) => {
      stack.roundTrips.reset();
      const { errors } = await stack.graphql(LIST, { first });
      expect(errors).toBeUndefined();
      return stack.roundTrips.get("billing");
    };
    expect(await billingTrips(40)).toBe(await billingTrips(1));
  });

  it("refuses another region's caller the customer and the account whole, and serves its own region", async () => {
    const [target] = await rows(
      `SELECT c."CUST_CODE", c."LATN_ID", a."ACCT_NBR" FROM ${b}."PAYMENT" p JOIN ${b}."ACCT" a USING ("ACCT_ID") JOIN ${b}."CUST" c ON c."CUST_ID" = a."CUST_ID"
       WHERE p."SITE_ID" IS NOT NULL ORDER BY c."CUST_CODE" LIMIT 1`,
    );
    const id = target!.CUST_CODE.replace("-", "");
    const other = target!.LATN_ID.startsWith("32") ? "33" : "32";
    const outsider = await stack.token({ roles: ["agent"], region: other });
    const refused = await stack.graphql(ONE, { id }, outsider);
    expect(refused.data?.customer ?? null).toBeNull();
    expect(refused.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
    const account = await stack.graphql(`query($no: ID!) { account(accountNo: $no) { payments { ${PLACE} } } }`, { no: target!.ACCT_NBR }, outsider);
    expect(account.data?.account ?? null).toBeNull();
    expect(account.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");

    const own = await stack.graphql(ONE, { id }, await stack.token({ roles: ["agent"], region: target!.LATN_ID }));
    expect(own.errors).toBeUndefined();
    expect(own.data!.customer.paymentPlaces).toEqual(placesOf((await directPayments()).get(id)!).map(({ place, payments }) => ({ place, payments })));
  });

  it("with billing down, costs only billing's fields: null, each with an error naming billing", async () => {
    const [row] = await rows(`SELECT "CUST_CODE" FROM ${b}."CUST" ORDER BY "CUST_CODE" LIMIT 1`);
    stack.simulators.billing.faults.set({ down: true });
    try {
      const { data, errors } = await stack.graphql(ONE, { id: row!.CUST_CODE.replace("-", "") });
      expect(data!.customer.name).toEqual(expect.any(String));
      expect(data!.customer.paymentPlaces).toBeNull();
      expect(data!.customer.accounts).toBeNull();
      expect(errors!.length).toBeGreaterThan(0);
      for (const error of errors!) expect(error.extensions).toMatchObject({ code: "SOURCE_UNAVAILABLE", source: "billing" });
    } finally {
      stack.simulators.billing.faults.clear();
    }
  });

  it("records a payment with the collection point that took it, and refuses one billing would not", async () => {
    const [account] = await rows(
      `SELECT a."ACCT_NBR", c."LATN_ID", c."CUST_CODE" FROM ${b}."ACCT" a JOIN ${b}."CUST" c ON c."CUST_ID" = a."CUST_ID" ORDER BY a."ACCT_ID" LIMIT 1`,
    );
    const [agentPoint] = await rows(`SELECT st."SITE_ID", ${PLACE_COLUMNS} FROM ${b}."COLLECT_SITE" st WHERE st."LATN_ID" = $1 AND st."SITE_TYPE" = 'A' ORDER BY 1 LIMIT 1`, [account!.LATN_ID]);
    const [elsewhere] = await rows(`SELECT st."SITE_ID" FROM ${b}."COLLECT_SITE" st WHERE st."LATN_ID" <> $1 AND st."SITE_TYPE" = 'H' ORDER BY 1 LIMIT 1`, [account!.LATN_ID]);
    const agent = await stack.token({ roles: ["agent"], region: account!.LATN_ID });
    const input = (change: Raw) => ({ accountNo: account!.ACCT_NBR, amountFen: 8800, channel: "HALL", idempotencyKey: randomUUID(), ...change });

    const recorded = await stack.graphql(RECORD, { input: input({ placeCode: agentPoint!.SITE_ID }) }, agent);
    expect(recorded.errors).toBeUndefined();
    const payment = recorded.data!.recordPayment.payment;
    expect(payment.place).toEqual(placeOfRow(agentPoint!));
    const [stored] = await rows(`SELECT "SITE_ID", "PAY_CHANNEL" FROM ${b}."PAYMENT" WHERE "PAYMENT_ID" = $1`, [payment.paymentId]);
    expect(stored).toEqual({ SITE_ID: agentPoint!.SITE_ID, PAY_CHANNEL: "H" });
    const read = await stack.graphql(ONE, { id: account!.CUST_CODE.replace("-", "") });
    expect(read.data!.customer.accounts.flatMap((a: Raw) => a.payments)).toContainEqual({ paymentId: payment.paymentId, place: payment.place });

    // Billing's refusals reach the caller in the graph's fixed words; the graph's own checks name the argument.
    const refusedByBilling = /billing refused the payment: .*placeCode is not one of its collection points/;
    for (const [change, message] of [
      [{ placeCode: elsewhere!.SITE_ID }, refusedByBilling],
      [{ placeCode: "9999H999" }, refusedByBilling],
      [{ placeCode: agentPoint!.SITE_ID, channel: "BANK" }, refusedByBilling],
      [{ placeCode: agentPoint!.SITE_ID, channel: "WEB" }, /input.placeCode: a WEB payment is taken at no collection point/],
      [{ placeCode: "not a code" }, /input.placeCode "not a code" is not a collection point's code/],
    ] as const) {
      const refused = await stack.graphql(RECORD, { input: input(change) }, agent);
      expect(refused.data?.recordPayment ?? null, JSON.stringify(change)).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(refused.errors?.[0]?.message).toMatch(message);
    }
    const [count] = await rows(`SELECT count(*)::int AS n FROM ${b}."PAYMENT" WHERE "OUT_SERIAL_NBR" IS NOT NULL`);
    expect(count!.n).toBe(1);
  });
});
