import "reflect-metadata";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { BillingFacts, BillingPort, FactsQuery } from "../../adapters/billing/port.js";
import type { UsageSummary } from "../../adapters/billing/usage-port.js";
import { scopeFor } from "../kit/scope.js";
import { serviceUsageFactsSchema } from "../kit/usage-facts.js";
import { billingContext } from "./context.js";
import { NO_BILLING } from "./no-facts.js";
import { buildBillingSubgraph } from "./schema.js";
import { usageFactsOf } from "./usage-facts.resolver.js";

// @apollo/subgraph, a CommonJS package, builds the schema with CommonJS graphql: only that copy executes it.
const { graphql } = createRequire(import.meta.url)("graphql") as typeof import("graphql");

const summary = (serviceNo: string, month: string, callClass: UsageSummary["callClass"], records: number, feeFen: number): UsageSummary => ({
  serviceNo, month, callClass, records, outgoing: records, incoming: 0, peak: records, offPeak: 0, seconds: records * 60, volumeKb: 0, feeFen,
});
const service = (serviceNo: string): BillingFacts["services"][number] => ({ serviceNo, product: "MOBILE", status: "ACTIVE", barring: "NONE", startedOn: "2024-01-01" });

/** Three customers with a line each, the first with two; one line never used. */
const LINES: Record<string, string[]> = { "320100000001": ["13300000001", "13300000002"], "320100000002": ["13300000003"], "320100000003": ["13300000004"] };
const SUMMARIES: Record<string, UsageSummary[]> = {
  "13300000001": [summary("13300000001", "2026-11", "LOCAL", 9, 900), summary("13300000001", "2026-10", "DATA", 30, 1_500), summary("13300000001", "2026-10", "LOCAL", 20, 0)],
  "13300000002": [summary("13300000002", "2026-09", "VALUE_ADDED", 4, 40)],
  "13300000003": [summary("13300000003", "2026-10", "LONG_DISTANCE", 5, 300)],
};

function fakePort() {
  const calls = { facts: [] as string[][], summaries: [] as string[][], asOf: [] as (string | undefined)[] };
  const port: Partial<BillingPort> = {
    getBillingFacts: async (ids: readonly string[], query?: FactsQuery) => {
      calls.facts.push([...ids]);
      calls.asOf.push(query?.asOf);
      return new Map(ids.map((id) => [id, { ...NO_BILLING, services: (LINES[id] ?? []).map(service) }]));
    },
    getUsageSummaries: async (nos) => {
      calls.summaries.push([...nos]);
      return new Map(nos.map((n) => [n, SUMMARIES[n] ?? []]));
    },
  };
  return { port: port as BillingPort, calls };
}

let schema: Awaited<ReturnType<typeof buildBillingSubgraph>>["schema"];
beforeAll(async () => {
  schema = (await buildBillingSubgraph()).schema;
});

describe("billing's usage facts for the judgements", () => {
  it("sum each service's call classes per cycle, before the as-of month only, newest cycle first", () => {
    expect(usageFactsOf([...SUMMARIES["13300000002"]!, ...SUMMARIES["13300000001"]!], "2026-11-15")).toEqual({
      usage: [
        { serviceNo: "13300000001", month: "2026-10", records: 50, feeFen: 1_500 },
        { serviceNo: "13300000002", month: "2026-09", records: 4, feeFen: 40 },
      ],
    });
  });

  it("cost billing one facts read and one usage read for many customers, in the judgements' contract", async () => {
    const { port, calls } = fakePort();
    const admin = scopeFor({ subject: "t", roles: ["admin"], region: "HQ", managerId: null, pii: false }, async () => []);
    const { data, errors } = await graphql({
      schema,
      source: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { billingFacts serviceUsageFacts } } }`,
      variableValues: { r: Object.keys(LINES).map((id) => ({ __typename: "Customer", id })) },
      contextValue: billingContext(port, admin, "2026-11-15"),
    });
    expect(errors).toBeUndefined();
    const answers = (data!["_entities"] as { serviceUsageFacts: unknown }[]).map((c) => serviceUsageFactsSchema.parse(c.serviceUsageFacts));
    expect(answers.map((a) => a.usage.map((u) => `${u.serviceNo} ${u.month} ${u.feeFen}`))).toEqual([
      ["13300000001 2026-10 1500", "13300000002 2026-09 40"],
      ["13300000003 2026-10 300"],
      [],
    ]);
    expect(calls.facts).toEqual([Object.keys(LINES)]);
    expect(calls.asOf).toEqual(["2026-11-15"]);
    expect(calls.summaries).toEqual([["13300000001", "13300000002", "13300000003", "13300000004"]]);
  });
});
