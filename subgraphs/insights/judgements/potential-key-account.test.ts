import { describe, expect, it } from "vitest";
import { loadScoringModel } from "../config.js";
import { makeFacts, monthlyBills } from "./fixtures.js";
import { assessPotentialKeyAccount } from "./potential-key-account.js";

const model = loadScoringModel();
/** Twelve bills adding up to `total` fen. */
const earning = (total: number, patch: Parameters<typeof makeFacts>[0] = {}) =>
  makeFacts({ ...patch, billing: { bills: monthlyBills(12, (i) => Math.floor(total / 12) + (i === 0 ? total % 12 : 0)) } });

describe("potential key account", () => {
  it("flags revenue in the band just under the threshold", () => {
    expect(assessPotentialKeyAccount(earning(924_000), model)).toEqual({
      potential: true,
      revenue12mFen: 924_000,
      thresholdFen: 1_000_000,
      bandFromFen: 900_000,
      reason: "Revenue 924,000 fen is within 76,000 fen of the key-account threshold 1,000,000 fen.",
    });
    expect(assessPotentialKeyAccount(earning(900_000), model).potential).toBe(true);
    expect(assessPotentialKeyAccount(earning(999_999), model).potential).toBe(true);
  });

  it("does not flag revenue under the band or at the threshold, and says why", () => {
    expect(assessPotentialKeyAccount(earning(899_999), model)).toMatchObject({
      potential: false,
      reason: "Revenue 899,999 fen is below the potential band from 900,000 fen.",
    });
    expect(assessPotentialKeyAccount(earning(1_000_000), model)).toMatchObject({
      potential: false,
      reason: "Revenue 1,000,000 fen reaches the key-account threshold 1,000,000 fen: qualifies as a key account but is not recognised as one.",
    });
  });

  it("is never potential when already a key account", () => {
    const recognised = earning(950_000, { keyAccount: { isKeyAccount: true, level: "MUNICIPAL" } });
    expect(assessPotentialKeyAccount(recognised, model)).toMatchObject({ potential: false, reason: "Already a key account." });
    const byKind = earning(950_000, { profile: { kind: "INDIVIDUAL_KEY_ACCOUNT" } });
    expect(assessPotentialKeyAccount(byKind, model).potential).toBe(false);
  });

  it("counts only the 12 closed months before the reference date", () => {
    const facts = makeFacts({ billing: { bills: monthlyBills(13, () => 75_000) } });
    expect(assessPotentialKeyAccount(facts, model)).toMatchObject({ revenue12mFen: 900_000, potential: true });
    expect(assessPotentialKeyAccount(makeFacts({ billing: { bills: [] } }), model).revenue12mFen).toBe(0);
  });
});
