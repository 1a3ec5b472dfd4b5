import { z } from "zod";
import { AdapterError, type SourceSystem } from "./errors.js";

/**
 * A caller-chosen key that makes a write safe to retry: the owning system stores it with the record
 * and a replay with the same key returns the first record instead of creating another.
 */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_:.-]{8,64}$/, "idempotency key must be 8–64 characters of letters, digits, _ : . -");

export function checkIdempotencyKey(key: string, source: SourceSystem): string {
  const result = idempotencyKeySchema.safeParse(key);
  if (!result.success) {
    throw new AdapterError("BAD_USER_INPUT", source, result.error.issues[0]?.message ?? "bad idempotency key");
  }
  return result.data;
}
