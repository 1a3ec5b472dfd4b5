import { describe, expect, it } from "vitest";
import { callBudgetMs, remainingMs, withDeadline } from "./deadline.js";

describe("the request deadline", () => {
  it("is absent outside a request, so a call keeps its own budget", () => {
    expect(remainingMs()).toBeUndefined();
    expect(callBudgetMs(5_000)).toBe(5_000);
  });

  it("caps each call's budget by what is left, also across awaits and timers", async () => {
    const now = Date.now();
    await withDeadline(now + 1_000, async () => {
      expect(callBudgetMs(5_000, now)).toBe(1_000);
      expect(callBudgetMs(300, now)).toBe(300);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise<void>((resolve) => process.nextTick(resolve));
      expect(remainingMs(now + 400)).toBe(600);
      expect(callBudgetMs(5_000, now + 2_000)).toBe(0);
    });
    expect(remainingMs()).toBeUndefined();
  });
});
