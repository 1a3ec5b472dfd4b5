import "reflect-metadata";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { Account, AccountService, BillingPort } from "../../adapters/billing/port.js";
import { usageRequestKey, type FeeLine, type UsageRecordRequest, type UsageSummary } from "../../adapters/billing/usage-port.js";
import { AdapterError } from "../../adapters/kit/errors.js";
import type { Caller } from "../../schema/caller.js";
import { scopeFor } from "../kit/scope.js";
import { billingContext } from "./context.js";
import { buildBillingSubgraph } from "./schema.js";

// @apollo/subgraph, a CommonJS package, builds the schema with CommonJS graphql: only that copy executes it.
const { graphql } = createRequire(import.meta.url)("graphql") as typeof import("graphql");

const NANJING = "320100000001";
const BEIJING = "110100000002";
const account = (accountNo: string, balanceFen: number): Account => ({
  accountNo, serialNo: accountNo.slice(2), customerId: NANJING, name: "张三", paymentMethod: "CASH", bank: null,
  creditLimitFen: 10_000, balanceFen, status: "ACTIVE", openedOn: "2023-01-05",
});
const service = (accountNo: string, serviceNo: string): AccountService => ({
  accountNo, serviceNo, itemGroup: "00", product: "FIXED_LINE", status: "ACTIVE", barring: "NONE", startedOn: "2023-01-05",
});
const ACCOUNTS = [account("88320100000001", 1_500), account("88320100000002", 250)];
const SERVICES: Record<string, AccountService[]> = {
  "88320100000001": [service("88320100000001", "02584000001")],
  "88320100000002": [service("88320100000002", "02584000002")],
};
const FEES: Record<string, FeeLine[]> = {
  "88320100000001": [
    { accountNo: "88320100000001", month: "2026-10", type: "LOCAL_CALLS", amountFen: 700 },
    { accountNo: "88320100000001", month: "2026-09", type: "BASIC_FEE", amountFen: 2_000 },
  ],
  "88320100000002": [{ accountNo: "88320100000002", month: "2026-10", type: "LOCAL_CALLS", amountFen: 300 }],
};
const summary: UsageSummary = {
  serviceNo: "02584000001", month: "2026-10", callClass: "LOCAL", records: 10, outgoing: 6, incoming: 4, peak: 7, offPeak: 3, seconds: 601, volumeKb: 0, feeFen: 700,
};

interface Asked { records: UsageRecordRequest[][]; summaries: string[][] }

function fakePort(asked: Asked, options: { summariesDown?: boolean } = {}): BillingPort {
  const port: Partial<BillingPort> = {
    getAccountsByCustomer: async (ids) => new Map(ids.map((id) => [id, id === NANJING ? ACCOUNTS : []])),
    getServicesByAccount: async (nos) => new Map(nos.map((n) => [n, SERVICES[n] ?? []])),
    getFeeTrends: async (nos) => new Map(nos.map((n) => [n, FEES[n] ?? []])),
    getUsageSummaries: async (nos) => {
      asked.summaries.push([...nos]);
      if (options.summariesDown) throw new AdapterError("SOURCE_UNAVAILABLE", "billing", "billing is down");
      return new Map(nos.map((n) => [n, n === summary.serviceNo ? [summary] : []]));
    },
    getUsageRecords: async (requests) => {
      asked.records.push([...requests]);
      return new Map(
        requests.map((r) => [
          usageRequestKey(r),
          {
            nextCursor: "MjAyNjEwMDEwOTAwMDBMQzAwMDAwMQ",
            records: [{ serviceNo: r.serviceNo, month: r.month, callClass: "LOCAL", startedAt: "2026-10-01T09:00:00", direction: "OUTGOING", peak: true, otherParty: "83001234", seconds: 61, volumeKb: 0, feeFen: 20 }],
          },
        ]),
      );
    },
  };
  return port as BillingPort;
}

let schema: Awaited<ReturnType<typeof buildBillingSubgraph>>["schema"];
beforeAll(async () => {
  schema = (await buildBillingSubgraph()).schema;
});

async function run(query: string, variables: Record<string, unknown>, caller: Partial<Caller>, asked: Asked, options: { summariesDown?: boolean } = {}) {
  const who: Caller = { subject: "u", roles: ["agent"], region: "3201", managerId: null, pii: false, ...caller };
  const contextValue = billingContext(fakePort(asked, options), scopeFor(who, async () => []), "2026-11-15");
  return graphql({ schema, source: query, variableValues: variables, contextValue });
}

const USAGE = `query($r: [_Any!]!, $month: String!) { _entities(representations: $r) { ... on Customer {
  prepaymentBalanceFen feeTrend { month type amountFen }
  accounts { accountNo services { serviceNo usage { month callClass records minutes feeFen } usageRecords(month: $month, first: 5) { nextCursor records { otherParty feeFen } } } }
} } }`;
const customer = (id: string) => ({ __typename: "Customer", id });
const fresh = (): Asked => ({ records: [], summaries: [] });

describe("usage and fees in the billing subgraph", () => {
  it("serves usage, the itemised list masked without the PII right, fee composition summed over accounts and the balance, in one batch each", async () => {
    const asked = fresh();
    const { data, errors } = await run(USAGE, { r: [customer(NANJING)], month: "2026-10" }, {}, asked);
    expect(errors).toBeUndefined();
    const c = (data!["_entities"] as any[])[0];
    expect(c.prepaymentBalanceFen).toBe(1_750);
    expect(c.feeTrend).toEqual([
      { month: "2026-10", type: "LOCAL_CALLS", amountFen: 1_000 },
      { month: "2026-09", type: "BASIC_FEE", amountFen: 2_000 },
    ]);
    expect(c.accounts[0].services[0].usage).toEqual([{ month: "2026-10", callClass: "LOCAL", records: 10, minutes: 11, feeFen: 700 }]);
    expect(c.accounts[0].services[0].usageRecords.records).toEqual([{ otherParty: "830*1234", feeFen: 20 }]);
    expect(asked.records).toHaveLength(1);
    expect(asked.records[0]!.map((r) => r.serviceNo).sort()).toEqual(["02584000001", "02584000002"]);
    expect(asked.summaries).toEqual([["02584000001", "02584000002"]]);
  });

  it("shows the other party to a caller with the PII right", async () => {
    const { data } = await run(USAGE, { r: [customer(NANJING)], month: "2026-10" }, { pii: true }, fresh());
    expect((data!["_entities"] as any[])[0].accounts[0].services[0].usageRecords.records[0].otherParty).toBe("83001234");
  });

  it("refuses a customer of another region before asking billing", async () => {
    const asked = fresh();
    const { data, errors } = await run(USAGE, { r: [customer(BEIJING)], month: "2026-10" }, {}, asked);
    expect(data!["_entities"]).toEqual([null]);
    expect(errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(asked).toEqual(fresh());
  });

  it("refuses a bad month on that field alone, before asking billing", async () => {
    const asked = fresh();
    const { data, errors } = await run(USAGE, { r: [customer(NANJING)], month: "2026-13" }, {}, asked);
    const c = (data!["_entities"] as any[])[0];
    expect(c.accounts[0].services[0].usageRecords).toBeNull();
    expect(c.accounts[0].services[0].usage).toHaveLength(1);
    expect(errors!.every((e) => e.path?.at(-1) === "usageRecords" && (e.originalError as AdapterError).code === "BAD_USER_INPUT")).toBe(true);
    expect(asked.records).toEqual([]);
  });

  it("costs only the usage when billing cannot serve it: null with billing's error, the rest served", async () => {
    const { data, errors } = await run(USAGE, { r: [customer(NANJING)], month: "2026-10" }, {}, fresh(), { summariesDown: true });
    const c = (data!["_entities"] as any[])[0];
    expect(c.accounts[0].services[0].usage).toBeNull();
    expect(c.accounts[0].services[0].usageRecords.records).toHaveLength(1);
    expect(c.prepaymentBalanceFen).toBe(1_750);
    expect(errors!.map((e) => [e.path?.at(-1), (e.originalError as AdapterError).source])).toEqual([
      ["usage", "billing"],
      ["usage", "billing"],
    ]);
  });
});
