import { z } from "zod";
import type { CachedEntry } from "./store.js";

/**
 * How an entry is kept: `{ v, t }` as JSON text, in Redis and in memory alike, so both stores hand back
 * the same values, and a caller changing a value it was served never changes the cache.
 */
const envelopeSchema = z.strictObject({ v: z.unknown(), t: z.number().int().nonnegative() });

export function encodeEntry(value: unknown, storedAt: number): string {
  return JSON.stringify({ v: value, t: storedAt });
}

/** The entry, or undefined for text that is no envelope of ours (another writer, an older format): a miss. */
export function decodeEntry(text: string): CachedEntry | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = envelopeSchema.safeParse(raw);
  // JSON has no undefined: an envelope without `v` was not written by encodeEntry.
  if (!parsed.success || parsed.data.v === undefined) return undefined;
  return { value: parsed.data.v, storedAt: parsed.data.t };
}
