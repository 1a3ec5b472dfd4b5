import { isoDateOf, type DateSpelling } from "./values.js";

/**
 * The single-value readers of `values.ts` written by hand, for records read by the thousand (the snapshot's
 * batches), where zod's checks were the largest cost of reading (measured: 15 % of the job's main thread).
 * Each answers the value exactly as its schema would, or undefined for anything the schema might reject or
 * read otherwise: the record is then read by its schema, so every message stays the schema's own.
 */

/** `integer`: a safe integer from its decimal text or a number. */
export function plainInteger(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `code(meanings)` with text or numbers accepted: the meaning of the trimmed code. */
export function plainCode<T>(meanings: Readonly<Record<string, T>>, value: unknown): T | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const key = String(value).trim();
  return Object.hasOwn(meanings, key) ? meanings[key] : undefined;
}

/** `dateIn(spelling)`: the ISO date of the trimmed text. */
export function plainDate(value: unknown, spelling: DateSpelling): string | undefined {
  return typeof value === "string" ? (isoDateOf(value.trim(), spelling) ?? undefined) : undefined;
}

/** `dateOrNoneIn(spelling, none)`: null for the placeholder, else the ISO date of the trimmed text. */
export function plainDateOrNone(value: unknown, spelling: DateSpelling, none: string): string | null | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text === none ? null : (isoDateOf(text, spelling) ?? undefined);
}

/** A text column that `test` accepts, as it is. */
export function plainText(value: unknown, test: { test(text: string): boolean }): string | undefined {
  return typeof value === "string" && test.test(value) ? value : undefined;
}

/** `z.array(z.union([item, z.null()]))` where no entry may be null: a copy of the array, or undefined. */
export function plainList(value: unknown, test: { test(text: string): boolean }): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (typeof item !== "string" || !test.test(item)) return undefined;
  return value.slice() as string[];
}
