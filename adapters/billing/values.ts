import { dateIn, dateOrNoneIn, isoDateOf, readAs, type DateSpelling } from "../kit/values.js";

/** Billing's own spellings of single values; the generic readers are in kit/values. */

/** Dates are CHAR(8) 'YYYYMMDD'. */
export const COMPACT: DateSpelling = { pattern: /^(\d{4})(\d{2})(\d{2})$/, name: "YYYYMMDD" };

/** ISO date of a 'YYYYMMDD' string, or null when it is not a real calendar date. */
export const isoOfCompactDate = (text: string): string | null => isoDateOf(text, COMPACT);

/** "YYYY-MM" of a billing cycle id 'YYYYMM', or null. */
export function monthOfCycle(cycle: string): string | null {
  const match = /^(\d{4})(0[1-9]|1[0-2])$/.exec(cycle);
  return match ? `${match[1]}-${match[2]}` : null;
}

export const compactDate = dateIn(COMPACT);

/** Where the DDL says '00000000' means "none". */
export const compactDateOrNone = dateOrNoneIn(COMPACT, "00000000");

export const cycleMonth = readAs((text) => monthOfCycle(text.trim()), "a YYYYMM billing cycle");

/** The billing cycle id 'YYYYMM' of the month `back` months before the month of the ISO date `isoDate`. */
export function cycleBefore(isoDate: string, back: number): string {
  const month = Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1 - back;
  return `${Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, "0")}`;
}
