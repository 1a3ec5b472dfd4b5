import { describe, expect, it } from "vitest";
import { withDeadline } from "../../deadline.js";
import { AdapterError, type AdapterErrorCode } from "../errors.js";
import { rejection } from "../testing.js";
import { retryPolicy } from "./retry.js";

const retry = retryPolicy({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, 20);

/** An attempt that fails with `code` the first `failures` times, then answers; counts its calls. */
function flaky(code: AdapterErrorCode, failures: number) {
  const attempt = async () => {
    attempt.calls++;
    if (attempt.calls <= failures) throw new AdapterError(code, "billing", `failure ${attempt.calls}`);
    return "answer";
  };
  attempt.calls = 0;
  return attempt;
}

describe("retry policy", () => {
  it.each(["SOURCE_UNAVAILABLE", "SOURCE_TIMEOUT"] as const)("tries a read again after %s", async (code) => {
    const read = flaky(code, 2);
    expect(await retry.execute(read)).toBe("answer");
    expect(read.calls).toBe(3);
  });

  it("gives up after maxAttempts with the last failure", async () => {
    const read = flaky("SOURCE_UNAVAILABLE", 5);
    const error = await rejection(retry.execute(read));
    expect(error.message).toContain("failure 3");
    expect(read.calls).toBe(3);
  });

  it("never tries a write again, whatever the failure", async () => {
    const write = flaky("SOURCE_UNAVAILABLE", 1);
    expect((await rejection(retry.execute(write, { write: true }))).code).toBe("SOURCE_UNAVAILABLE");
    expect(write.calls).toBe(1);
  });

  it("tries a keyed write again, since the system answers a replay with the first record", async () => {
    const write = flaky("SOURCE_TIMEOUT", 1);
    expect(await retry.execute(write, { write: true, idempotent: true })).toBe("answer");
    expect(write.calls).toBe(2);
  });

  it.each(["MALFORMED_RECORD", "BAD_USER_INPUT", "CONFLICT", "INTERNAL"] as const)("does not try a read again after %s", async (code) => {
    const read = flaky(code, 1);
    expect((await rejection(retry.execute(read))).code).toBe(code);
    expect(read.calls).toBe(1);
  });

  it("does not try again after an error that is not an adapter's (a bug)", async () => {
    let calls = 0;
    await expect(retry.execute(async () => (calls++, Promise.reject(new TypeError("bug"))))).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it("does not try again when the request's deadline cannot fit another attempt", async () => {
    const read = flaky("SOURCE_UNAVAILABLE", 1);
    const error = await rejection(withDeadline(Date.now() + 15, () => retry.execute(read)));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(read.calls).toBe(1);
  });

  it("tries again when the deadline leaves room", async () => {
    const read = flaky("SOURCE_UNAVAILABLE", 1);
    expect(await withDeadline(Date.now() + 5_000, () => retry.execute(read))).toBe("answer");
    expect(read.calls).toBe(2);
  });
});
