/** Five levels on the seed's cut points (95/80/60/40 by default), shared by every score. */
export type Level = "VERY_HIGH" | "HIGH" | "MEDIUM" | "LOW" | "VERY_LOW";

/** One weighted part of a score: `value` is its 0–100 sub-score, `contribution` what it adds to the score. */
export interface Factor {
  name: string;
  weight: number;
  value: number;
  contribution: number;
  reason: string;
}

/** A factor before weighting: a judgement says what it found, the scorer weighs it. */
export interface FactorFinding {
  value: number;
  reason: string;
}

export interface Scored {
  score: number;
  factors: Factor[];
}

const LEVELS = ["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"] as const satisfies readonly Level[];

/** A score's level: the first cut point it reaches (lower bounds inclusive), VERY_LOW below the last. */
export function levelOf(score: number, cutPoints: readonly [number, number, number, number]): Level {
  const index = cutPoints.findIndex((cut) => score >= cut);
  return index === -1 ? "VERY_LOW" : LEVELS[index] as Level;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Weighs findings into a score whose factors' contributions add up to it exactly, in hundredths.
 * Values are first clamped to 0–100 and rounded to hundredths, so a reader can check
 * weight × value against the contribution. The score is the weighted sum rounded to hundredths;
 * contributions are the exact products floored to hundredths, and the hundredths still missing go
 * to the factors with the largest remainders (ties to the earlier factor), so nothing is lost or invented.
 */
export function scoreFindings<K extends string>(weights: Record<K, number>, findings: Record<K, FactorFinding>): Scored {
  const names = Object.keys(findings) as K[];
  const parts = names.map((name) => {
    const finding = findings[name];
    const weight = weights[name];
    const value = round2(clamp(finding.value, 0, 100));
    const exactCents = weight * value * 100;
    // The epsilon keeps 28.999999999999996 (0.29 × 100) from flooring to 28.
    const cents = Math.floor(exactCents + 1e-7);
    return { name, weight, value, reason: finding.reason, exactCents, cents };
  });
  const totalCents = Math.round(parts.reduce((sum, part) => sum + part.exactCents, 0));
  let missing = totalCents - parts.reduce((sum, part) => sum + part.cents, 0);
  const byRemainder = parts
    .map((part, index) => ({ index, remainder: part.exactCents - part.cents }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    (parts[index] as (typeof parts)[number]).cents += 1;
    missing -= 1;
  }
  return {
    score: parts.reduce((sum, part) => sum + part.cents, 0) / 100,
    factors: parts.map(({ name, weight, value, cents, reason }) => ({ name, weight, value, contribution: cents / 100, reason })),
  };
}
