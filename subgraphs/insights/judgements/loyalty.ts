import type { CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { customerKindFinding } from "./customer-kind.js";
import { count, fen, num, signedPercent } from "./format.js";
import { assessSatisfaction } from "./satisfaction.js";
import { levelOf, scoreFindings, type Factor, type FactorFinding, type Level } from "./score.js";
import { productsHeldFinding, removedServices } from "./services.js";
import { newestUsableSurvey } from "./survey.js";
import { monthlyTotals, trendOf } from "./usage.js";
import { complaintsInWindow, tenureDays, windowOf, type Window } from "./window.js";

export interface LoyaltyResult {
  score: number;
  level: Level;
  factors: Factor[];
}

type LoyaltyModel = ScoringModel["loyalty"];

/**
 * Loyalty (seed 3.2.1.4): customer nature, equipment held and behaviour. Behaviour is read from how
 * long they have stayed, where their spending is heading, complaints, signs of a competitor and what
 * they said in the newest survey.
 */
export function assessLoyalty(facts: CustomerFacts, model: ScoringModel): LoyaltyResult {
  const config = model.loyalty;
  const window = windowOf(facts, model);
  const { score, factors } = scoreFindings(config.weights, {
    customerKind: customerKindFinding(facts, config.customerKind),
    tenure: tenureFinding(facts, config),
    productsHeld: productsHeldFinding(facts, model),
    usageTrend: usageTrendFinding(facts, config, window),
    complaints: complaintsFinding(facts, config, window),
    competitorSigns: competitorFinding(facts, model),
    satisfaction: satisfactionFinding(facts, model),
  });
  return { score, level: levelOf(score, model.levelCutPoints), factors };
}

function tenureFinding(facts: CustomerFacts, config: LoyaltyModel): FactorFinding {
  const days = tenureDays(facts);
  const value = Math.min(100, (days / (config.tenure.fullAtYears * 365)) * 100);
  return {
    value,
    reason:
      `Customer for ${num(days / 365)} years (since ${facts.profile.createdAt.slice(0, 10)}); ` +
      `full marks at ${num(config.tenure.fullAtYears)} years.`,
  };
}

function usageTrendFinding(facts: CustomerFacts, config: LoyaltyModel, window: Window): FactorFinding {
  const rules = config.usageTrend;
  const totals = monthlyTotals(facts, window);
  const trend = totals.length >= rules.minMonths ? trendOf(totals) : null;
  if (!trend || trend.relative === null) {
    return {
      value: rules.neutral,
      reason:
        `${count(totals.length, "billed month")} in the window, a trend needs ${num(rules.minMonths)} with charges: ` +
        `neutral ${num(rules.neutral)}.`,
    };
  }
  const value = rules.neutral + trend.relative * 100 * rules.pointsPerPercent;
  return {
    value,
    reason:
      `Monthly charges change by ${signedPercent(trend.relative)} a month ` +
      `(${fen(Math.round(trend.slopeFen))}/month on an average ${fen(Math.round(trend.meanFen))}) over ${count(trend.months, "month")}.`,
  };
}

function complaintsFinding(facts: CustomerFacts, config: LoyaltyModel, window: Window): FactorFinding {
  const n = complaintsInWindow(facts, window).length;
  const value = Math.max(0, 100 - n * config.complaints.penaltyEach);
  return { value, reason: `${count(n, "complaint")} in the last ${count(window.months, "month")}, −${num(config.complaints.penaltyEach)} each.` };
}

/** Signs of a competitor (seed 3.2.1.10's competitor and shared customers): the survey says so, or services were removed. */
function competitorFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const rules = model.loyalty.competitorSigns;
  const { survey } = newestUsableSurvey(facts, model);
  const other = survey?.usesOtherCarrier === true;
  const removed = removedServices(facts).length;
  const value = Math.max(0, 100 - (other ? rules.usesOtherCarrier : 0) - removed * rules.perRemovedService);
  const surveySays = !survey
    ? "No usable survey"
    : other
      ? `Survey of ${survey.surveyDate} says they also use another carrier`
      : "Survey shows no other carrier";
  return { value, reason: `${surveySays}; ${count(removed, "service")} removed.` };
}

function satisfactionFinding(facts: CustomerFacts, model: ScoringModel): FactorFinding {
  const { result, reason } = assessSatisfaction(facts, model);
  const neutral = model.loyalty.satisfaction.neutral;
  if (!result) return { value: neutral, reason: `${reason} Neutral ${num(neutral)}.` };
  return { value: result.score, reason: `Satisfaction ${num(result.score)} (${result.label}) from the survey of ${result.surveyDate}.` };
}
