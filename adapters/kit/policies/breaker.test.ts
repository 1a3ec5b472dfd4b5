import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withDeadline } from "../../deadline.js";
import { AdapterError, type AdapterErrorCode } from "../errors.js";
import { rejection } from "../testing.js";
import { breakerPolicy } from "./breaker.js";
import { timeoutPolicy } from "./timeout.js";

const HALF_OPEN_AFTER_MS = 10_000;

/** A breaker that opens after 3 failed calls, and a system whose calls are counted. */
function setup() {
  const breaker = breakerPolicy("key-account", { consecutiveFailures: 3, halfOpenAfterMs: HALF_OPEN_AFTER_MS });
  const system = { calls: 0 };
  const fail = (code: AdapterErrorCode) => () => {
    system.calls++;
    return Promise.reject(new AdapterError(code, "key-account", "failed"));
  };
  const answer = async () => (system.calls++, "answer");
  return { breaker, system, fail, answer };
}

describe("circuit breaker policy", () => {
  // The clock moves only when a test moves it, so that "still open" does not depend on the machine's speed.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const waitHalfOpen = () => vi.setSystemTime(Date.now() + HALF_OPEN_AFTER_MS);

  it("opens after consecutiveFailures transient failures, then fails fast without reaching the system", async () => {
    const { breaker, system, fail } = setup();
    for (let i = 0; i < 3; i++) expect((await rejection(breaker.execute(fail("SOURCE_UNAVAILABLE")))).code).toBe("SOURCE_UNAVAILABLE");
    expect(breaker.state()).toBe("open");
    const error = await rejection(breaker.execute(fail("SOURCE_UNAVAILABLE")));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(error.source).toBe("key-account");
    expect(error.message).toContain("circuit open");
    expect(system.calls).toBe(3);
  });

  it("half-opens after halfOpenAfterMs, and one good call closes it again", async () => {
    const { breaker, system, fail, answer } = setup();
    for (let i = 0; i < 3; i++) await rejection(breaker.execute(fail("SOURCE_TIMEOUT")));
    expect(breaker.state()).toBe("open");
    waitHalfOpen();
    expect(breaker.state()).toBe("half-open");
    expect(await breaker.execute(answer)).toBe("answer");
    expect(breaker.state()).toBe("closed");
    expect(system.calls).toBe(4);
  });

  it("opens again when the test call of a half-open circuit fails", async () => {
    const { breaker, system, fail } = setup();
    for (let i = 0; i < 3; i++) await rejection(breaker.execute(fail("SOURCE_UNAVAILABLE")));
    waitHalfOpen();
    await rejection(breaker.execute(fail("SOURCE_UNAVAILABLE")));
    expect(breaker.state()).toBe("open");
    expect((await rejection(breaker.execute(fail("SOURCE_UNAVAILABLE")))).message).toContain("circuit open");
    expect(system.calls).toBe(4);
  });

  it.each(["MALFORMED_RECORD", "BAD_USER_INPUT", "CONFLICT", "INTERNAL"] as const)("does not count %s against the system", async (code) => {
    const { breaker, fail } = setup();
    for (let i = 0; i < 5; i++) expect((await rejection(breaker.execute(fail(code)))).code).toBe(code);
    expect(breaker.state()).toBe("closed");
  });

  it("does not count a timeout the request's deadline caused", async () => {
    const { breaker } = setup();
    const timeout = timeoutPolicy("key-account", { timeoutMs: 1_000, minAttemptMs: 20 });
    for (let i = 0; i < 5; i++) {
      const error = await rejection(withDeadline(Date.now() + 5, () => breaker.execute(() => timeout.execute(async () => "never called"))));
      expect(error.code).toBe("SOURCE_TIMEOUT");
    }
    expect(breaker.state()).toBe("closed");
  });

  it("is reset by a success between failures", async () => {
    const { breaker, fail, answer } = setup();
    for (let i = 0; i < 2; i++) await rejection(breaker.execute(fail("SOURCE_UNAVAILABLE")));
    await breaker.execute(answer);
    for (let i = 0; i < 2; i++) await rejection(breaker.execute(fail("SOURCE_UNAVAILABLE")));
    expect(breaker.state()).toBe("closed");
  });
});

describe("circuit breaker policy, sampling", () => {
  it("can open on a failure rate instead of failures in a row", async () => {
    const breaker = breakerPolicy("network", { halfOpenAfterMs: 600_000, sampling: { failureRate: 0.5, windowMs: 1_000, minimumRps: 1 } });
    const failure = () => Promise.reject(new AdapterError("SOURCE_UNAVAILABLE", "network", "failed"));
    for (let i = 0; i < 10 && breaker.state() === "closed"; i++) {
      await breaker.execute(async () => "answer");
      await rejection(breaker.execute(failure));
      await rejection(breaker.execute(failure));
    }
    expect(breaker.state()).toBe("open");
  });
});
