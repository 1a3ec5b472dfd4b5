import { dateIn, isoDateOf, type DateSpelling } from "../kit/values.js";

/** The key-account system's own spellings of single values; the generic readers are in kit/values. */

/** Dates are CHAR(10) 'YYYY/MM/DD'. */
const SLASHED: DateSpelling = { pattern: /^(\d{4})\/(\d{2})\/(\d{2})$/, name: "YYYY/MM/DD" };

/** ISO date of a 'YYYY/MM/DD' string, or null when it is not a real calendar date. */
export const isoOfSlashDate = (text: string): string | null => isoDateOf(text, SLASHED);

export const slashDate = dateIn(SLASHED);
