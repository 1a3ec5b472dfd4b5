import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { ACCOUNT, bill, makeFacts, monthlyBills, randomFacts, seededRandom, service, MOBILE } from "./fixtures.js";
import { revenueTrend } from "./revenue-trend.js";
import { assessValueTier } from "./value-tier.js";

const model = loadScoringModel();

describe("revenue trend", () => {
  it("lists the closed months before the as-of month, oldest first, with revenue, ARPU and ARPA", () => {
    const facts = makeFacts({ billing: { bills: monthlyBills(12, (i) => 10_000 + i * 1_000) } });
    const trend = revenueTrend(facts, 12);
    expect(trend.map((m) => m.month)).toEqual([
      "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    ]);
    // Two services held, one account in force.
    expect(trend[0]).toEqual({ month: "2025-11", billed: true, revenueFen: 10_000, arpuFen: 5_000, arpaFen: 10_000 });
    expect(trend[11]).toEqual({ month: "2026-10", billed: true, revenueFen: 21_000, arpuFen: 10_500, arpaFen: 21_000 });
  });

  it("sums every account's bills of a month, and shows a month without bills as unbilled", () => {
    const second = "88025000000002";
    const facts = makeFacts({
      billing: {
        accounts: [
          { accountNo: ACCOUNT, paymentMethod: "BANK_DEBIT", creditLimitFen: 0, balanceFen: 0, status: "ACTIVE" },
          { accountNo: second, paymentMethod: "CASH", creditLimitFen: 0, balanceFen: 0, status: "ACTIVE" },
        ],
        bills: [bill("2026-10", { amountFen: 3_001 }), bill("2026-10", { accountNo: second, amountFen: 2_000 }), bill("2026-08", { amountFen: 900 })],
        services: [service(MOBILE, "MOBILE")],
      },
    });
    expect(revenueTrend(facts, 3)).toEqual([
      { month: "2026-08", billed: true, revenueFen: 900, arpuFen: 900, arpaFen: 450 },
      { month: "2026-09", billed: false, revenueFen: 0, arpuFen: null, arpaFen: null },
      // 5,001 / 2 accounts = 2,500.5, rounded half up once.
      { month: "2026-10", billed: true, revenueFen: 5_001, arpuFen: 5_001, arpaFen: 2_501 },
    ]);
  });

  it("leaves the open as-of month and months before the span out", () => {
    const facts = makeFacts({ billing: { bills: [bill("2026-11", { amountFen: 7 }), bill("2026-07", { amountFen: 5 }), bill("2026-10", { amountFen: 3 })] } });
    expect(revenueTrend(facts, 3).map((m) => [m.month, m.revenueFen])).toEqual([["2026-08", 0], ["2026-09", 0], ["2026-10", 3]]);
  });

  it("refuses a span the billing facts cannot fill", () => {
    expect(() => revenueTrend(makeFacts(), 13)).toThrow(/between 1 and 12/);
    expect(() => revenueTrend(makeFacts(), 0)).toThrow(RangeError);
  });

  it("averages out to the value tier's ARPU and ARPA over the billed months (the same definitions)", () => {
    const random = seededRandom(42);
    for (let run = 0; run < 300; run++) {
      const facts = randomFacts(random);
      const tier = assessValueTier(facts, model);
      const billed = revenueTrend(facts, model.windowMonths).filter((m) => m.billed);
      expect(billed.length, `run ${run}`).toBe(tier.monthsBilled);
      expect(billed.reduce((sum, m) => sum + m.revenueFen, 0), `run ${run}`).toBe(tier.revenue12mFen);
      if (billed.length === 0) continue;
      // Rounding each month moves the mean by at most half a fen.
      const mean = (pick: (m: (typeof billed)[number]) => number) => billed.reduce((sum, m) => sum + pick(m), 0) / billed.length;
      expect(Math.abs(mean((m) => m.arpuFen!) - tier.arpuFen), `run ${run}`).toBeLessThanOrEqual(1);
      expect(Math.abs(mean((m) => m.arpaFen!) - tier.arpaFen), `run ${run}`).toBeLessThanOrEqual(1);
    }
  });
});
