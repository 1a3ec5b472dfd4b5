import type { CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { addMonths, dayNumber, monthNumber } from "./dates.js";

/**
 * The look-back window every judgement shares: the `windowMonths` closed billing months before the
 * as-of month, and for dated events the same span of days ending on the as-of date.
 */
export interface Window {
  /** First and last billing month (month numbers) of the window; the as-of month is still open, so excluded. */
  firstMonth: number;
  lastMonth: number;
  /** First day of the window for dated events (as-of date minus windowMonths months). */
  fromDate: string;
  months: number;
}

export function windowOf(facts: CustomerFacts, model: ScoringModel): Window {
  return monthsWindow(facts.asOf, model.windowMonths);
}

/** The same kind of window over `months` closed months before the as-of month (a trend's span). */
export function monthsWindow(asOf: string, months: number): Window {
  const asOfMonth = monthNumber(asOf);
  return { firstMonth: asOfMonth - months, lastMonth: asOfMonth - 1, fromDate: addMonths(asOf, -months), months };
}

/** An event dated within the window (inclusive of the as-of date itself). */
export function withinWindow(date: string, window: Window, asOf: string): boolean {
  const day = dayNumber(date);
  return day >= dayNumber(window.fromDate) && day <= dayNumber(asOf);
}

export function complaintsInWindow(facts: CustomerFacts, window: Window): CustomerFacts["profile"]["complaints"] {
  return facts.profile.complaints.filter((c) => withinWindow(c.acceptedAt, window, facts.asOf));
}

/** Days since the customer joined (0 when the record is dated after the as-of date). */
export function tenureDays(facts: CustomerFacts): number {
  return Math.max(0, dayNumber(facts.asOf) - dayNumber(facts.profile.createdAt));
}
