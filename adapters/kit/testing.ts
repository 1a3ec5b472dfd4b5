import type pg from "pg";
import { expect } from "vitest";
import { AdapterError, isAdapterError, type SourceSystem } from "./errors.js";
import type { OrMalformed } from "./parse.js";
import type { SystemPolicyConfig } from "./policies/config.js";
import type { RoundTripCounter } from "./round-trips.js";

/**
 * What the adapters' tests check in the same way for every legacy system. For tests only: it asserts
 * with vitest's expect.
 */

/** A database address where nothing listens, so that a SQL adapter's source is down from the start. */
export const UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable";

/** The AdapterError a call rejects with; the test fails if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AdapterError);
  return error as AdapterError;
}

/** Expects the call to be refused as BAD_USER_INPUT by `source` without a single round trip to it. */
export async function expectRefusedUpFront(
  call: () => Promise<unknown>,
  counter: RoundTripCounter,
  source: SourceSystem,
): Promise<AdapterError> {
  counter.reset();
  const error = await rejection(call());
  expect(error.code).toBe("BAD_USER_INPUT");
  expect(error.source).toBe(source);
  expect(counter.get(source)).toBe(0);
  return error;
}

/** Expects MALFORMED_RECORD from `source`, naming the record both in the error and in its message. */
export async function expectMalformed(promise: Promise<unknown>, source: SourceSystem, record: string): Promise<AdapterError> {
  const error = await rejection(promise);
  expect(error.code).toBe("MALFORMED_RECORD");
  expect(error.source).toBe(source);
  expect(error.record).toBe(record);
  expect(error.message).toContain(record);
  return error;
}

/** The batch's answer with every key served: the test fails, naming them, on keys given an error. */
export function served<K, V>(found: Map<K, OrMalformed<V>>): Map<K, V> {
  const errors = [...found].filter(([, value]) => isAdapterError(value)).map(([key, value]) => `${String(key)}: ${(value as Error).message}`);
  expect(errors).toEqual([]);
  return found as Map<K, V>;
}

/**
 * Expects a batch's answer to give `key` alone MALFORMED_RECORD from `source`, naming the record both in the
 * error and in its message; every other key is served.
 */
export function expectMalformedAt<K, V>(found: Map<K, OrMalformed<V>>, key: K, source: SourceSystem, record: string): AdapterError {
  const error = found.get(key);
  expect(error).toBeInstanceOf(AdapterError);
  expect(error).toMatchObject({ code: "MALFORMED_RECORD", source, record });
  expect((error as AdapterError).message).toContain(record);
  expect([...found].filter(([other, value]) => other !== key && isAdapterError(value)).map(([other]) => other)).toEqual([]);
  return error as AdapterError;
}

/** Expects SOURCE_UNAVAILABLE from `source` for an adapter that cannot reach it, and closes the adapter. */
export async function expectUnreachable<A extends { close(): Promise<void> }>(
  adapter: A,
  call: (adapter: A) => Promise<unknown>,
  source: SourceSystem,
): Promise<void> {
  try {
    const error = await rejection(call(adapter));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(error.source).toBe(source);
  } finally {
    await adapter.close();
  }
}

/** Runs `body` with extra legacy rows in place, removing them whatever happens. */
export async function withRows(pool: pg.Pool, inserts: string, cleanup: string, body: () => Promise<void>): Promise<void> {
  await pool.query(inserts);
  try {
    await body();
  } finally {
    await pool.query(cleanup);
  }
}

/**
 * Policies with tiny times for tests: two attempts a few ms apart, a breaker that opens after 3 failed
 * calls (and stays open for the test, however slow the machine), 2 calls in flight and 1 waiting.
 */
export function testPolicies(overrides: Partial<SystemPolicyConfig> = {}): SystemPolicyConfig {
  return {
    timeoutMs: 1_000,
    minAttemptMs: 20,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    breaker: { consecutiveFailures: 3, halfOpenAfterMs: 600_000 },
    bulkhead: { maxConcurrent: 2, queue: 1 },
    ...overrides,
  };
}
