import type { CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { compareText } from "./compare.js";
import { assessArrears } from "./arrears.js";
import { count, num, percent, signedPercent } from "./format.js";
import { assessSatisfaction } from "./satisfaction.js";
import { levelOf, scoreFindings, type Factor, type FactorFinding, type Level } from "./score.js";
import { servicesAsOf } from "./services.js";
import { newestUsableSurvey } from "./survey.js";
import { monthlyTotals, trendOf } from "./usage.js";
import { complaintsInWindow, tenureDays, windowOf } from "./window.js";

export interface ChurnRiskResult {
  /** 0 (no sign of leaving) … 100 (every sign). */
  score: number;
  level: Level;
  /** The reasons of the factors that point to leaving, strongest first. */
  reasons: string[];
  factors: Factor[];
}

/**
 * Churn risk (seed 3.2.1.9: removal, moving, usage falling, a competitor's services). Every factor is a
 * risk: 0 means it gives no sign of leaving, 100 the strongest sign.
 */
export function assessChurnRisk(facts: CustomerFacts, model: ScoringModel): ChurnRiskResult {
  const config = model.churn;
  const { score, factors } = scoreFindings(config.weights, {
    usageDecline: usageDeclineFinding(facts, model),
    removedServices: removedFinding(facts),
    competitorSigns: competitorFinding(facts, model),
    complaints: complaintsFinding(facts, model),
    lowSatisfaction: lowSatisfactionFinding(facts, model),
    arrears: arrearsFinding(facts, model),
    shortTenure: shortTenureFinding(facts, model),
  });
  const reasons = factors
    .filter((f) => f.value >= config.reasonFrom && f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution || compareText(a.name, b.name))
    .map((f) => f.reason);
  return { score, level: levelOf(score, config.levelCutPoints), reasons, factors };
}

function usageDeclineFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const rules = model.churn.usageDecline;
  const totals = monthlyTotals(facts, windowOf(facts, model));
  const trend = totals.length >= rules.minMonths ? trendOf(totals) : null;
  if (!trend || trend.relative === null) {
    return { value: 0, reason: `${count(totals.length, "billed month")}, too few to see a decline (needs ${num(rules.minMonths)}).` };
  }
  const value = Math.max(0, -trend.relative * 100 * rules.pointsPerPercent);
  return { value, reason: `Monthly charges change by ${signedPercent(trend.relative)} a month over ${count(trend.months, "month")}.` };
}

function removedFinding(facts: CustomerFacts): FactorFinding {
  const { HELD, REMOVED } = servicesAsOf(facts);
  const removed = REMOVED.length;
  const all = HELD.length + removed;
  if (all === 0) return { value: 0, reason: "No service on record." };
  return { value: (removed / all) * 100, reason: `${num(removed)} of ${count(all, "service")} removed (${percent(removed / all)}).` };
}

function competitorFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const { survey } = newestUsableSurvey(facts, model);
  if (!survey) return { value: 0, reason: "No usable survey to show another carrier." };
  return survey.usesOtherCarrier
    ? { value: 100, reason: `Survey of ${survey.surveyDate} says they also use another carrier.` }
    : { value: 0, reason: `Survey of ${survey.surveyDate} shows no other carrier.` };
}

function lowSatisfactionFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const { result, reason } = assessSatisfaction(facts, model);
  const neutral = model.churn.lowSatisfaction.neutral;
  if (!result) return { value: neutral, reason: `${reason} Neutral risk ${num(neutral)}.` };
  return { value: 100 - result.score, reason: `Satisfaction ${num(result.score)} (${result.label}): risk ${num(100 - result.score)}.` };
}

function complaintsFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const window = windowOf(facts, model);
  const n = complaintsInWindow(facts, window).length;
  const value = Math.min(100, n * model.churn.complaints.riskEach);
  return { value, reason: `${count(n, "complaint")} in the last ${count(window.months, "month")}.` };
}

/** Debt the customer walks away from is churn by another name; the dunning stage says how far it has gone. */
function arrearsFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const arrears = assessArrears(facts, model);
  return { value: model.churn.arrears[arrears.dunningStage], reason: `Dunning stage ${arrears.dunningStage}: ${arrears.stageReason}` };
}

function shortTenureFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const days = tenureDays(facts);
  const shortDays = model.churn.shortTenure.shortDays;
  const value = Math.max(0, 1 - days / shortDays) * 100;
  return { value, reason: `Customer for ${count(days, "day")}; under ${num(shortDays)} days counts as new.` };
}
