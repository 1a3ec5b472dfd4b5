import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { loadOfferRules, parseOfferRules, type OfferRule } from "../offer-rules.js";
import { assessCredit } from "./credit.js";
import { AS_OF, BROADBAND, MOBILE, makeFacts, monthlyBills, service } from "./fixtures.js";
import { assessOfferEligibility, type HeldOffer } from "./offer-eligibility.js";

const model = loadScoringModel();
const shipped = loadOfferRules();
/** Rules with one offer, YH1000, judged by `rule`, and a default that asks only that the product is held. */
const rulesWith = (rule: Partial<OfferRule>) =>
  parseOfferRules({ spendMonths: 12, default: { product: "HELD", allowBlackList: true }, offers: { YH1000: { product: "ANY", allowBlackList: true, ...rule } } });
const MOBILE_OFFER = { code: "YH1000", product: "MOBILE" as const };
const judge = (rule: Partial<OfferRule>, facts = makeFacts(), held: HeldOffer[] = []) => assessOfferEligibility(facts, [MOBILE_OFFER], held, rulesWith(rule), model)[0]!;
const factor = (result: ReturnType<typeof judge>, name: string) => result.factors.find((f) => f.name === name);

describe("offer eligibility", () => {
  it("judges each condition of the rule, with what it asks, what the customer has and why", () => {
    const result = judge({ customerKinds: ["RESIDENTIAL"], minLines: 2, product: "HELD", minCreditLevel: "MEDIUM", minSpendFen: 100_000, minTenureMonths: 24 });
    expect(result.eligible).toBe(true);
    expect(result.reason).toBe("Eligible: all 7 conditions met.");
    expect(result.factors.map((f) => f.name)).toEqual(["customerKind", "linesHeld", "productHeld", "creditLevel", "spend", "tenure", "notHeld"]);
    expect(factor(result, "linesHeld")).toEqual({ name: "linesHeld", required: "at least 2", actual: "2", met: true, reason: "Holds 2 lines in service (billing, 装机量); the offer asks at least 2." });
    expect(factor(result, "spend")).toMatchObject({ required: "at least 100,000 fen", actual: "120,000 fen", met: true });
    expect(factor(result, "spend")?.reason).toBe("Billed 120,000 fen over the 12 closed months 2025-11 to 2026-10 (billing, 话费总额); the offer asks at least 100,000 fen.");
    expect(factor(result, "tenure")).toMatchObject({ required: "at least 24 months", actual: "80 months", met: true });
    expect(factor(result, "productHeld")).toMatchObject({ required: "a MOBILE line held", actual: "1 MOBILE line held", met: true });
    const credit = assessCredit(makeFacts(), model);
    expect(factor(result, "creditLevel")).toMatchObject({ required: "MEDIUM or better", actual: credit.level, met: true });
  });

  it("is not eligible when one condition fails, and names it", () => {
    const fewLines = judge({ minLines: 3 });
    expect(fewLines).toMatchObject({ eligible: false, reason: "Not eligible: linesHeld not met." });
    expect(factor(fewLines, "linesHeld")).toMatchObject({ actual: "2", met: false });
    expect(judge({ maxLines: 1 }).eligible).toBe(false);
    expect(factor(judge({ minLines: 1, maxLines: 3 }), "linesHeld")).toMatchObject({ required: "from 1 to 3", met: true });
    expect(factor(judge({ customerKinds: ["BUSINESS", "ENTERPRISE_KEY_ACCOUNT"] }), "customerKind")).toMatchObject({ required: "BUSINESS or ENTERPRISE_KEY_ACCOUNT", actual: "RESIDENTIAL", met: false });
    expect(factor(judge({ maxSpendFen: 100_000 }), "spend")).toMatchObject({ required: "at most 100,000 fen", met: false });
    expect(factor(judge({ minTenureMonths: 100 }), "tenure")).toMatchObject({ met: false });
  });

  it("counts only lines in service, and reads a product held or not", () => {
    const removed = makeFacts({ billing: { services: [service(MOBILE, "MOBILE", { status: "REMOVED" }), service(BROADBAND, "BROADBAND")] } });
    expect(factor(judge({ minLines: 2 }, removed), "linesHeld")).toMatchObject({ actual: "1", met: false });
    expect(factor(judge({ product: "HELD" }, removed), "productHeld")).toMatchObject({ actual: "no MOBILE line held", met: false });
    expect(factor(judge({ product: "NOT_HELD" }, removed), "productHeld")).toMatchObject({ required: "no MOBILE line held", met: true });
    expect(factor(judge({ product: "NOT_HELD" }), "productHeld")?.met).toBe(false);
    expect(factor(judge({ product: "ANY" }), "productHeld")).toBeUndefined();
  });

  it("reads credit as the credit judgement gives it, a level set by hand included, and closes offers to the black list", () => {
    const manual = makeFacts({ billing: { manualCredit: [{ level: "VERY_LOW", list: "BLACK", reason: "fraud", setBy: "staff", setOn: "2026-01-01" }] } });
    const result = judge({ minCreditLevel: "LOW", allowBlackList: false }, manual);
    expect(factor(result, "creditLevel")).toMatchObject({ required: "LOW or better", actual: "VERY_LOW", met: false });
    expect(factor(result, "creditLevel")?.reason).toMatch(/set by hand in billing's credit control/);
    expect(factor(result, "creditList")).toMatchObject({ required: "not BLACK", actual: "BLACK", met: false });
    expect(factor(judge({ allowBlackList: true }, manual), "creditList")).toBeUndefined();
  });

  it("counts spend over the rule's months only, before the reference date's month", () => {
    const facts = makeFacts({ billing: { bills: monthlyBills(24, (i) => (i < 12 ? 50_000 : 10_000)) } });
    expect(factor(judge({ minSpendFen: 0 }, facts), "spend")?.actual).toBe("120,000 fen");
  });

  it("is never eligible for an offer a line already holds, ended ones aside", () => {
    const held = (endDate: string | null): HeldOffer => ({ serviceNo: MOBILE, offerCode: "YH1000", startDate: "2026-01-01", endDate });
    const holding = judge({}, makeFacts(), [held(null)]);
    expect(holding).toMatchObject({ eligible: false, reason: "Not eligible: notHeld not met." });
    expect(factor(holding, "notHeld")).toMatchObject({ actual: `held on ${MOBILE}`, met: false });
    expect(factor(judge({}, makeFacts(), [held(AS_OF)]), "notHeld")?.met).toBe(false);
    expect(factor(judge({}, makeFacts(), [held("2026-10-31")]), "notHeld")).toMatchObject({ actual: "not held", met: true });
    expect(factor(judge({}, makeFacts(), [{ ...held(null), offerCode: "YH2000" }]), "notHeld")?.met).toBe(true);
  });

  it("judges an offer without a rule of its own by the default, and nothing when no offer is valid", () => {
    const [result] = assessOfferEligibility(makeFacts(), [{ code: "YH7777", product: "LEASED_LINE" }], [], rulesWith({}), model);
    expect(result).toMatchObject({ offerCode: "YH7777", eligible: false });
    expect(result!.factors.map((f) => [f.name, f.met])).toEqual([["productHeld", false], ["notHeld", true]]);
    expect(assessOfferEligibility(makeFacts(), [], [], shipped, model)).toEqual([]);
  });
});
