import type { CustomerFacts } from "../facts.js";
import type { ScoringModel } from "../config.js";
import { fen } from "./format.js";
import { monthlyTotals, revenueFen } from "./usage.js";
import { windowOf } from "./window.js";

export interface PotentialKeyAccountResult {
  potential: boolean;
  revenue12mFen: number;
  thresholdFen: number;
  bandFromFen: number;
  reason: string;
}

/**
 * Potential key accounts (seed 3.2.1.12 and 3.2.1.10): customers whose revenue over the window sits in
 * the band just under the key-account threshold. Customers at or over it qualify outright, which is a
 * recognition matter for the key-account system, not a potential; the reason says so.
 */
export function assessPotentialKeyAccount(facts: CustomerFacts, model: ScoringModel): PotentialKeyAccountResult {
  const { thresholdFen, bandFromFen } = model.potentialKeyAccount;
  const revenue12mFen = revenueFen(monthlyTotals(facts, windowOf(facts, model)));
  const base = { revenue12mFen, thresholdFen, bandFromFen };
  const kindIsKeyAccount = facts.profile.kind === "INDIVIDUAL_KEY_ACCOUNT" || facts.profile.kind === "ENTERPRISE_KEY_ACCOUNT";
  if (facts.keyAccount.isKeyAccount || kindIsKeyAccount) {
    return { ...base, potential: false, reason: "Already a key account." };
  }
  if (revenue12mFen >= thresholdFen) {
    return {
      ...base,
      potential: false,
      reason:
        `Revenue ${fen(revenue12mFen)} reaches the key-account threshold ${fen(thresholdFen)}: ` +
        "qualifies as a key account but is not recognised as one.",
    };
  }
  if (revenue12mFen >= bandFromFen) {
    const gap = fen(thresholdFen - revenue12mFen);
    return { ...base, potential: true, reason: `Revenue ${fen(revenue12mFen)} is within ${gap} of the key-account threshold ${fen(thresholdFen)}.` };
  }
  return { ...base, potential: false, reason: `Revenue ${fen(revenue12mFen)} is below the potential band from ${fen(bandFromFen)}.` };
}
