import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";

import { encodeCursor } from "../subgraphs/profile/cursor.js";
import { DEFAULT_ORDER } from "../subgraphs/profile/filter.js";
import { startTestStack, type TestStack, type GraphQLResponse } from "./support/stack.js";

const sandbox = inject("sandbox");
// Its own population: the adapter tests insert and remove rows in the shared one while this file runs.
const PREFIX = "e2e_";
const s = schemaNames(PREFIX);
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
let stack: TestStack;

const LINE_STATE = "CASE l.line_state WHEN 1 THEN 'UP' WHEN 2 THEN 'DOWN' WHEN 3 THEN 'DEGRADED' WHEN 9 THEN 'OUT_OF_SERVICE' END";

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 150, seed: 3, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
});
afterAll(async () => {
  await stack?.close();
  await pool.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await pool.query(sql, values)).rows as T[];
}

/** An enterprise key account with unpaid bills: it has something to show in all four systems. */
async function richCustomer(): Promise<string> {
  const [row] = await rows<{ id: string }>(
    `SELECT c.cust_no AS id FROM ${s.hall}.tb_cust c
      WHERE c.cust_type = '04'
        AND EXISTS (SELECT 1 FROM ${s.billing}."ACCT" a JOIN ${s.billing}."ACCT_ITEM_OWE" o ON o."ACCT_ID" = a."ACCT_ID"
                     JOIN ${s.billing}."CUST" bc ON bc."CUST_ID" = a."CUST_ID" WHERE bc."CUST_CODE" = substr(c.cust_no, 1, 4) || '-' || substr(c.cust_no, 5))
      ORDER BY c.cust_no LIMIT 1`,
  );
  if (!row) throw new Error("the e2e population has no enterprise key account in arrears");
  return row.id;
}

const WALK = `query Walk($id: ID!) {
  customer(id: $id) {
    id name kind region { code name }
    accounts { accountNo bills(unpaidOnly: true) { billNo month amountFen paidFen dueDate state } }
    subscriptions { serviceNo product status network { status } }
    keyAccount { level relationship manager { id name phone } }
  }
}`;

describe("the customer graph, end to end", () => {
  it("walks customer → accounts → unpaid bills → subscriptions → network status → key-account manager, as the legacy systems hold them", async () => {
    const id = await richCustomer();
    const { data, errors } = await stack.graphql(WALK, { id });
    expect(errors).toBeUndefined();
    const customer = data!.customer;

    const [hall] = await rows<{ name: string; region: string; region_name: string }>(
      `SELECT c.cust_name AS name, c.region_code AS region, r.region_name FROM ${s.hall}.tb_cust c JOIN ${s.hall}.tb_region r USING (region_code) WHERE cust_no = $1`,
      [id],
    );
    expect(customer).toMatchObject({ id, name: hall!.name, kind: "ENTERPRISE_KEY_ACCOUNT", region: { code: hall!.region, name: hall!.region_name } });

    const bills = await rows<{ account: string; bill: string; cycle: string; amount: string; owed: string | null; due: string }>(
      `SELECT a."ACCT_NBR" AS account, b."BILL_ID"::text AS bill, b."BILLING_CYCLE_ID" AS cycle, b."BILL_AMOUNT"::text AS amount,
              (SELECT sum(o."OWE_AMOUNT") FROM ${s.billing}."ACCT_ITEM_OWE" o WHERE o."BILL_ID" = b."BILL_ID")::text AS owed, b."DUE_DATE" AS due
         FROM ${s.billing}."ACCT" a JOIN ${s.billing}."CUST" c ON c."CUST_ID" = a."CUST_ID"
         LEFT JOIN ${s.billing}."BILL" b ON b."ACCT_ID" = a."ACCT_ID"
        WHERE c."CUST_CODE" = $1 ORDER BY a."ACCT_NBR", b."BILLING_CYCLE_ID" DESC`,
      [`${id.slice(0, 4)}-${id.slice(4)}`],
    );
    const accountNos = [...new Set(bills.map((b) => b.account))];
    expect(customer.accounts.map((a: { accountNo: string }) => a.accountNo).sort()).toEqual(accountNos);
    const expectedUnpaid = bills
      .filter((b) => b.owed !== null)
      .map((b) => ({
        account: b.account,
        billNo: b.bill,
        month: `${b.cycle.slice(0, 4)}-${b.cycle.slice(4)}`,
        amountFen: Number(b.amount),
        paidFen: Number(b.amount) - Number(b.owed),
        dueDate: `${b.due.slice(0, 4)}-${b.due.slice(4, 6)}-${b.due.slice(6)}`,
      }));
    expect(expectedUnpaid.length).toBeGreaterThan(0);
    const gotUnpaid = customer.accounts.flatMap((a: { accountNo: string; bills: Record<string, unknown>[] }) =>
      a.bills.map(({ state: _state, ...bill }) => ({ account: a.accountNo, ...bill })),
    );
    expect(gotUnpaid).toEqual(expectedUnpaid);

    const lines = await rows<{ serv_no: string; product: string; status: string | null }>(
      `SELECT u.serv_no, u.product_name AS product, ${LINE_STATE} AS status
         FROM ${s.hall}.tb_user u
         LEFT JOIN ${s.network}.line l ON l.acc_num = CASE u.product_code
              WHEN 'GH' THEN regexp_replace(u.serv_no, '^(0[12][0-9]|0[3-9][0-9]{2})', '\\1-')
              WHEN 'YD' THEN '86' || u.serv_no WHEN 'KD' THEN lower(u.serv_no) ELSE u.serv_no END
        WHERE u.cust_no = $1 ORDER BY u.serv_no`,
      [id],
    );
    const got = customer.subscriptions
      .map((x: { serviceNo: string; product: string; network: { status: string } | null }) => ({ serv_no: x.serviceNo, product: x.product, status: x.network?.status ?? null }))
      .sort((a: { serv_no: string }, b: { serv_no: string }) => a.serv_no.localeCompare(b.serv_no));
    expect(got).toEqual(lines);
    expect(lines.every((l) => l.status !== null)).toBe(true);

    const [manager] = await rows<{ id: string; name: string; phone: string }>(
      `SELECT m."JLBH" AS id, m."XM" AS name, m."LXDH" AS phone FROM ${s.keyAccount}."DKH_KHXX" k
         JOIN ${s.keyAccount}."DKH_KHJL" m ON m."JLBH" = k."KHJL" WHERE k."YYKHH" = $1`,
      ["KH" + id],
    );
    expect(customer.keyAccount.manager).toEqual(manager);
  });

  it("makes the same round trips per system for 1 customer and for 50: one per system per level", async () => {
    const id = await richCustomer();
    const [previous] = await rows<{ id: string }>(`SELECT max(cust_no) AS id FROM ${s.hall}.tb_cust WHERE cust_no < $1`, [id]);
    const after = previous?.id ? encodeCursor(DEFAULT_ORDER, { value: previous.id, customerId: previous.id }) : null;
    const query = `query Page($first: Int!, $after: String) {
      customers(first: $first, after: $after) { edges { node {
        name
        accounts { bills(unpaidOnly: true) { amountFen } }
        subscriptions { network { status } }
        keyAccount { manager { name } }
      } } }
    }`;
    const count = async (first: number) => {
      stack.roundTrips.reset();
      const { data, errors } = await stack.graphql(query, { first, after });
      expect(errors).toBeUndefined();
      expect(data!.customers.edges).toHaveLength(first);
      return stack.roundTrips.snapshot();
    };
    const one = await count(1);
    const fifty = await count(50);
    expect(fifty).toEqual(one);
    // hall: the page, then subscriptions; billing: accounts, then bills; network: lines; key accounts: accounts, then managers.
    expect(fifty).toEqual({ "business-hall": 2, billing: 2, network: 1, "key-account": 2, "call-centre": 0 });
  });

  it("pages through all customers with opaque cursors and a totalCount", async () => {
    const [{ n }] = (await rows<{ n: string }>(`SELECT count(*)::text AS n FROM ${s.hall}.tb_cust`)) as [{ n: string }];
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: GraphQLResponse<Record<string, any>> = await stack.graphql(`query($after: String) { customers(first: 64, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { after });
      expect(errors).toBeUndefined();
      expect(data!.customers.totalCount).toBe(Number(n));
      seen.push(...data!.customers.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!data!.customers.pageInfo.hasNextPage) break;
      after = data!.customers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(Number(n));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
  });

  it("finds customers by service number and accounts by number; unknown ids are null", async () => {
    const [line] = await rows<{ serv_no: string; cust_no: string }>(`SELECT serv_no, cust_no FROM ${s.hall}.tb_user ORDER BY serv_no LIMIT 1`);
    const [account] = await rows<{ nbr: string; name: string }>(`SELECT "ACCT_NBR" AS nbr, "ACCT_NAME" AS name FROM ${s.billing}."ACCT" ORDER BY 1 LIMIT 1`);
    const { data, errors } = await stack.graphql(
      `query($serviceNo: String!, $accountNo: ID!) {
        byLine: customerByServiceNumber(serviceNo: $serviceNo) { id }
        account(accountNo: $accountNo) { accountNo name customer { id name } }
        nobody: customer(id: "999999999999") { id }
        noLine: customerByServiceNumber(serviceNo: "13399999999") { id }
        noAccount: account(accountNo: "88999999999999") { accountNo }
      }`,
      { serviceNo: line!.serv_no, accountNo: account!.nbr },
    );
    expect(errors).toBeUndefined();
    expect(data!.byLine).toEqual({ id: line!.cust_no });
    expect(data!.account.accountNo).toBe(account!.nbr);
    expect(data!.account.customer.name).toBe(account!.name);
    expect(data).toMatchObject({ nobody: null, noLine: null, noAccount: null });
  });

  it("answers a malformed id with BAD_USER_INPUT and no legacy details", async () => {
    const { data, errors } = await stack.graphql(`{ customer(id: "12-34") { id } account(accountNo: "x") { accountNo } customers(first: 5, after: "nonsense") { totalCount } }`);
    expect(data).toEqual({ customer: null, account: null, customers: null });
    expect(errors!.map((e) => e.path?.join(".")).sort()).toEqual(["account", "customer", "customers"]);
    for (const e of errors!) {
      expect(e.extensions?.code).toBe("BAD_USER_INPUT");
      expect(Object.keys(e.extensions ?? {})).toEqual(["code"]);
    }
  });
});
