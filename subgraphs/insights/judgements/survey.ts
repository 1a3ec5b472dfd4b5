import type { CustomerFacts, ProfileFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { dayNumber } from "./dates.js";
import { num } from "./format.js";

export type Survey = ProfileFacts["surveys"][number];

/**
 * The newest survey answered on or before the as-of date, if it is recent enough to speak for the
 * customer now; otherwise why there is none.
 */
export function newestUsableSurvey(facts: CustomerFacts, model: ScoringModel): { survey: Survey | null; reason: string | null } {
  const asOf = dayNumber(facts.asOf);
  const answered = facts.profile.surveys
    .filter((s) => dayNumber(s.surveyDate) <= asOf)
    .sort((a, b) => dayNumber(b.surveyDate) - dayNumber(a.surveyDate));
  const newest = answered[0];
  if (!newest) return { survey: null, reason: "No satisfaction survey on record." };
  const age = asOf - dayNumber(newest.surveyDate);
  if (age > model.satisfaction.maxSurveyAgeDays) {
    return {
      survey: null,
      reason:
        `Newest survey (${newest.surveyDate}) is ${num(age)} days old; ` +
        `surveys older than ${num(model.satisfaction.maxSurveyAgeDays)} days are not used.`,
    };
  }
  return { survey: newest, reason: null };
}
