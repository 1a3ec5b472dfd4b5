import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SOURCE_SYSTEMS } from "../errors.js";
import { defaultPolicyConfig, loadResilienceConfig, parseResilienceConfig, type ResilienceConfig } from "./config.js";

const shipped = loadResilienceConfig();
const withBilling = (change: Record<string, unknown>): unknown => ({ ...shipped, billing: { ...shipped.billing, ...change } });

describe("resilience config", () => {
  it("ships policies for every legacy system, each attempt's timeout shorter than the gateway's default 8 s deadline", () => {
    expect(Object.keys(shipped).sort()).toEqual([...SOURCE_SYSTEMS].sort());
    for (const system of SOURCE_SYSTEMS) {
      expect(defaultPolicyConfig(system)).toEqual(shipped[system]);
      expect(shipped[system].timeoutMs).toBeLessThan(8_000);
    }
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a retry count of 0", { retry: { maxAttempts: 0, baseDelayMs: 50, maxDelayMs: 400 } }, "billing.retry.maxAttempts"],
    ["a max delay below the base delay", { retry: { maxAttempts: 2, baseDelayMs: 500, maxDelayMs: 400 } }, "billing.retry.maxDelayMs"],
    ["a fractional timeout", { timeoutMs: 2.5 }, "billing.timeoutMs"],
    ["a minAttemptMs above the timeout", { timeoutMs: 100, minAttemptMs: 200 }, "billing.minAttemptMs"],
    ["a failure rate of 1", { breaker: { halfOpenAfterMs: 1_000, sampling: { failureRate: 1, windowMs: 1_000, minimumRps: 1 } } }, "billing.breaker.sampling.failureRate"],
    ["a breaker with no rule", { breaker: { halfOpenAfterMs: 1_000 } }, "billing.breaker: needs halfOpenAfterMs and either consecutiveFailures"],
    ["an unknown setting", { retries: 3 }, 'billing: Unrecognized key: "retries"'],
    ["an empty bulkhead", { bulkhead: { maxConcurrent: 0, queue: 0 } }, "billing.bulkhead.maxConcurrent"],
  ])("refuses %s, naming its path", (_, change, named) => {
    expect(() => parseResilienceConfig(withBilling(change))).toThrow(named);
  });

  it("refuses a config that leaves a system out", () => {
    const { network: _, ...partial } = shipped;
    expect(() => parseResilienceConfig(partial)).toThrow("network");
  });

  it("reads a config from a file, and names a file that is not JSON", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "resilience-"));
    const good = path.join(dir, "good.json");
    const changed: ResilienceConfig = { ...shipped, network: { ...shipped.network, timeoutMs: 1_234 } };
    writeFileSync(good, JSON.stringify(changed));
    expect(loadResilienceConfig(good).network.timeoutMs).toBe(1_234);
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    expect(() => loadResilienceConfig(bad)).toThrow(`cannot read resilience config ${bad}`);
  });
});
