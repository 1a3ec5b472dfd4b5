import { z } from "zod";

/**
 * The key-account system's spelling of single values, as zod schemas that turn a raw column into a
 * clean value or reject it with a message that says what was wrong.
 */

export function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.toISOString().slice(0, 10) === iso;
}

/** ISO date of a 'YYYY/MM/DD' string, or null when it is not a real calendar date. */
export function isoOfSlashDate(text: string): string | null {
  const match = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isCalendarDate(iso) ? iso : null;
}

export const slashDate = z.string().transform((text, ctx) => {
  const iso = isoOfSlashDate(text.trim());
  if (iso === null) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a YYYY/MM/DD calendar date` });
    return z.NEVER;
  }
  return iso;
});

/** BIGINT columns arrive as decimal strings; money must stay an exact integer. */
export const integer = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const n = typeof value === "number" ? value : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} is not a safe integer` });
    return z.NEVER;
  }
  return n;
});

/** A padded CHAR code mapped through the DDL's table of meanings; any other value is rejected, never guessed. */
export function code<T>(meanings: Readonly<Record<string, T>>) {
  return z.string().transform((raw, ctx) => {
    const key = raw.trim();
    if (!Object.hasOwn(meanings, key)) {
      ctx.addIssue({ code: "custom", message: `unknown code "${raw}" (known: ${Object.keys(meanings).join(", ")})` });
      return z.NEVER;
    }
    return meanings[key] as T;
  });
}
