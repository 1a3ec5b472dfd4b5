import { z } from "zod";

/**
 * Billing's spelling of single values, as zod schemas that turn a raw column into a clean value or
 * reject it with a message that says what was wrong.
 */

/** ISO date of a 'YYYYMMDD' string, or null when it is not a real calendar date. */
export function isoOfCompactDate(text: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isCalendarDate(iso) ? iso : null;
}

export function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.toISOString().slice(0, 10) === iso;
}

/** "YYYY-MM" of a billing cycle id 'YYYYMM', or null. */
export function monthOfCycle(cycle: string): string | null {
  const match = /^(\d{4})(0[1-9]|1[0-2])$/.exec(cycle);
  return match ? `${match[1]}-${match[2]}` : null;
}

export const compactDate = z.string().transform((text, ctx) => {
  const iso = isoOfCompactDate(text.trim());
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a YYYYMMDD calendar date` });
    return z.NEVER;
  }
  return iso;
});

/** Where the DDL says '00000000' means "none". */
export const compactDateOrNone = z.string().transform((text, ctx): string | null => {
  if (text.trim() === "00000000") return null;
  const iso = isoOfCompactDate(text.trim());
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a YYYYMMDD calendar date nor 00000000` });
    return z.NEVER;
  }
  return iso;
});

export const cycleMonth = z.string().transform((text, ctx) => {
  const month = monthOfCycle(text.trim());
  if (month === null) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a YYYYMM billing cycle` });
    return z.NEVER;
  }
  return month;
});

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

/** A padded CHAR code mapped through the DDL's table of meanings; any other value is rejected, never guessed. */
export function code<T extends string>(meanings: Readonly<Record<string, T>>) {
  return z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const key = String(raw).trim();
    const meaning = Object.hasOwn(meanings, key) ? meanings[key] : undefined;
    if (meaning === undefined) {
      ctx.addIssue({ code: "custom", message: `unknown code "${raw}" (known: ${Object.keys(meanings).join(", ")})` });
      return z.NEVER;
    }
    return meaning;
  });
}
