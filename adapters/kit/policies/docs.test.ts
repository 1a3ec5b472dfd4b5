import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ADAPTER_ERROR_CODES, SOURCE_SYSTEMS } from "../errors.js";
import { loadResilienceConfig, type SystemPolicyConfig } from "./config.js";

const DOC = readFileSync(new URL("../../../docs/resilience.md", import.meta.url), "utf8");

function policyRow(system: string, config: SystemPolicyConfig): string {
  const { retry, breaker, bulkhead } = config;
  const opens =
    "sampling" in breaker
      ? `${breaker.sampling.failureRate * 100} % of calls in ${breaker.sampling.windowMs} ms`
      : `${breaker.consecutiveFailures} failed calls in a row`;
  const cells = [system, config.timeoutMs, config.minAttemptMs, retry.maxAttempts, retry.baseDelayMs, retry.maxDelayMs, opens];
  return `| ${[...cells, breaker.halfOpenAfterMs, bulkhead.maxConcurrent, bulkhead.queue].join(" | ")} |`;
}

describe("docs/resilience.md", () => {
  it("shows the shipped policies of every system as config/resilience.json has them", () => {
    const shipped = loadResilienceConfig();
    for (const system of SOURCE_SYSTEMS) expect(DOC).toContain(policyRow(system, shipped[system]));
  });

  it("lists every adapter error code with what consumers see and the registry's description", () => {
    for (const [code, { transient, publicCode, description }] of Object.entries(ADAPTER_ERROR_CODES)) {
      expect(DOC).toContain(`| \`${code}\` | ${transient ? "yes" : "no"} | \`${publicCode}\` | ${description} |`);
    }
  });
});
