/**
 * Calendar arithmetic on whole days and months, independent of the machine's time zone.
 * Timestamps count on the calendar day they were recorded in (their own offset), which is what the
 * legacy systems meant when they wrote them.
 */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date, or of the date part of an ISO timestamp. */
export function dayNumber(isoDateOrTimestamp: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDateOrTimestamp);
  if (!match) throw new Error(`not an ISO date: ${isoDateOrTimestamp}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Month number (year × 12 + zero-based month) of "YYYY-MM" or of any ISO date or timestamp. */
export function monthNumber(isoMonthOrDate: string): number {
  const match = /^(\d{4})-(\d{2})/.exec(isoMonthOrDate);
  if (!match) throw new Error(`not an ISO month: ${isoMonthOrDate}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function isoMonth(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** The same day of the month `months` later (or earlier), pulled back to the month's last day when it has fewer days. */
export function addMonths(isoDay: string, months: number): string {
  const day = dayNumber(isoDay);
  const date = new Date(day * DAY_MS);
  const target = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(target / 12);
  const monthIndex = target - year * 12;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return isoDate(Date.UTC(year, monthIndex, Math.min(date.getUTCDate(), lastDay)) / DAY_MS);
}
