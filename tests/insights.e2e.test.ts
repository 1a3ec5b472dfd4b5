import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropSandbox, generateSandbox } from "../sandbox/generate/generate.js";
import { schemaNames } from "../sandbox/schema/names.js";

import { loadScoringModel } from "../subgraphs/insights/config.js";
import { startTestStack, type TestStack } from "./support/stack.js";

const sandbox = inject("sandbox");
// Its own population, so that no other test's temporary rows can show up in a page of customers.
const PREFIX = "ins_";
const s = schemaNames(PREFIX);
const pool = new pg.Pool({ connectionString: sandbox.databaseUrl, max: 2 });
let stack: TestStack;

beforeAll(async () => {
  await generateSandbox({ databaseUrl: sandbox.databaseUrl, customers: 160, seed: 5, asOf: sandbox.asOf, schemaPrefix: PREFIX, dirtyShare: 0 });
  stack = await startTestStack(sandbox.databaseUrl, PREFIX, sandbox.asOf);
});
afterAll(async () => {
  await stack?.close();
  await pool.end();
  await dropSandbox(sandbox.databaseUrl, PREFIX);
});

const FACTOR = "factors { name weight value contribution reason }";
/** Each judgement's selection; JUDGEMENTS asks for all of them at once. */
const SELECTIONS: Record<string, string> = {
  credit: `credit { score level list listReason ${FACTOR} }`,
  loyalty: `loyalty { score level ${FACTOR} }`,
  satisfaction: `satisfaction { score level label surveyDate ${FACTOR} } satisfactionMissingReason`,
  valueTier: `valueTier { tier arpuFen arpaFen revenue12mFen costToServeFen reason }`,
  potentialKeyAccount: `potentialKeyAccount { potential revenue12mFen thresholdFen reason }`,
  arrears: `arrears { totalFen oldestDueDate buckets { label amountFen } dunningStage byService { serviceNo amountFen } byAccount { accountNo amountFen } }`,
  churnRisk: `churnRisk { score level reasons ${FACTOR} }`,
  abnormal: `abnormal { flags { code reason } }`,
};
const JUDGEMENTS = Object.values(SELECTIONS).join("\n");

interface Scored {
  score: number;
  factors: { contribution: number; weight: number }[];
}

async function page(first: number, fields: string, after: string | null = null) {
  const { data, errors } = await stack.graphql(`query($first: Int!, $after: String) { customers(first: $first, after: $after) { edges { node { id ${fields} } } } }`, { first, after });
  expect(errors).toBeUndefined();
  return data!.customers.edges.map((e: { node: Record<string, any> }) => e.node);
}

describe("computed judgements, end to end", () => {
  it("arrears equal the unpaid remainders of past-due bills read through the graph, and every split adds up", async () => {
    const nodes = await page(80, `accounts { bills(unpaidOnly: true) { amountFen paidFen dueDate } } arrears { totalFen buckets { amountFen } byService { amountFen } byAccount { amountFen } }`);
    let inArrears = 0;
    for (const node of nodes) {
      const pastDue = node.accounts
        .flatMap((a: { bills: { amountFen: number; paidFen: number; dueDate: string }[] }) => a.bills)
        .filter((b: { dueDate: string }) => b.dueDate < sandbox.asOf)
        .reduce((sum: number, b: { amountFen: number; paidFen: number }) => sum + b.amountFen - b.paidFen, 0);
      expect(node.arrears.totalFen, `customer ${node.id}`).toBe(pastDue);
      const sum = (xs: { amountFen: number }[]) => xs.reduce((t, x) => t + x.amountFen, 0);
      expect(sum(node.arrears.buckets)).toBe(pastDue);
      expect(sum(node.arrears.byService)).toBe(pastDue);
      expect(sum(node.arrears.byAccount)).toBe(pastDue);
      if (pastDue > 0) inArrears++;
    }
    expect(inArrears).toBeGreaterThan(0);
  });

  it("explains every score: the factors' contributions add up to it and their weights to 1", async () => {
    const nodes = await page(120, JUDGEMENTS);
    const scores: Scored[] = nodes.flatMap((n: Record<string, Scored | null>) => [n.credit, n.loyalty, n.satisfaction, n.churnRisk].filter((x): x is Scored => x !== null));
    expect(scores.length).toBeGreaterThan(3 * nodes.length);
    for (const scored of scores) {
      const contributions = scored.factors.reduce((t, f) => t + Math.round(f.contribution * 100), 0);
      expect(contributions).toBe(Math.round(scored.score * 100));
      expect(scored.factors.reduce((t, f) => t + f.weight, 0)).toBeCloseTo(1, 9);
    }
    // Not everyone in one bucket, even in a small population.
    expect(new Set(nodes.map((n: { credit: { list: string } }) => n.credit.list)).size).toBeGreaterThan(1);
    expect(new Set(nodes.map((n: { valueTier: { tier: string } }) => n.valueTier.tier)).size).toBeGreaterThan(2);
  });

  it("gives the same customer the same judgements on every call", async () => {
    const first = await page(25, JUDGEMENTS);
    const again = await page(25, JUDGEMENTS);
    expect(again).toEqual(first);
  });

  it("makes one call per legacy system per level for the judgements of 1 or of 50 customers", async () => {
    const count = async (first: number) => {
      stack.roundTrips.reset();
      expect(await page(first, JUDGEMENTS)).toHaveLength(first);
      return stack.roundTrips.snapshot();
    };
    const one = await count(1);
    const fifty = await count(50);
    expect(fifty).toEqual(one);
    // The hall: the page, then its facts; each other system: its facts.
    expect(fifty).toEqual({ "business-hall": 2, billing: 1, network: 1, "key-account": 1, "call-centre": 0 });
  });

  it("computes each judgement asked alone from only the facts it requires, at the cost of only those sources", async () => {
    // Round trips per source when the judgement is asked alone: the hall always pays for the page.
    const trips: Record<string, Record<string, number>> = {
      credit: { "business-hall": 2, billing: 1, network: 0, "key-account": 0, "call-centre": 0 },
      loyalty: { "business-hall": 2, billing: 1, network: 0, "key-account": 0, "call-centre": 0 },
      satisfaction: { "business-hall": 2, billing: 0, network: 0, "key-account": 0, "call-centre": 0 },
      valueTier: { "business-hall": 2, billing: 1, network: 1, "key-account": 1, "call-centre": 0 },
      potentialKeyAccount: { "business-hall": 2, billing: 1, network: 0, "key-account": 1, "call-centre": 0 },
      arrears: { "business-hall": 1, billing: 1, network: 0, "key-account": 0, "call-centre": 0 },
      churnRisk: { "business-hall": 2, billing: 1, network: 0, "key-account": 0, "call-centre": 0 },
      abnormal: { "business-hall": 2, billing: 1, network: 0, "key-account": 0, "call-centre": 0 },
    };
    // The whole population, so that rare branches (key accounts, stains, old arrears) are read too.
    const together = await page(160, JUDGEMENTS);
    for (const [name, selection] of Object.entries(SELECTIONS)) {
      // 40 customers hold fewer than the network's 500 numbers per request, so each source is one trip.
      stack.roundTrips.reset();
      await page(40, selection);
      expect(stack.roundTrips.snapshot(), name).toEqual(trips[name]);
      // The same answer as when every fact was fetched.
      const nodes = await page(160, selection);
      expect(nodes.map((n: Record<string, unknown>) => n[name]), name).toEqual(together.map((n: Record<string, unknown>) => n[name]));
    }
  });

  it("leaves satisfaction null, with a reason, for a customer who never answered a survey", async () => {
    const [silent] = (await pool.query(`SELECT cust_no AS id FROM ${s.hall}.tb_cust c WHERE NOT EXISTS (SELECT 1 FROM ${s.hall}.tb_survey v WHERE v.cust_no = c.cust_no) ORDER BY 1 LIMIT 1`)).rows;
    // A survey the model still trusts: answered within its maximum age before the reference date.
    const { maxSurveyAgeDays } = loadScoringModel().satisfaction;
    const [surveyed] = (await pool.query(`SELECT cust_no AS id FROM ${s.hall}.tb_survey WHERE survey_date > $1::date - $2::int ORDER BY 1 LIMIT 1`, [sandbox.asOf, maxSurveyAgeDays])).rows;
    const query = `query($a: ID!, $b: ID!) { a: customer(id: $a) { satisfaction { score } satisfactionMissingReason loyalty { score } } b: customer(id: $b) { satisfaction { score label } satisfactionMissingReason } }`;
    const { data, errors } = await stack.graphql(query, { a: silent.id, b: surveyed.id });
    expect(errors).toBeUndefined();
    expect(data!.a.satisfaction).toBeNull();
    expect(data!.a.satisfactionMissingReason).toEqual(expect.stringMatching(/survey/i));
    expect(data!.a.loyalty.score).toEqual(expect.any(Number));
    expect(data!.b.satisfaction.score).toEqual(expect.any(Number));
    expect(data!.b.satisfactionMissingReason).toBeNull();
  });

  it("keeps the facts behind the judgements out of the public schema", async () => {
    const { errors } = await stack.graphql(`{ customers(first: 1) { edges { node { billingFacts } } } }`);
    expect(errors![0]!.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });
});
