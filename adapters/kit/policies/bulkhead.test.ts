import { describe, expect, it } from "vitest";
import { remainingMs, withDeadline } from "../../deadline.js";
import { rejection } from "../testing.js";
import { bulkheadPolicy } from "./bulkhead.js";

/** A call that stays in flight until released, as a slow system's would. */
function held() {
  let release!: () => void;
  const done = new Promise<string>((resolve) => (release = () => resolve("answer")));
  return { call: () => done, release };
}

describe("bulkhead policy", () => {
  it("runs up to maxConcurrent calls, queues up to `queue` more, and refuses the next with SOURCE_UNAVAILABLE", async () => {
    const bulkhead = bulkheadPolicy("business-hall", { maxConcurrent: 2, queue: 1 }, 5_000);
    const slow = held();
    const running = [bulkhead.execute(slow.call), bulkhead.execute(slow.call)];
    let queuedRan = false;
    const queued = bulkhead.execute(async () => ((queuedRan = true), "queued"));
    let refusedRan = false;
    const error = await rejection(bulkhead.execute(async () => (refusedRan = true)));
    expect(error.code).toBe("SOURCE_UNAVAILABLE");
    expect(error.source).toBe("business-hall");
    expect(error.message).toContain("too many calls at once");
    expect(refusedRan).toBe(false);
    expect(queuedRan).toBe(false);
    slow.release();
    expect(await Promise.all(running)).toEqual(["answer", "answer"]);
    expect(await queued).toBe("queued");
  });

  it("gives up waiting for a slot with SOURCE_TIMEOUT when the request's deadline passes, and never runs the call", async () => {
    const bulkhead = bulkheadPolicy("billing", { maxConcurrent: 1, queue: 5 }, 5_000);
    const slow = held();
    const running = bulkhead.execute(slow.call);
    let ran = false;
    const error = await rejection(withDeadline(Date.now() + 30, () => bulkhead.execute(async () => (ran = true))));
    expect(error.code).toBe("SOURCE_TIMEOUT");
    expect(error.message).toContain("no free slot");
    slow.release();
    await running;
    expect(await bulkhead.execute(async () => "next")).toBe("next");
    expect(ran).toBe(false);
  });

  it("runs a queued call in its own request's context, not in that of the call whose slot it takes", async () => {
    const bulkhead = bulkheadPolicy("network", { maxConcurrent: 1, queue: 1 }, 60_000);
    const slow = held();
    const running = withDeadline(Date.now() + 50_000, () => bulkhead.execute(slow.call));
    const queued = withDeadline(Date.now() + 20_000, () => bulkhead.execute(async () => remainingMs()));
    slow.release();
    await running;
    const left = await queued;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(20_000);
  });
});
