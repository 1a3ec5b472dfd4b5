import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import type { CustomerFacts } from "../facts.js";
import { makeFacts, randomFacts, seededRandom, type Random } from "./fixtures.js";
import {
  assessAbnormal,
  assessArrears,
  assessChurnRisk,
  assessCredit,
  assessLoyalty,
  assessPotentialKeyAccount,
  assessSatisfaction,
  assessValueTier,
  levelOf,
  type Factor,
} from "./index.js";

const model = loadScoringModel();
const RUNS = 400;

function judgeAll(facts: CustomerFacts) {
  return {
    credit: assessCredit(facts, model),
    loyalty: assessLoyalty(facts, model),
    satisfaction: assessSatisfaction(facts, model),
    valueTier: assessValueTier(facts, model),
    potentialKeyAccount: assessPotentialKeyAccount(facts, model),
    arrears: assessArrears(facts, model),
    churnRisk: assessChurnRisk(facts, model),
    abnormal: assessAbnormal(facts, model),
  };
}

function expectExplained(score: number, factors: Factor[]) {
  const cents = factors.reduce((sum, f) => sum + Math.round(f.contribution * 100), 0);
  expect(cents).toBe(Math.round(score * 100));
  expect(Math.abs(factors.reduce((sum, f) => sum + f.contribution, 0) - score)).toBeLessThan(1e-9);
  expect(Math.abs(factors.reduce((sum, f) => sum + f.weight, 0) - 1)).toBeLessThan(1e-9);
  expect(score).toBeGreaterThanOrEqual(0);
  expect(score).toBeLessThanOrEqual(100);
  for (const f of factors) {
    expect(f.value).toBeGreaterThanOrEqual(0);
    expect(f.value).toBeLessThanOrEqual(100);
    expect(Number.isNaN(f.contribution)).toBe(false);
    expect(f.reason.length).toBeGreaterThan(0);
  }
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function distinctDays(surveys: readonly { surveyDate: string }[]): boolean {
  return new Set(surveys.map((s) => s.surveyDate)).size === surveys.length;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("every judgement, over many generated customers", () => {
  it("explains every score: contributions add up to it exactly, weights to 1, values within 0–100", () => {
    const random = seededRandom(7);
    for (let run = 0; run < RUNS; run++) {
      const results = judgeAll(randomFacts(random));
      // Credit's level is the one set by hand when one is in force; the score's own level is computedLevel.
      const credit = results.credit && { ...results.credit, level: results.credit.computedLevel };
      if (results.credit?.source === "COMPUTED") expect(results.credit.level).toBe(results.credit.computedLevel);
      const scores = [
        [credit, model.levelCutPoints],
        [results.loyalty, model.levelCutPoints],
        [results.satisfaction.result, model.levelCutPoints],
        [results.churnRisk, model.churn.levelCutPoints],
      ] as const;
      for (const [scored, cuts] of scores) {
        if (!scored) continue;
        expectExplained(scored.score, scored.factors);
        expect(scored.level).toBe(levelOf(scored.score, cuts));
      }
      if (results.satisfaction.result === null) expect(results.satisfaction.reason).toBeTruthy();
      else expect(results.satisfaction.reason).toBeNull();
    }
  });

  it("keeps arrears whole and consistent: four buckets in order, and every breakdown summing to the total", () => {
    const random = seededRandom(11);
    for (let run = 0; run < RUNS; run++) {
      const arrears = assessArrears(randomFacts(random), model);
      expect(arrears.buckets.map((b) => b.label)).toEqual(["0-30", "31-60", "61-90", "90+"]);
      const sum = (rows: { amountFen: number }[]) => rows.reduce((s, r) => s + r.amountFen, 0);
      expect(sum(arrears.buckets)).toBe(arrears.totalFen);
      expect(sum(arrears.byService)).toBe(arrears.totalFen);
      expect(sum(arrears.byAccount)).toBe(arrears.totalFen);
      for (const row of [...arrears.buckets, ...arrears.byService, ...arrears.byAccount]) {
        expect(Number.isSafeInteger(row.amountFen)).toBe(true);
        expect(row.amountFen).toBeGreaterThanOrEqual(0);
      }
      expect(arrears.oldestDueDate === null).toBe(arrears.totalFen === 0);
    }
  });

  it("keeps money in whole fen", () => {
    const random = seededRandom(13);
    for (let run = 0; run < RUNS; run++) {
      const facts = randomFacts(random);
      const value = assessValueTier(facts, model);
      const potential = assessPotentialKeyAccount(facts, model);
      for (const amount of [value.arpuFen, value.arpaFen, value.revenue12mFen, value.costToServeFen, potential.revenue12mFen]) {
        expect(Number.isSafeInteger(amount)).toBe(true);
      }
      expect(potential.revenue12mFen).toBe(value.revenue12mFen);
      if (facts.keyAccount.isKeyAccount) expect(potential.potential).toBe(false);
    }
  });

  it("gives the same answer for the same facts, leaves them untouched, and ignores the order they arrive in", () => {
    const random = seededRandom(17);
    for (let run = 0; run < 150; run++) {
      const facts = randomFacts(random);
      const first = judgeAll(deepFreeze(structuredClone(facts)));
      expect(judgeAll(structuredClone(facts))).toEqual(first);
      const reordered: CustomerFacts = {
        ...facts,
        billing: {
          accounts: shuffled(facts.billing.accounts, random),
          bills: shuffled(facts.billing.bills, random),
          services: shuffled(facts.billing.services, random),
          suspensions: shuffled(facts.billing.suspensions, random),
          dunning: shuffled(facts.billing.dunning, random),
          // Credit control's grades come newest first, the first in force: their order is part of the facts.
          manualCredit: facts.billing.manualCredit,
        },
        // Surveys of the same day keep the hall's order (the facts come newest first), so only distinct days are shuffled.
        profile: { ...facts.profile, complaints: shuffled(facts.profile.complaints, random), surveys: distinctDays(facts.profile.surveys) ? shuffled(facts.profile.surveys, random) : facts.profile.surveys },
        network: { ...facts.network, tickets: shuffled(facts.network.tickets, random) },
      };
      expect(judgeAll(reordered)).toEqual(first);
    }
  });

  it("judges the baseline customer identically run after run", () => {
    expect(JSON.stringify(judgeAll(makeFacts()))).toBe(JSON.stringify(judgeAll(makeFacts())));
  });
});
