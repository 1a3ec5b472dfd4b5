import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING_PATH, loadScoringModel, parseScoringModel, ScoringConfigError, type ScoringModel } from "./config.js";

const shipped = () => structuredClone(loadScoringModel()) as ScoringModel;

function rejection(mutate: (model: Record<string, any>) => void): string {
  const model = shipped() as unknown as Record<string, any>;
  mutate(model);
  try {
    parseScoringModel(model);
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringConfigError);
    return (error as Error).message;
  }
  throw new Error("the model was accepted");
}

describe("scoring model", () => {
  it("ships a configuration that validates", () => {
    const model = loadScoringModel(DEFAULT_SCORING_PATH);
    expect(model.levelCutPoints).toEqual([95, 80, 60, 40]);
    expect(model.potentialKeyAccount).toEqual({ thresholdFen: 1_000_000, bandFromFen: 900_000 });
    expect(model.arrears.dunningRules.map((r) => r.fromDays)).toEqual([1, 30, 60, 90, 180]);
  });

  it("rejects weights that do not sum to 1, naming the score", () => {
    expect(rejection((m) => (m.credit.weights.stains = 0.25))).toMatch(/credit\.weights: weights must sum to 1, got 1\.05/);
    expect(rejection((m) => (m.satisfaction.weights.care = 0))).toMatch(/satisfaction\.weights: weights must sum to 1/);
  });

  it("accepts weights that sum to 1 up to floating-point noise", () => {
    const model = shipped();
    model.loyalty.weights = { customerKind: 0.1, tenure: 0.2, productsHeld: 0.1, usageTrend: 0.2, complaints: 0.1, competitorSigns: 0.2, satisfaction: 0.1 };
    expect(() => parseScoringModel(model)).not.toThrow();
  });

  it("names a missing or misspelt field", () => {
    expect(rejection((m) => delete m.churn.weights.shortTenure)).toMatch(/churn\.weights\.shortTenure/);
    expect(rejection((m) => (m.value.monthlyCostFen.MOBLE = 800))).toMatch(/value\.monthlyCostFen/);
    expect(rejection((m) => (m.credit.lists.redFrom = "80"))).toMatch(/credit\.lists\.redFrom: .*number/);
    expect(rejection((m) => (m.extra = true))).toMatch(/extra/);
  });

  it("rejects thresholds out of order", () => {
    expect(rejection((m) => (m.levelCutPoints = [95, 60, 80, 40]))).toMatch(/levelCutPoints: cut points must strictly decrease/);
    expect(rejection((m) => (m.churn.levelCutPoints = [60, 45, 45, 15]))).toMatch(/churn\.levelCutPoints: cut points must strictly decrease/);
    expect(rejection((m) => (m.credit.lists.blackBelow = 85))).toMatch(/credit\.lists\.redFrom: redFrom must be above blackBelow/);
    expect(rejection((m) => (m.credit.paymentTimeliness.late[1].maxDaysLate = 5))).toMatch(
      /credit\.paymentTimeliness\.late\.1\.maxDaysLate: maxDaysLate must increase/,
    );
    expect(rejection((m) => (m.value.highFromFen = 100_000))).toMatch(/value\.highFromFen/);
    expect(rejection((m) => (m.potentialKeyAccount.bandFromFen = 1_000_000))).toMatch(/potentialKeyAccount\.bandFromFen/);
    expect(rejection((m) => (m.arrears.dunningRules[2].fromDays = 20))).toMatch(/arrears\.dunningRules\.2\.fromDays: fromDays must increase/);
    expect(rejection((m) => m.arrears.dunningRules.reverse())).toMatch(/arrears\.dunningRules\.0\.stage: expected stage REMINDER/);
  });

  it("rejects money that is not whole fen and sub-scores out of 0–100", () => {
    expect(rejection((m) => (m.value.costPerTicketFen = 80.5))).toMatch(/value\.costPerTicketFen/);
    expect(rejection((m) => (m.credit.customerKind.BUSINESS = 120))).toMatch(/credit\.customerKind\.BUSINESS/);
  });

  it("reports a file it cannot read or parse, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "scoring-"));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(() => loadScoringModel(broken)).toThrow(/broken\.json is not JSON/);
    expect(() => loadScoringModel(join(dir, "absent.json"))).toThrow(/cannot read scoring model .*absent\.json/);
    const wrong = join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ ...shipped(), windowMonths: 0 }));
    expect(() => loadScoringModel(wrong)).toThrow(/wrong\.json: windowMonths/);
  });
});
