import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DirtKind, DirtyRow } from "../sandbox/generate/dirt.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";
import { decodeCursor } from "../subgraphs/profile/cursor.js";
import { DEFAULT_ORDER } from "../subgraphs/profile/filter.js";
import { startTestStack, type GraphQLResponse, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
// Its own population with plenty of dirt: seed 155 spoils rows of all four systems, padded names and an unknown customer type included.
const PREFIX = "dirty_";
const s = schemaNames(PREFIX);
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });

type Path = (string | number)[];
type GraphQLError = NonNullable<GraphQLResponse<unknown>["errors"]>[number];
interface Edge {
  cursor: string;
  node: Record<string, any> | null;
}

/** Where each kind of dirt must show, as the path below the customer's node; padding is read, not an error. */
const SPOILS: Record<DirtKind, ((tail: Path) => boolean) | "readable"> = {
  "impossible-due-date": (t) => t.length === 3 && t[0] === "accounts" && t[2] === "bills",
  "negative-bill-amount": (t) => t.length === 3 && t[0] === "accounts" && t[2] === "bills",
  "unknown-pay-method": (t) => t.join(".") === "accounts",
  "dangling-service-account": (t) => t.join(".") === "billingFacts",
  "padded-account-name": "readable",
  "padded-customer-name": "readable",
  "unknown-customer-type": (t) => t.length === 0,
  "unknown-line-state": (t) => t.length === 3 && t[0] === "subscriptions" && t[2] === "network",
  "ticket-closed-before-opened": (t) => t.length === 3 && t[0] === "subscriptions" && t[2] === "troubleTickets",
  "unknown-key-account-level": (t) => t.join(".") === "keyAccount",
  "impossible-visit-date": (t) => t.join(".") === "keyAccount.visits",
};

const PAGE = `query Page($after: String) {
  customers(first: 25, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id name kind
      accounts { accountNo name bills { billNo dueDate amountFen } }
      subscriptions { serviceNo status network { status } troubleTickets { ticketNo } }
      keyAccount { level visits { date } }
      arrears { totalFen }
      valueTier { tier }
    } }
  }
}`;

let stack: TestStack;
let dirty: DirtyRow[];
/** Every customer's edge, and every error with its path made absolute over the pages. */
const edges: Edge[] = [];
const errors: GraphQLError[] = [];

beforeAll(async () => {
  const summary = await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 200, seed: 155, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0.02 });
  dirty = summary.dirty;
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
  let after: string | null = null;
  do {
    const { data, errors: pageErrors }: GraphQLResponse<Record<string, any>> = await stack.graphql(PAGE, { after });
    const offset = edges.length;
    for (const error of pageErrors ?? []) errors.push({ ...error, path: error.path?.map((p, i) => (i === 2 ? offset + Number(p) : p)) });
    edges.push(...(data!.customers.edges as Edge[]));
    after = data!.customers.pageInfo.hasNextPage ? data!.customers.pageInfo.endCursor : null;
  } while (after !== null);
});

afterAll(async () => {
  await stack?.close();
  await pool.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

const idOf = (edge: Edge) => decodeCursor(edge.cursor, DEFAULT_ORDER).customerId;
const unreadable = () => dirty.filter((row) => SPOILS[row.kind] !== "readable");
/** The errors under the customer at `index`, with their paths below its node. */
const errorsAt = (index: number) =>
  errors.filter((e) => e.path?.[2] === index).map((e) => ({ ...e, tail: (e.path ?? []).slice(4) as Path }));

describe("a generated population with dirty rows, through the gateway", () => {
  it("has dirt from all four systems, some of it only padding", () => {
    expect(new Set(dirty.map((row) => row.system))).toEqual(new Set(["billing", "business-hall", "network", "key-account"]));
    expect(dirty.some((row) => SPOILS[row.kind] === "readable")).toBe(true);
  });

  it("pages through every customer, dirty or not, each in its place with its cursor", async () => {
    const { rows } = await pool.query<{ cust_no: string }>(`SELECT cust_no FROM ${s.hall}.tb_cust ORDER BY cust_no`);
    expect(edges.map(idOf)).toEqual(rows.map((row) => row.cust_no));
  });

  it("answers every clean customer fully, as the tables hold it, with no error under it", async () => {
    const spoiled = new Set(unreadable().map((row) => row.custNo));
    const { rows } = await pool.query<{ cust_no: string; name: string; accounts: string[] | null }>(
      `SELECT c.cust_no, c.cust_name AS name,
              (SELECT array_agg(a."ACCT_NBR"::text ORDER BY a."ACCT_NBR") FROM ${s.billing}."ACCT" a JOIN ${s.billing}."CUST" b USING ("CUST_ID")
                WHERE b."CUST_CODE" = substr(c.cust_no, 1, 4) || '-' || substr(c.cust_no, 5)) AS accounts
       FROM ${s.hall}.tb_cust c`,
    );
    const tables = new Map(rows.map((row) => [row.cust_no, row]));
    const clean = edges.map((edge, index) => ({ edge, index })).filter(({ edge }) => !spoiled.has(idOf(edge)));
    expect(clean.length).toBe(edges.length - spoiled.size);
    for (const { edge, index } of clean) {
      const row = tables.get(idOf(edge));
      expect(errorsAt(index), idOf(edge)).toEqual([]);
      expect(edge.node).toMatchObject({ id: idOf(edge), name: row?.name.trim(), arrears: expect.any(Object), valueTier: expect.any(Object) });
      expect(edge.node?.accounts.map((a: { accountNo: string }) => a.accountNo)).toEqual(row?.accounts ?? []);
      expect(edge.node?.subscriptions.every((sub: { network: unknown }) => sub.network !== null)).toBe(true);
    }
  });

  it("reads padded names as the names, without an error", () => {
    for (const row of dirty.filter((r) => SPOILS[r.kind] === "readable")) {
      const index = edges.findIndex((edge) => idOf(edge) === row.custNo);
      expect(errorsAt(index)).toEqual([]);
      const names = row.kind === "padded-customer-name" ? [edges[index]?.node?.name] : edges[index]?.node?.accounts.map((a: { name: string }) => a.name);
      expect(names.every((name: string) => name.length > 0 && name === name.trim())).toBe(true);
    }
  });

  it("gives each unreadable row MALFORMED_RECORD naming its system at the path of what it spoils, and costs nothing else", () => {
    for (const row of unreadable()) {
      const index = edges.findIndex((edge) => idOf(edge) === row.custNo);
      const found = errorsAt(index);
      const spoils = SPOILS[row.kind] as (tail: Path) => boolean;
      const malformed = found.filter((e) => e.extensions?.code === "MALFORMED_RECORD");
      expect(malformed.some((e) => spoils(e.tail)), `${row.kind} of ${row.custNo}: ${JSON.stringify(found)}`).toBe(true);
      // Judgements on the spoiled facts fail with them; nothing outside this customer and this system does.
      expect(found.every((e) => e.extensions?.source === row.system && e.path?.[3] === "node")).toBe(true);
      if (row.kind === "unknown-customer-type") expect(edges[index]?.node).toBeNull();
      else expect(edges[index]?.node).toMatchObject({ id: row.custNo, name: expect.stringMatching(/\S/) });
    }
    const spoiledIndexes = new Set(unreadable().map((row) => edges.findIndex((edge) => idOf(edge) === row.custNo)));
    expect(errors.filter((e) => !spoiledIndexes.has(Number(e.path?.[2])))).toEqual([]);
  });

  it("gives a customer asked for alone whose record cannot be read MALFORMED_RECORD at that field", async () => {
    const row = dirty.find((r) => r.kind === "unknown-customer-type");
    const { data, errors: found } = await stack.graphql(`query($id: ID!) { customer(id: $id) { id name } }`, { id: row?.custNo });
    expect(data?.customer).toBeNull();
    expect(found).toEqual([{ message: expect.any(String), path: ["customer"], extensions: { code: "MALFORMED_RECORD", source: "business-hall" } }]);
  });
});
