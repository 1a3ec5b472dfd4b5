import { createHash } from "node:crypto";
import type { Customer } from "../../adapters/business-hall/port.js";
import type { AgeBucketLabel } from "../../subgraphs/insights/judgements/arrears.js";
import type { ArrearsBucket, SnapshotRow } from "../../adapters/snapshot/port.js";
import type { ScoringModel } from "../../subgraphs/insights/config.js";
import { lazyCustomerFacts, type CustomerFacts } from "../../subgraphs/insights/facts.js";
import {
  assessAbnormal,
  assessArrears,
  assessChurnRisk,
  assessCredit,
  assessLoyalty,
  assessPotentialKeyAccount,
  assessRelationship,
  assessSatisfaction,
  assessValueTier,
} from "../../subgraphs/insights/judgements/index.js";
import { isUnreadable, type FactsParts } from "./facts.js";

/**
 * One customer's snapshot row, from the very judgement functions the insights subgraph calls, each
 * called as its field resolver calls it (subgraphs/insights/customer.resolver.ts).
 */

/** Thrown by a facts part that could not be read, when a judgement reads it. */
class PartUnreadable extends Error {}

/**
 * Facts whose parts are read on first use, as the insights subgraph's are: a judgement is null exactly
 * when it reads a part that could not be read, and made from the others when it does not.
 */
function lazyFacts(customerId: string, asOf: string, parts: FactsParts): CustomerFacts {
  return lazyCustomerFacts(customerId, asOf, (key) => {
    const part = parts[key];
    if (isUnreadable(part)) throw new PartUnreadable(`${key}: ${part.unreadable}`);
    return part as CustomerFacts[typeof key];
  });
}

function judged<T>(judge: () => T): T | null {
  try {
    return judge();
  } catch (error) {
    if (error instanceof PartUnreadable) return null;
    throw error;
  }
}

/** The contract's age buckets in the snapshot's names, oldest last. */
const BUCKET: Record<AgeBucketLabel, ArrearsBucket> = { "0-30": "DAYS_0_30", "31-60": "DAYS_31_60", "61-90": "DAYS_61_90", "90+": "DAYS_OVER_90" };

/** The row of a customer whose hall record could be read; a judgement that reads an unreadable part is null. */
export function judgeCustomer(customer: Customer, parts: FactsParts, asOf: string, model: ScoringModel, factsDigest: string, computedAt: string): SnapshotRow {
  const facts = lazyFacts(customer.id, asOf, parts);
  const credit = judged(() => assessCredit(facts, model));
  const value = judged(() => assessValueTier(facts, model));
  const arrears = judged(() => assessArrears(facts, model));
  const oldest = arrears?.buckets.filter((b) => b.amountFen > 0).at(-1);
  const loyalty = judged(() => assessLoyalty(facts, model));
  const satisfaction = judged(() => assessSatisfaction(facts, model))?.result;
  const profile = isUnreadable(parts.profile) ? null : parts.profile;
  const keyAccount = isUnreadable(parts.keyAccount) ? null : parts.keyAccount;
  return {
    customerId: customer.id,
    regionCode: customer.region.code,
    kind: customer.kind,
    industryCode: customer.industry?.code ?? null,
    education: customer.education,
    productCodes: profile ? [...new Set(profile.subscriptions.filter((s) => s.status !== "REMOVED").map((s) => s.productCode))].sort() : [],
    relationship: keyAccount?.isKeyAccount ? keyAccount.relationship : null,
    valueTier: value?.tier ?? null,
    creditScore: credit?.score ?? null,
    creditLevel: credit?.level ?? null,
    creditList: credit?.list ?? null,
    blackListStatus: credit?.blackListStatus ?? null,
    loyaltyScore: loyalty?.score ?? null,
    loyaltyLevel: loyalty?.level ?? null,
    satisfactionScore: satisfaction?.score ?? null,
    satisfactionLevel: satisfaction?.level ?? null,
    relationshipStatus: judged(() => assessRelationship(facts, model))?.status ?? null,
    arrearsBucket: arrears ? (oldest ? BUCKET[oldest.label] : "NONE") : null,
    arrearsFen: arrears?.totalFen ?? null,
    dunningStage: arrears?.dunningStage ?? null,
    potentialKeyAccount: judged(() => assessPotentialKeyAccount(facts, model))?.potential ?? null,
    churnRiskLevel: judged(() => assessChurnRisk(facts, model))?.level ?? null,
    abnormalFlags: [...new Set((judged(() => assessAbnormal(facts, model))?.flags ?? []).map((f) => f.code))].sort(),
    revenue12mFen: value?.revenue12mFen ?? null,
    arpuFen: value?.arpuFen ?? null,
    arpaFen: value?.arpaFen ?? null,
    factsDigest,
    asOf,
    computedAt,
  };
}

/** A short fingerprint of the scoring model, so a changed model changes every digest. */
export function modelVersion(model: ScoringModel): string {
  return createHash("sha256").update(JSON.stringify(model)).digest("hex").slice(0, 16);
}

/**
 * Everything a row is computed from: the hall's attributes the row keeps, every facts part (or why it
 * could not be read), the as-of date and the model. Equal digests at the same as-of date, equal rows.
 */
export function factsDigest(customer: Customer, parts: FactsParts, asOf: string, model: string): string {
  const attributes = [customer.region.code, customer.kind, customer.industry?.code ?? null, customer.education];
  return createHash("sha256").update(JSON.stringify([asOf, model, attributes, parts.profile, parts.billing, parts.network, parts.keyAccount])).digest("base64url").slice(0, 32);
}
