import type pg from "pg";
import { expect } from "vitest";
import { AdapterError, type SourceSystem } from "./errors.js";
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
