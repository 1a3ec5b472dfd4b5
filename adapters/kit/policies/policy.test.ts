import { describe, expect, it } from "vitest";
import { withDeadline } from "../../deadline.js";
import { AdapterError } from "../errors.js";
import { RoundTripCounter } from "../round-trips.js";
import { rejection, testPolicies } from "../testing.js";
import { systemPolicy } from "./policy.js";

/** A system behind its policies whose every attempt is a counted round trip that fails while `down`. */
function setup(halfOpenAfterMs = 600_000) {
  const counter = new RoundTripCounter();
  const policy = systemPolicy("billing", testPolicies({ breaker: { consecutiveFailures: 3, halfOpenAfterMs } }));
  const system = { down: true };
  const call = () =>
    policy.execute(async () => {
      counter.record("billing");
      if (system.down) throw new AdapterError("SOURCE_UNAVAILABLE", "billing", "connection refused");
      return "answer";
    });
  return { counter, policy, system, call };
}

describe("one system's stacked policies", () => {
  it("counts a round trip per attempt, and a read's retries as one failed call for the breaker", async () => {
    const { counter, policy, call } = setup();
    await rejection(call());
    await rejection(call());
    expect(counter.get("billing")).toBe(4);
    expect(policy.health()).toEqual({ system: "billing", breaker: "closed" });
  });

  it("once open, fails fast without a round trip, and reports it in health()", async () => {
    const { counter, policy, call } = setup();
    for (let i = 0; i < 3; i++) await rejection(call());
    expect(policy.health()).toEqual({ system: "billing", breaker: "open" });
    counter.reset();
    const error = await rejection(call());
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(error.message).toContain("circuit open");
    expect(counter.get("billing")).toBe(0);
  });

  it("closes again once the system answers the half-open test call", async () => {
    const { policy, system, call } = setup(40);
    for (let i = 0; i < 3; i++) await rejection(call());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(policy.health().breaker).toBe("half-open");
    system.down = false;
    expect(await call()).toBe("answer");
    expect(policy.health().breaker).toBe("closed");
  });

  it("makes a write one attempt only", async () => {
    const { counter, policy } = setup();
    const write = policy.execute(
      async () => {
        counter.record("billing");
        throw new AdapterError("SOURCE_TIMEOUT", "billing", "no answer");
      },
      { write: true },
    );
    expect((await rejection(write)).code).toBe("SOURCE_TIMEOUT");
    expect(counter.get("billing")).toBe(1);
  });

  it("makes no round trip when the request's deadline is nearly spent", async () => {
    const { counter, call } = setup();
    const error = await rejection(withDeadline(Date.now() + 5, call));
    expect(error.code).toBe("SOURCE_TIMEOUT");
    expect(counter.get("billing")).toBe(0);
  });
});
