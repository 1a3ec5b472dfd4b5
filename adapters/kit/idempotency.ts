import { z } from "zod";
import { AdapterError, type SourceSystem } from "./errors.js";

/** 8–64 characters of letters, digits, `_ : . -`: fits every system's key column (VARCHAR(64)) and a UUID. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_:.-]{8,64}$/;

/**
 * A caller-chosen key that makes a write safe to retry: the owning system stores it with the record
 * and a replay with the same key returns the first record instead of creating another.
 */
export const idempotencyKeySchema = z.string().regex(IDEMPOTENCY_KEY, "idempotency key must be 8–64 characters of letters, digits, _ : . -");

export function checkIdempotencyKey(key: string, source: SourceSystem): string {
  const result = idempotencyKeySchema.safeParse(key);
  if (!result.success) {
    throw new AdapterError("BAD_USER_INPUT", source, result.error.issues[0]?.message ?? "bad idempotency key");
  }
  return result.data;
}

/** What a keyed write answers: the record the system holds under the key, and whether it held it already. */
export interface Written<T> {
  record: T;
  /** True when the key had been used before (for the same data): nothing was written this time. */
  replayed: boolean;
}
