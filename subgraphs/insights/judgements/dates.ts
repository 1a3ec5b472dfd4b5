/**
 * Calendar arithmetic on whole days and months, independent of the machine's time zone.
 * Timestamps count on the calendar day they were recorded in (their own offset), which is what the
 * legacy systems meant when they wrote them.
 */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date, or of the date part of an ISO timestamp. */
export function dayNumber(isoDateOrTimestamp: string): number {
  const year = digitsAt(isoDateOrTimestamp, 0, 4);
  const month = digitsAt(isoDateOrTimestamp, 5, 2);
  const day = digitsAt(isoDateOrTimestamp, 8, 2);
  if (year < 0 || month < 0 || day < 0 || isoDateOrTimestamp.charCodeAt(4) !== DASH || isoDateOrTimestamp.charCodeAt(7) !== DASH) {
    throw new Error(`not an ISO date: ${isoDateOrTimestamp}`);
  }
  // Counted as Date.UTC counts (years 0–99 as 19xx, month 0 or 13 and day 0 or 31 rolling over), without
  // making a Date: judgements count days on every bill of every customer (measured: 4 % of a snapshot).
  const monthIndex = month - 1;
  const fullYear = (year <= 99 ? 1900 + year : year) + Math.floor(monthIndex / 12);
  return daysFromCivil(fullYear, (monthIndex % 12 + 12) % 12) + day - 1;
}

const DASH = 45;

/** The number `length` ASCII digits of `text` spell from `start`; -1 when one of them is no digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Days since 1970-01-01 of the first of a month (zero-based) in the proleptic Gregorian calendar. */
function daysFromCivil(year: number, monthIndex: number): number {
  // Years counted from March, so that the leap day ends a year (the civil-from-days method).
  const y = monthIndex < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (monthIndex < 2 ? monthIndex + 10 : monthIndex - 2) + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
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
  const year = digitsAt(isoMonthOrDate, 0, 4);
  const month = digitsAt(isoMonthOrDate, 5, 2);
  if (year < 0 || month < 0 || isoMonthOrDate.charCodeAt(4) !== DASH) throw new Error(`not an ISO month: ${isoMonthOrDate}`);
  return year * 12 + month - 1;
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
