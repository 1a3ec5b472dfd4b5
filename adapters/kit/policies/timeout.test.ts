import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { withDeadline } from "../../deadline.js";
import { AdapterError } from "../errors.js";
import { rejection } from "../testing.js";
import { isCutByDeadline, timeoutPolicy, type Attempt } from "./timeout.js";

const policy = timeoutPolicy("network", { timeoutMs: 1_000, minAttemptMs: 20 });

/** An attempt that never answers until its signal aborts, as a hung socket would. */
const hangs = (attempt: Attempt) =>
  new Promise<never>((_, reject) => attempt.signal.addEventListener("abort", () => reject(new Error("aborted"))));

describe("timeout policy", () => {
  it("gives each attempt the system's budget outside any request", async () => {
    expect(await policy.execute(async (attempt) => attempt.budgetMs)).toBe(1_000);
  });

  it("caps the budget by what is left of the request's deadline", async () => {
    const budget = await withDeadline(Date.now() + 300, () => policy.execute(async (attempt) => attempt.budgetMs));
    expect(budget).toBeLessThanOrEqual(300);
  });

  it("refuses to call when the deadline leaves less than minAttemptMs: SOURCE_TIMEOUT, the attempt never runs", async () => {
    let calls = 0;
    const error = await rejection(
      withDeadline(Date.now() + 10, () => policy.execute(async () => void calls++)),
    );
    expect(error.code).toBe("SOURCE_TIMEOUT");
    expect(error.source).toBe("network");
    expect(calls).toBe(0);
    expect(isCutByDeadline(error)).toBe(true);
  });

  it("aborts an attempt that outlives its own budget: SOURCE_TIMEOUT, the system's fault", async () => {
    let signal: AbortSignal | undefined;
    const quick = timeoutPolicy("billing", { timeoutMs: 30, minAttemptMs: 20 });
    const error = await rejection(quick.execute((attempt) => ((signal = attempt.signal), hangs(attempt))));
    expect(error.code).toBe("SOURCE_TIMEOUT");
    expect(error.message).toContain("no answer within 30 ms");
    expect(signal?.aborted).toBe(true);
    expect(isCutByDeadline(error)).toBe(false);
  });

  it("marks a timeout the request's deadline caused, so that the breaker does not count it", async () => {
    const error = await rejection(withDeadline(Date.now() + 60, () => policy.execute(hangs)));
    expect(error.code).toBe("SOURCE_TIMEOUT");
    expect(error.message).toContain("request's deadline");
    expect(isCutByDeadline(error)).toBe(true);
  });

  it("passes other failures on unchanged", async () => {
    const failure = new AdapterError("MALFORMED_RECORD", "network", "bad line", "line 1");
    expect(await rejection(policy.execute(() => Promise.reject(failure)))).toBe(failure);
    await expect(policy.execute(() => Promise.reject(new TypeError("bug")))).rejects.toThrow(TypeError);
  });

  it("leaves an attempt that answers in time alone", async () => {
    expect(await policy.execute(async () => (await sleep(5), "answer"))).toBe("answer");
  });
});
