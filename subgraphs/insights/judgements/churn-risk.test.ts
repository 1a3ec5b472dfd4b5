import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { assessChurnRisk } from "./churn-risk.js";
import { bill, BROADBAND, makeFacts, MOBILE, monthlyBills, service, survey } from "./fixtures.js";

const model = loadScoringModel();
const complaint = { type: "SERVICE_ATTITUDE" as const, acceptedAt: "2026-10-01T10:00:00+08:00", status: "CLOSED" as const };

describe("churn risk", () => {
  it("sees little risk in a steady, satisfied customer", () => {
    const churn = assessChurnRisk(makeFacts(), model);
    expect(churn.score).toBe(2);
    expect(churn.level).toBe("VERY_LOW");
    expect(churn.reasons).toEqual([]);
    expect(churn.factors.map((f) => f.name)).toEqual([
      "usageDecline",
      "removedServices",
      "competitorSigns",
      "complaints",
      "lowSatisfaction",
      "arrears",
      "shortTenure",
    ]);
  });

  it("adds up falling usage, removals, a competitor, complaints, low satisfaction, arrears and short tenure", () => {
    const facts = makeFacts({
      billing: {
        bills: [...monthlyBills(12, (i) => 12_000 - 800 * i).filter((b) => b.month !== "2026-07"), bill("2026-07", { amountFen: 5_600, paidFen: 0, dueDate: "2026-08-07" })],
        services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND", { status: "REMOVED" }), service("02512345678", "FIXED_LINE", { status: "REMOVED" })],
      },
      profile: {
        createdAt: "2026-04-29T10:00:00+08:00",
        complaints: [complaint, complaint, complaint],
        surveys: [survey({ usesOtherCarrier: true }, 2)],
      },
    });
    const churn = assessChurnRisk(facts, model);
    expect(churn.factors.map((f) => [f.name, f.value])).toEqual([
      ["usageDecline", 100],
      ["removedServices", 66.67],
      ["competitorSigns", 100],
      ["complaints", 75],
      ["lowSatisfaction", 60],
      ["arrears", 90],
      ["shortTenure", 45.21],
    ]);
    expect(churn.score).toBe(81.52);
    expect(churn.level).toBe("VERY_HIGH");
    expect(churn.reasons).toEqual([
      "Survey of 2026-06-01 says they also use another carrier.",
      "Monthly charges change by -10.53% a month over 12 months.",
      "Dunning stage PRE_CANCELLATION: 5,600 fen overdue, oldest 100 days: rules say PRE_CANCELLATION (from 90 days); billing applies no barring so far.",
      "2 of 3 services removed (66.67%).",
      "3 complaints in the last 12 months.",
      "Satisfaction 40 (DISSATISFIED): risk 60.",
    ]);
  });

  it("stays computable without a survey, with a neutral satisfaction risk", () => {
    const churn = assessChurnRisk(makeFacts({ profile: { surveys: [] } }), model);
    expect(churn.factors.find((f) => f.name === "lowSatisfaction")).toMatchObject({ value: 40 });
    expect(churn.factors.find((f) => f.name === "competitorSigns")).toMatchObject({ value: 0, reason: "No usable survey to show another carrier." });
    expect(churn.score).toBe(4);
  });

  it("cuts risk levels lower than the seed's satisfaction levels, as configured", () => {
    const churn = assessChurnRisk(makeFacts({ profile: { surveys: [survey({ usesOtherCarrier: true }, 1)] } }), model);
    // Another carrier (20) and very dissatisfied (80 × 0.1): 28, a LOW risk on cut points 60/45/30/15.
    expect(churn.score).toBe(28);
    expect(churn.level).toBe("LOW");
  });

  it("treats a customer of a few days as new, with no trend to read", () => {
    const churn = assessChurnRisk(makeFacts({ billing: { bills: [] }, profile: { createdAt: "2026-11-10T10:00:00+08:00" } }), model);
    expect(churn.factors.find((f) => f.name === "shortTenure")?.value).toBe(98.63);
    expect(churn.factors.find((f) => f.name === "usageDecline")).toMatchObject({ value: 0, reason: "0 billed months, too few to see a decline (needs 3)." });
    expect(churn.reasons).toEqual(["Customer for 5 days; under 365 days counts as new."]);
  });
});
