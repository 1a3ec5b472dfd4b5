import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { shadowCalls, shadowDifferences } from "./metrics.js";
import { shadowedPort, type ShadowOptions } from "./shadow.js";
import type { CompareRules } from "./shadow-compare.js";
import { memoryShadowStore } from "./shadow-store.js";

interface Port {
  getThings(keys: readonly string[]): Promise<Map<string, { amountFen: number }>>;
  writeThing(key: string): Promise<string>;
}

const rules: CompareRules = { identity: {}, unordered: new Set(), ignored: new Set(), personal: new Set() };

function port(amounts: Record<string, number>, calls: string[] = []): Port {
  return {
    async getThings(keys) {
      calls.push(keys.join(","));
      return new Map(keys.filter((k) => k in amounts).map((k) => [k, { amountFen: amounts[k]! }]));
    },
    async writeThing(key) {
      calls.push(`write ${key}`);
      return key;
    },
  };
}

const counted = async (outcome: string) => (await shadowCalls.get()).values.find((v) => v.labels.system === "network" && v.labels.outcome === outcome)?.value ?? 0;
const differencesOf = async (field: string) => (await shadowDifferences.get()).values.find((v) => v.labels.system === "network" && v.labels.field === field)?.value ?? 0;

function options(overrides: Partial<ShadowOptions> = {}): ShadowOptions {
  return { system: "network", methods: ["getThings"], rules, sample: 1, maxInFlight: 2, timeoutMs: 1_000, store: memoryShadowStore(), ...overrides };
}

describe("shadow mode", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    shadowCalls.reset();
    shadowDifferences.reset();
  });
  afterEach(() => vi.useRealTimers());

  it("answers with the serving adapter's answer, and keeps and counts the candidate's difference", async () => {
    const store = memoryShadowStore();
    const shadowed = shadowedPort(port({ a: 100, b: 200 }), port({ a: 100, b: 201 }), options({ store, now: () => new Date("2026-11-30T10:00:00Z") }));
    const answer = await shadowed.getThings(["a", "b"]);
    expect([...answer]).toEqual([
      ["a", { amountFen: 100 }],
      ["b", { amountFen: 200 }],
    ]);
    await shadowed.settled();
    expect(await store.recent()).toEqual([
      { at: "2026-11-30T10:00:00.000Z", system: "network", method: "getThings", key: "b", field: "getThings.amountFen", path: ".amountFen", served: 200, candidate: 201 },
    ]);
    expect(await differencesOf("getThings.amountFen")).toBe(1);
    expect(await counted("differed")).toBe(1);
  });

  it("does not make the request wait for a candidate that never answers, and gives it up at its timeout", async () => {
    const never: Port = { getThings: () => new Promise(() => undefined), writeThing: async (k) => k };
    const shadowed = shadowedPort(port({ a: 1 }), never, options());
    // Resolves with no timer advanced: the candidate's call is not awaited.
    expect((await shadowed.getThings(["a"])).get("a")).toEqual({ amountFen: 1 });
    expect(await counted("timed-out")).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await shadowed.settled();
    expect(await counted("timed-out")).toBe(1);
  });

  it("counts a failing candidate and never throws its error", async () => {
    const failing: Port = { getThings: () => Promise.reject(new Error("down")), writeThing: async (k) => k };
    const shadowed = shadowedPort(port({ a: 1 }), failing, options());
    expect((await shadowed.getThings(["a"])).size).toBe(1);
    await shadowed.settled();
    expect(await counted("failed")).toBe(1);
  });

  it("skips candidate calls past the concurrency cap", async () => {
    const never: Port = { getThings: () => new Promise(() => undefined), writeThing: async (k) => k };
    const shadowed = shadowedPort(port({ a: 1 }), never, options({ maxInFlight: 2 }));
    for (let i = 0; i < 5; i++) await shadowed.getThings(["a"]);
    expect(await counted("skipped")).toBe(3);
    await vi.advanceTimersByTimeAsync(1_000);
    await shadowed.settled();
    expect(await counted("timed-out")).toBe(2);
  });

  it("asks the candidate for the sampled share of reads only", async () => {
    const calls: string[] = [];
    const draws = [0.05, 0.5, 0.09, 0.95];
    const shadowed = shadowedPort(port({ a: 1 }), port({ a: 1 }, calls), options({ sample: 0.1, random: () => draws.shift() ?? 1 }));
    for (let i = 0; i < 4; i++) await shadowed.getThings([`${i}`]);
    await shadowed.settled();
    expect(calls).toEqual(["0", "2"]);
  });

  it("never shadows writes, nor reads whose arguments the candidate cannot take", async () => {
    const calls: string[] = [];
    const shadowed = shadowedPort(port({ a: 1 }), port({ a: 1 }, calls), options({ shadowable: (_, args) => (args[0] as string[])[0] !== "cursor" }));
    await shadowed.writeThing("a");
    await shadowed.getThings(["cursor"]);
    await shadowed.settled();
    expect(calls).toEqual([]);
  });
});
