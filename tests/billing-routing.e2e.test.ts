import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadOperations } from "../gateway/explorer/operations.js";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { modernBillingSchema } from "../sandbox/schema/modern-billing.js";
import type { StackOptions } from "../stack/start-stack.js";
import { readmeQuery } from "./support/readme.js";
import { startTestStack, type TestStack } from "./support/stack.js";

/**
 * Moving one province's billing to modern billing (BILLING_ADAPTER_BY_REGION) changes no answer: the README's customer
 * query and docs/queries' account and usage operations answer the same, whole, for customers inside and outside the
 * province, before and after the switch. And the switch is real: with modern billing down, only that province's
 * billing fails.
 */
const sandbox = inject("sandbox");
const PREFIX = "brt_";
const operations = loadOperations();
const documentOf = (file: string) => operations.find((o) => o.file === file)!.document;

type Asked = { name: string; query: string; variables: Record<string, unknown> };
let asked: Asked[] = [];
let moved: { customerId: string; province: string };
let stayed: string;

/** The billing cycle before the as-of date's. */
function monthBefore(asOf: string): string {
  const [year, month] = asOf.split("-").map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

async function withStack<T>(extra: Pick<StackOptions, "billingRouting" | "modernBilling">, run: (stack: TestStack) => Promise<T>): Promise<T> {
  const stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf, {}, extra);
  try {
    return await run(stack);
  } finally {
    await stack.close();
  }
}

/** Every operation's whole answer, errors included. */
const answersOf = (stack: TestStack) => Promise.all(asked.map((a) => stack.graphql(a.query, a.variables)));

let before: unknown[];

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 60, seed: 31, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  before = await withStack({}, async (stack) => {
    const { data } = await stack.graphql(`{ customers(first: 60) { edges { node { id accounts { accountNo services { serviceNo } } } } } }`);
    type Node = { id: string; accounts: { accountNo: string; services: { serviceNo: string }[] }[] };
    const nodes = (data!.customers.edges as { node: Node }[]).map((e) => e.node).filter((n) => n.accounts.some((a) => a.services.length > 0));
    const first = nodes[0]!;
    const other = nodes.find((n) => n.id.slice(0, 2) !== first.id.slice(0, 2))!;
    moved = { customerId: first.id, province: first.id.slice(0, 2) };
    stayed = other.id;
    const month = monthBefore(sandbox.asOf);
    asked = [first, other].flatMap((n) => [
      { name: `README ${n.id}`, query: readmeQuery(n.id), variables: {} },
      ...n.accounts.map((a) => ({ name: `account ${a.accountNo}`, query: documentOf("account-detail.graphql"), variables: { accountNo: a.accountNo } })),
      { name: `usage ${n.id}`, query: documentOf("usage.graphql"), variables: { id: n.id, month, first: 5 } },
    ]);
    return answersOf(stack);
  });
}, 300_000);
afterAll(async () => {
  const db = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 1 });
  await db.query(`DROP SCHEMA IF EXISTS "${modernBillingSchema(PREFIX)}" CASCADE`);
  await db.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

describe("billing routed by region", () => {
  it("answers the same when one province moves to modern billing, and only that province depends on it", async () => {
    for (const [i, answer] of before.entries()) expect(answer, asked[i]!.name).not.toHaveProperty("errors");
    // Answers with billing in them: bills, usage and detail records of the cycle asked.
    const text = JSON.stringify(before);
    for (const part of ['"billNo"', '"callClass"', '"startedAt"', '"feeTrend"']) expect(text).toContain(part);
    await withStack({ modernBilling: true, billingRouting: { fallback: "sql", byRegion: { [moved.province]: "modern" } } }, async (stack) => {
      const after = await answersOf(stack);
      for (const [i, answer] of after.entries()) expect(answer, asked[i]!.name).toEqual(before[i]);

      // One batch over both provinces: one call to each adapter, and one only.
      const both = `query ($a: ID!, $b: ID!) { a: customer(id: $a) { accounts { accountNo } } b: customer(id: $b) { accounts { accountNo } } }`;
      stack.roundTrips.reset();
      expect((await stack.graphql(both, { a: moved.customerId, b: stayed })).errors).toBeUndefined();
      expect(stack.roundTrips.get("billing")).toBe(2);

      stack.simulators.modernBilling!.faults.set({ down: true });
      const accounts = `query ($id: ID!) { customer(id: $id) { id accounts { accountNo } } }`;
      const inside = await stack.graphql(accounts, { id: moved.customerId });
      const outside = await stack.graphql(accounts, { id: stayed });
      expect(inside.errors?.map((e) => e.extensions?.code)).toContain("SOURCE_UNAVAILABLE");
      expect(outside.errors).toBeUndefined();
      expect(outside.data!.customer.accounts.length).toBeGreaterThan(0);
      stack.simulators.modernBilling!.faults.clear();
    });
  });
});
