import { z } from "zod";
import { AdapterError, type SourceSystem } from "./errors.js";

/**
 * Single column values as zod schemas that turn a raw legacy value into a clean one or reject it with a
 * message saying what was wrong. Each adapter keeps only its system's spellings; the logic lives here.
 */

/** True for a real ISO calendar date "YYYY-MM-DD" (no 30 February, no month 13, no year before 100). */
export function isCalendarDate(iso: string): boolean {
  // Counted by hand rather than through Date: every date of every legacy record passes here (measured: 5 % of a snapshot).
  if (iso.length !== 10 || iso.charCodeAt(4) !== DASH || iso.charCodeAt(7) !== DASH) return false;
  const year = digitsAt(iso, 0, 4);
  const month = digitsAt(iso, 5, 2);
  const day = digitsAt(iso, 8, 2);
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
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

/** Days in `month` (1–12) of `year` in the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A reference date ("as of") given to a read: a real ISO calendar date or absent. It picks which records exist,
 * so a bad one refuses the whole call before any round trip, as BAD_USER_INPUT of the system asked.
 */
export function checkAsOf(asOf: string | undefined, system: SourceSystem): string | undefined {
  if (asOf !== undefined && !isCalendarDate(asOf)) {
    throw new AdapterError("BAD_USER_INPUT", system, `asOf must be an ISO date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  }
  return asOf;
}

/** How a legacy system spells a date: a whole-string pattern capturing year, month and day, and its name for messages. */
export interface DateSpelling {
  readonly pattern: RegExp;
  readonly name: string;
}

/** The ISO date of `text` in `spelling`, or null when it is not spelled so or is no real calendar date. */
export function isoDateOf(text: string, spelling: DateSpelling): string | null {
  const match = spelling.pattern.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isCalendarDate(iso) ? iso : null;
}

/** A string column read by `read`, which answers null for what it cannot read; the message says it is not `what`. */
export function readAs<T>(read: (text: string) => T | null, what: string) {
  return z.string().transform((text, ctx) => {
    const value = read(text);
    if (value === null) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(text)} is not ${what}` });
      return z.NEVER;
    }
    return value;
  });
}

/** A date column in `spelling`; CHAR columns come padded, so it is trimmed first. */
export function dateIn(spelling: DateSpelling) {
  return readAs((text) => isoDateOf(text.trim(), spelling), `a ${spelling.name} calendar date`);
}

/** A date column where the DDL gives one placeholder value (e.g. '00000000') the meaning "no date". */
export function dateOrNoneIn(spelling: DateSpelling, none: string) {
  // Read as "" first, which no ISO date can be, so that one message covers both what is and is not accepted.
  const read = (text: string) => (text.trim() === none ? "" : isoDateOf(text.trim(), spelling));
  return readAs(read, `a ${spelling.name} calendar date nor ${none}`).transform((iso) => (iso === "" ? null : iso));
}

/** BIGINT and NUMERIC columns arrive as decimal strings; money must stay an exact integer. */
export const integer = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const n = typeof value === "number" ? value : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} is not a safe integer` });
    return z.NEVER;
  }
  return n;
});

/** Ids are kept as the decimal text of the BIGINT, so no precision is ever at stake. */
export const bigintId = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

/** How a code column is read by `code`. */
export interface CodeReading {
  /** What the code stands for, named in messages: "line state" gives `unknown line state code "7"`. */
  readonly what?: string;
  /** Accept numbers only (a JSON source that sends its codes as numbers); by default text or numbers. */
  readonly numbersOnly?: boolean;
}

/**
 * A code column mapped through the DDL's table of meanings; any other value is rejected, never guessed.
 * CHAR codes come padded and NUMBER codes as numbers, so both are looked up by their trimmed text.
 */
export function code<T>(meanings: Readonly<Record<string, T>>, reading: CodeReading = {}) {
  const raw: z.ZodType<string | number> = reading.numbersOnly === true ? z.number() : z.union([z.string(), z.number()]);
  const name = reading.what === undefined ? "code" : `${reading.what} code`;
  return raw.transform((value, ctx) => {
    const key = String(value).trim();
    if (!Object.hasOwn(meanings, key)) {
      ctx.addIssue({ code: "custom", message: `unknown ${name} "${value}" (known: ${Object.keys(meanings).join(", ")})` });
      return z.NEVER;
    }
    return meanings[key] as T;
  });
}

/** The carrier's zone is UTC+8 all year (China keeps no summer time). */
const CARRIER_OFFSET_MS = 8 * 3_600_000;

/** Today in the carrier's zone (UTC+8): the day its systems stamp records with. */
export function carrierToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CARRIER_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The first and last instants (epoch ms) whose carrier wall time has a four-digit year. Beyond them ISO 8601
 * needs its expanded "+010000-…" years, which RFC 3339, GraphQL's DateTime and the facts' schemas all refuse.
 */
export const FIRST_CARRIER_INSTANT = Date.parse("0000-01-01T00:00:00.000+08:00");
export const LAST_CARRIER_INSTANT = Date.parse("9999-12-31T23:59:59.999+08:00");

/**
 * An instant (epoch ms) as ISO 8601 in the carrier's zone, "2026-11-15T02:00:00.000+08:00", or null when it is
 * no whole millisecond or falls outside years 0000–9999 there. The date written in it is then the carrier's,
 * the day the judgements count it on; a "…Z" text would put everything from 16:00 UTC on the day before.
 */
export function carrierDateTime(ms: number): string | null {
  if (!Number.isInteger(ms) || ms < FIRST_CARRIER_INSTANT || ms > LAST_CARRIER_INSTANT) return null;
  // Shifted by the offset, the UTC text is the carrier's wall time; the bounds keep the shift inside Date's range.
  return `${new Date(ms + CARRIER_OFFSET_MS).toISOString().slice(0, -1)}+08:00`;
}
