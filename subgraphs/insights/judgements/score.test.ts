import { describe, expect, it } from "vitest";
import { levelOf, scoreFindings } from "./score.js";
import { seededRandom } from "./fixtures.js";

const cuts = [95, 80, 60, 40] as const;

describe("levels and weighted scores", () => {
  it("cuts levels at 95/80/60/40, lower bounds inclusive", () => {
    expect(levelOf(100, cuts)).toBe("VERY_HIGH");
    expect(levelOf(95, cuts)).toBe("VERY_HIGH");
    expect(levelOf(94.99, cuts)).toBe("HIGH");
    expect(levelOf(80, cuts)).toBe("HIGH");
    expect(levelOf(79.99, cuts)).toBe("MEDIUM");
    expect(levelOf(60, cuts)).toBe("MEDIUM");
    expect(levelOf(40, cuts)).toBe("LOW");
    expect(levelOf(39.99, cuts)).toBe("VERY_LOW");
    expect(levelOf(0, cuts)).toBe("VERY_LOW");
  });

  it("rounds the score to hundredths and hands the rounding to the largest remainders", () => {
    const { score, factors } = scoreFindings(
      { a: 1 / 3, b: 1 / 3, c: 1 / 3 },
      { a: { value: 10, reason: "a" }, b: { value: 10, reason: "b" }, c: { value: 10.01, reason: "c" } },
    );
    // Exactly 10.0033…: two factors get 3.33, the one with the largest remainder 3.34.
    expect(score).toBe(10);
    expect(factors.map((f) => f.contribution)).toEqual([3.33, 3.33, 3.34]);
  });

  it("clamps values to 0–100 and keeps them to hundredths", () => {
    const { factors } = scoreFindings({ a: 0.5, b: 0.5 }, { a: { value: 140, reason: "" }, b: { value: -3.14159, reason: "" } });
    expect(factors.map((f) => f.value)).toEqual([100, 0]);
    const { factors: fine } = scoreFindings({ a: 1 }, { a: { value: 66.666666, reason: "" } });
    expect(fine[0]?.value).toBe(66.67);
  });

  it("makes contributions add up to the score exactly for any weights and values", () => {
    const random = seededRandom(20261115);
    for (let run = 0; run < 2_000; run++) {
      const n = random.int(1, 9);
      const raw = Array.from({ length: n }, () => random.next() + 0.001);
      const total = raw.reduce((s, w) => s + w, 0);
      const weights: Record<string, number> = {};
      const findings: Record<string, { value: number; reason: string }> = {};
      raw.forEach((w, i) => {
        weights[`f${i}`] = w / total;
        findings[`f${i}`] = { value: random.next() * 100, reason: "" };
      });
      const { score, factors } = scoreFindings(weights, findings);
      const cents = factors.reduce((s, f) => s + Math.round(f.contribution * 100), 0);
      expect(cents).toBe(Math.round(score * 100));
      expect(Math.abs(factors.reduce((s, f) => s + f.contribution, 0) - score)).toBeLessThan(1e-9);
      const exact = factors.reduce((s, f) => s + f.weight * f.value, 0);
      expect(Math.abs(score - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
      for (const f of factors) expect(Math.abs(f.contribution - f.weight * f.value)).toBeLessThan(0.01 + 1e-9);
    }
  });
});
