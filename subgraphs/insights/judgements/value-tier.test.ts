import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { BROADBAND, makeFacts, MOBILE, monthlyBills, service } from "./fixtures.js";
import { assessValueTier } from "./value-tier.js";

const model = loadScoringModel();
const spending = (monthlyFen: number) => makeFacts({ billing: { bills: monthlyBills(12, () => monthlyFen) } });

describe("value tier", () => {
  it("works out revenue, ARPU, ARPA and cost to serve over the last 12 billed months", () => {
    const value = assessValueTier(makeFacts(), model);
    expect(value).toEqual({
      tier: "ORDINARY",
      arpuFen: 5_000,
      arpaFen: 10_000,
      revenue12mFen: 120_000,
      costToServeFen: 39_600,
      monthsBilled: 12,
      reason: "Revenue between 120,000 fen and 600,000 fen: revenue 120,000 fen over 12 billed months, cost to serve 39,600 fen.",
    });
  });

  it("lets go of a customer who costs more than they bring, keeps a low one who pays their way", () => {
    expect(assessValueTier(spending(3_000), model)).toMatchObject({ tier: "LOW_LET_GO", revenue12mFen: 36_000 });
    expect(assessValueTier(spending(3_000), model).reason).toBe(
      "Costs more than it earns: revenue 36,000 fen over 12 billed months, cost to serve 39,600 fen.",
    );
    expect(assessValueTier(spending(5_000), model)).toMatchObject({ tier: "LOW_KEEP", revenue12mFen: 60_000 });
    expect(assessValueTier(spending(49_999), model).tier).toBe("ORDINARY");
    expect(assessValueTier(spending(50_000), model).tier).toBe("HIGH");
  });

  it("rounds ARPU and ARPA once, half up, to whole fen", () => {
    const facts = makeFacts({ billing: { bills: monthlyBills(12, (i) => (i === 0 ? 8_338 : 8_333)) } });
    expect(assessValueTier(facts, model)).toMatchObject({ revenue12mFen: 100_001, arpuFen: 4_167, arpaFen: 8_333 });
  });

  it("costs services from the month they started, and every complaint and fault of the window", () => {
    const facts = makeFacts({
      billing: { services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND", { startedOn: "2026-08-10" }), service("02512345678", "FIXED_LINE", { status: "REMOVED" })] },
      profile: { complaints: [{ type: "NETWORK_QUALITY", acceptedAt: "2026-03-02T10:00:00+08:00", status: "CLOSED" }] },
      network: {
        lines: [],
        activeAlarms: 0,
        tickets: [
          { serviceNo: BROADBAND, openedAt: "2026-09-01T08:00:00+08:00", closedAt: null, state: "OPEN" },
          { serviceNo: BROADBAND, openedAt: "2024-09-01T08:00:00+08:00", closedAt: "2024-09-02T08:00:00+08:00", state: "CLOSED" },
        ],
      },
    });
    // Mobile 12 × 800, broadband August–October 3 × 2,500, one complaint 5,000, one recent ticket 8,000.
    expect(assessValueTier(facts, model).costToServeFen).toBe(30_100);
  });

  it("keeps a brand-new customer with no bill yet rather than letting them go", () => {
    const facts = makeFacts({
      billing: { bills: [], services: [service(MOBILE, "MOBILE", { startedOn: "2026-11-05" })] },
      profile: { createdAt: "2026-11-05T10:00:00+08:00", complaints: [{ type: "INSTALLATION", acceptedAt: "2026-11-07T10:00:00+08:00", status: "ACCEPTED" }] },
    });
    const value = assessValueTier(facts, model);
    expect(value).toMatchObject({ tier: "LOW_KEEP", revenue12mFen: 0, arpuFen: 0, arpaFen: 0, costToServeFen: 5_000, monthsBilled: 0 });
    expect(value.reason).toBe(
      "Low revenue (below 120,000 fen): revenue 0 fen over 0 billed months, cost to serve 5,000 fen; joined 10 days ago, too new to let go (90 days).",
    );
  });

  it("counts a customer with no service or account left as one, so revenue still shows per head", () => {
    const facts = makeFacts({ billing: { accounts: [], services: [] } });
    expect(assessValueTier(facts, model)).toMatchObject({ arpuFen: 10_000, arpaFen: 10_000, costToServeFen: 0 });
  });

  it("calls national and provincial key accounts and big contracts important whatever they spend", () => {
    const keyAccount = (level: "NATIONAL" | "PROVINCIAL" | "MUNICIPAL", contractValueFen = 0) =>
      makeFacts({ billing: { bills: [] }, keyAccount: { isKeyAccount: true, level, relationship: "COOPERATIVE", activeContracts: 1, contractValueFen } });
    expect(assessValueTier(keyAccount("NATIONAL"), model).tier).toBe("IMPORTANT");
    expect(assessValueTier(keyAccount("PROVINCIAL"), model).reason).toMatch(/^PROVINCIAL key account, important whatever its spend; revenue 0 fen/);
    expect(assessValueTier(keyAccount("MUNICIPAL"), model).tier).toBe("LOW_LET_GO");
    expect(assessValueTier(keyAccount("MUNICIPAL", 50_000_000), model).tier).toBe("IMPORTANT");
  });
});
