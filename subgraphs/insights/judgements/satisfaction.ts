import type { CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { num } from "./format.js";
import { clamp, levelOf, scoreFindings, type Factor, type FactorFinding, type Level } from "./score.js";
import { newestUsableSurvey } from "./survey.js";

/** The seed's satisfaction levels (3.2.1.10), on the same cut points as every other level. */
export type SatisfactionLabel = "VERY_SATISFIED" | "SATISFIED" | "BASICALLY_SATISFIED" | "DISSATISFIED" | "VERY_DISSATISFIED";
export type SatisfactionGroup = "SERVICE" | "QUALITY" | "VALUE";

export interface SatisfactionResult {
  score: number;
  level: Level;
  label: SatisfactionLabel;
  surveyDate: string;
  /** Each group's share of the score: the sum of its factors' contributions. */
  groups: { group: SatisfactionGroup; contribution: number }[];
  factors: Factor[];
}

/** Satisfaction, or null with the reason when no survey can speak for the customer. */
export interface SatisfactionJudgement {
  result: SatisfactionResult | null;
  reason: string | null;
}

const LABELS: Record<Level, SatisfactionLabel> = {
  VERY_HIGH: "VERY_SATISFIED",
  HIGH: "SATISFIED",
  MEDIUM: "BASICALLY_SATISFIED",
  LOW: "DISSATISFIED",
  VERY_LOW: "VERY_DISSATISFIED",
};

/** The nine perceived factors of seed 3.2.1.3, in its order, with the group each belongs to and how to say it. */
const QUESTIONS = {
  image: ["SERVICE", "the carrier's image"],
  attitude: ["SERVICE", "service attitude"],
  serviceQuality: ["SERVICE", "service quality"],
  care: ["SERVICE", "care for the customer"],
  reliability: ["QUALITY", "reliability"],
  timeliness: ["QUALITY", "timeliness"],
  security: ["QUALITY", "security"],
  qualityForPrice: ["VALUE", "quality for the price"],
  priceForQuality: ["VALUE", "price for the quality"],
} as const satisfies Record<keyof ScoringModel["satisfaction"]["weights"], readonly [SatisfactionGroup, string]>;

type Question = keyof typeof QUESTIONS;

/**
 * Satisfaction from the newest usable survey alone, on its own scale (five-point answers count as the
 * model's answerValues, hundred-point answers as themselves): a survey is the customer's own statement at a
 * date, and averaging it with older ones would blur a change of mind the seed wants tracked.
 */
export function assessSatisfaction(facts: CustomerFacts, model: ScoringModel): SatisfactionJudgement {
  const { survey, reason } = newestUsableSurvey(facts, model);
  if (!survey) return { result: null, reason };
  const answerValues = model.satisfaction.answerValues;
  const findings = {} as Record<Question, FactorFinding>;
  for (const question of Object.keys(QUESTIONS) as Question[]) {
    const [group, wording] = QUESTIONS[question];
    const rated = `Rated ${wording} (${group.toLowerCase()})`;
    if (survey.scale === "HUNDRED_POINT") {
      // The hundred-point answer is the factor's value itself; the facts boundary admits only 0–100.
      const value = clamp(survey[question], 0, 100);
      findings[question] = { value, reason: `${rated} ${num(value)} of 100.` };
      continue;
    }
    // The facts boundary admits only 1–5; pulling anything else to the nearest answer keeps hand-built facts from scoring NaN.
    const answer = clamp(Math.round(survey[question]), 1, 5);
    const value = answerValues[answer - 1] as number;
    findings[question] = { value, reason: `${rated} ${answer} of 5: ${num(value)}.` };
  }
  const { score, factors } = scoreFindings(model.satisfaction.weights, findings);
  const level = levelOf(score, model.levelCutPoints);
  const groups = (["SERVICE", "QUALITY", "VALUE"] as const).map((group) => {
    const cents = factors
      .filter((f) => QUESTIONS[f.name as Question][0] === group)
      .reduce((sum, f) => sum + Math.round(f.contribution * 100), 0);
    return { group, contribution: cents / 100 };
  });
  return { result: { score, level, label: LABELS[level], surveyDate: survey.surveyDate, groups, factors }, reason: null };
}
