import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import type { MonthlyJudgement } from "../../adapters/snapshot/port.js";
import { MemorySnapshot } from "../../tests/support/memory-snapshot.js";
import { scopeFor } from "../kit/scope.js";
import { loadScoringModel } from "./config.js";
import { insightsContext } from "./context.js";
import { loadOfferRules } from "./offer-rules.js";
import { CreditHistoryResolver, CustomerSatisfactionHistoryResolver, LoyaltyHistoryResolver, SatisfactionHistoryResolver, ValueTierHistoryResolver } from "./history.resolver.js";
import type { Credit, Customer, Loyalty, Satisfaction, ValueTier } from "./types.js";

const admin = scopeFor({ subject: "t", roles: ["admin"], region: "HQ", managerId: null, pii: true }, async () => []);
const month = (m: string, score: number | null): MonthlyJudgement => ({
  month: m,
  asOf: `${m}-28`,
  creditScore: score,
  creditLevel: score === null ? null : "HIGH",
  creditList: score === null ? null : "RED",
  valueTier: "ORDINARY",
  arpuFen: 5_000,
  revenue12mFen: 60_000,
  loyaltyScore: score === null ? null : score - 10,
  loyaltyLevel: score === null ? null : "MEDIUM",
  satisfactionScore: score === null ? null : 90,
  satisfactionLevel: score === null ? null : "HIGH",
});
const MONTHS = new Map([
  ["320100000001", [month("2026-11", 82), month("2026-10", 79.5), month("2026-09", null)]],
  ["320100000002", [month("2026-11", 61)]],
]);

function setup() {
  const snapshot = new MemorySnapshot([], MONTHS);
  return { snapshot, ctx: insightsContext(loadScoringModel(), "2026-11-15", admin, snapshot, loadOfferRules()) };
}
const credit = (customerId: string) => ({ customerId }) as Credit;

describe("credit and value-tier history", () => {
  it("reads every customer's months of a request in one store query, newest first", async () => {
    const { ctx, snapshot } = setup();
    const resolver = new CreditHistoryResolver();
    const [first, second, unknown, tiers] = await Promise.all([
      resolver.history(credit("320100000001"), 12, ctx),
      resolver.history(credit("320100000002"), 12, ctx),
      resolver.history(credit("320100000003"), 12, ctx),
      new ValueTierHistoryResolver().history({ customerId: "320100000001" } as ValueTier, 12, ctx),
    ]);
    expect(snapshot.calls.history).toBe(1);
    expect(first).toEqual([
      { month: "2026-11", asOf: "2026-11-28", score: 82, level: "HIGH", list: "RED" },
      { month: "2026-10", asOf: "2026-10-28", score: 79.5, level: "HIGH", list: "RED" },
      { month: "2026-09", asOf: "2026-09-28", score: null, level: null, list: null },
    ]);
    expect(second.map((m) => m.month)).toEqual(["2026-11"]);
    expect(unknown).toEqual([]);
    expect(tiers[0]).toEqual({ month: "2026-11", asOf: "2026-11-28", tier: "ORDINARY", arpuFen: 5_000, revenue12mFen: 60_000 });
  });

  it("gives loyalty and satisfaction month by month from the same store query", async () => {
    const { ctx, snapshot } = setup();
    const [loyalty, satisfaction, credits] = await Promise.all([
      new LoyaltyHistoryResolver().history({ customerId: "320100000001" } as Loyalty, 2, ctx),
      new SatisfactionHistoryResolver().history({ customerId: "320100000001" } as Satisfaction, 12, ctx),
      new CreditHistoryResolver().history(credit("320100000002"), 12, ctx),
    ]);
    expect(snapshot.calls.history).toBe(2);
    expect(loyalty).toEqual([
      { month: "2026-11", asOf: "2026-11-28", score: 72, level: "MEDIUM" },
      { month: "2026-10", asOf: "2026-10-28", score: 69.5, level: "MEDIUM" },
    ]);
    expect(satisfaction.at(-1)).toEqual({ month: "2026-09", asOf: "2026-09-28", score: null, level: null });
    expect(satisfaction[0]).toEqual({ month: "2026-11", asOf: "2026-11-28", score: 90, level: "HIGH" });
    expect(credits).toHaveLength(1);
  });

  it("gives the satisfaction history on the customer too, where satisfaction null now does not hide it, from the same store query", async () => {
    const { ctx, snapshot } = setup();
    const [onCustomer, onSatisfaction, refused] = await Promise.all([
      new CustomerSatisfactionHistoryResolver().satisfactionHistory({ id: "320100000001" } as Customer, 12, ctx),
      new SatisfactionHistoryResolver().history({ customerId: "320100000001" } as Satisfaction, 12, ctx),
      new CustomerSatisfactionHistoryResolver().satisfactionHistory({ id: "320100000002" } as Customer, 0, ctx).catch((e: GraphQLError) => e),
    ]);
    expect(snapshot.calls.history).toBe(1);
    expect(onCustomer).toEqual(onSatisfaction);
    expect(onCustomer.map((m) => [m.month, m.score])).toEqual([["2026-11", 90], ["2026-10", 90], ["2026-09", null]]);
    expect((refused as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
  });

  it("refuses a number of months outside 1 to 36 before reading anything", async () => {
    const { ctx, snapshot } = setup();
    for (const months of [0, 37, -1]) {
      const error = await new CreditHistoryResolver().history(credit("320100000001"), months, ctx).catch((e: GraphQLError) => e);
      expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    }
    expect(snapshot.calls.history).toBe(0);
  });

  it("fails only the history, as the snapshot's SOURCE_UNAVAILABLE, when the store cannot be read", async () => {
    const { ctx, snapshot } = setup();
    snapshot.failure = new Error("ECONNREFUSED");
    const error = await new CreditHistoryResolver().history(credit("320100000001"), 12, ctx).catch((e: GraphQLError) => e);
    expect((error as GraphQLError).extensions).toEqual({ code: "SOURCE_UNAVAILABLE", source: "snapshot" });
  });
});
