import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { BROADBAND, makeFacts, MOBILE, monthlyBills, service, shiftDays, survey } from "./fixtures.js";
import { assessLoyalty } from "./loyalty.js";

const model = loadScoringModel();
const factor = (result: ReturnType<typeof assessLoyalty>, name: string) => {
  const found = result.factors.find((f) => f.name === name);
  if (!found) throw new Error(`no factor ${name}`);
  return found;
};
const complaint = (acceptedAt: string) => ({ type: "BILLING" as const, acceptedAt, status: "CLOSED" as const });

describe("loyalty", () => {
  it("weighs kind, tenure, products, usage trend, complaints, competitor signs and satisfaction", () => {
    const loyalty = assessLoyalty(makeFacts(), model);
    expect(loyalty.factors.map((f) => [f.name, f.value])).toEqual([
      ["customerKind", 50],
      ["tenure", 67.12],
      ["productsHeld", 45],
      ["usageTrend", 50],
      ["complaints", 100],
      ["competitorSigns", 100],
      ["satisfaction", 80],
    ]);
    expect(loyalty.score).toBe(69.67);
    expect(loyalty.level).toBe("MEDIUM");
    expect(factor(loyalty, "tenure").reason).toBe("Customer for 6.71 years (since 2020-03-01); full marks at 10 years.");
  });

  it("is still computed without a survey, satisfaction counting as neutral", () => {
    const loyalty = assessLoyalty(makeFacts({ profile: { surveys: [] } }), model);
    expect(factor(loyalty, "satisfaction")).toMatchObject({ value: 60, reason: "No satisfaction survey on record. Neutral 60." });
    expect(factor(loyalty, "competitorSigns").reason).toBe("No usable survey; 0 services removed.");
    expect(loyalty.score).toBe(66.67);
  });

  it("reads the usage trend as the slope of monthly charges relative to their mean", () => {
    const falling = makeFacts({ billing: { bills: monthlyBills(12, (i) => 12_000 - 100 * i) } });
    const trend = factor(assessLoyalty(falling, model), "usageTrend");
    // Slope −100 fen a month on a mean of 11,450: −0.873% a month, 10 points per percent below the neutral 50.
    expect(trend.value).toBe(41.27);
    expect(trend.reason).toBe("Monthly charges change by -0.87% a month (-100 fen/month on an average 11,450 fen) over 12 months.");
    const rising = makeFacts({ billing: { bills: monthlyBills(12, (i) => 5_000 * (i + 1)) } });
    expect(factor(assessLoyalty(rising, model), "usageTrend").value).toBe(100);
  });

  it("counts complaints of the last 12 months only", () => {
    const complaints = [complaint("2026-11-15T09:00:00+08:00"), complaint("2025-11-15T09:00:00+08:00"), complaint("2025-11-14T09:00:00+08:00"), complaint("2026-11-16T09:00:00+08:00")];
    const found = factor(assessLoyalty(makeFacts({ profile: { complaints } }), model), "complaints");
    expect(found.value).toBe(50);
    expect(found.reason).toBe("2 complaints in the last 12 months, −25 each.");
  });

  it("sees a competitor in the survey and in removed services", () => {
    const facts = makeFacts({
      billing: { services: [service(MOBILE, "MOBILE"), service(BROADBAND, "BROADBAND", { status: "REMOVED" })] },
      profile: { surveys: [survey({ usesOtherCarrier: true })] },
    });
    const signs = factor(assessLoyalty(facts, model), "competitorSigns");
    expect(signs.value).toBe(20);
    expect(signs.reason).toBe("Survey of 2026-06-01 says they also use another carrier; 1 service removed.");
  });

  it("judges a brand-new customer with one bill on what there is", () => {
    const facts = makeFacts({
      billing: { bills: monthlyBills(1), services: [service(MOBILE, "MOBILE", { startedOn: "2026-10-20" })] },
      profile: { createdAt: "2026-10-20T10:00:00+08:00", surveys: [] },
    });
    const loyalty = assessLoyalty(facts, model);
    expect(factor(loyalty, "tenure").value).toBe(0.71);
    expect(factor(loyalty, "usageTrend")).toMatchObject({ value: 50, reason: "1 billed month in the window, a trend needs 3 with charges: neutral 50." });
    expect(loyalty.score).toBeGreaterThan(0);
    const none = makeFacts({ billing: { bills: [] }, profile: { createdAt: `${shiftDays("2026-11-15", 3)}T10:00:00+08:00` } });
    expect(factor(assessLoyalty(none, model), "tenure").value).toBe(0);
  });
});
