import { RELATIONSHIP_STATUSES, type AbnormalCode, type ArrearsBucket, type CreditList, type RelationshipStatus, type ScoreLevel, type SnapshotRow, type ValueTier } from "./port.js";

/**
 * Made-up snapshot rows for the store's tests: every column takes each of its values and null, spread
 * over three provinces (a few customers in another region than their number's), from a seeded generator
 * so that a failure repeats.
 */
const REGIONS = ["3201", "3202", "3205", "3301", "3302", "4401"];
const KINDS = ["RESIDENTIAL", "BUSINESS", "INDIVIDUAL_KEY_ACCOUNT", "ENTERPRISE_KEY_ACCOUNT"] as const;
const EDUCATION = ["PRIMARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "UNDERGRADUATE", "POSTGRADUATE"] as const;
const PRODUCTS = ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"] as const;
const LEVELS: ScoreLevel[] = ["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"];
const TIERS: ValueTier[] = ["LOW_LET_GO", "LOW_KEEP", "ORDINARY", "HIGH", "IMPORTANT"];
const LISTS: CreditList[] = ["RED", "GREY", "BLACK"];
const BUCKETS: ArrearsBucket[] = ["NONE", "DAYS_0_30", "DAYS_31_60", "DAYS_61_90", "DAYS_OVER_90"];
const FLAGS: AbnormalCode[] = ["SPEND_FAR_ABOVE_NORMAL", "SPEND_FAR_BELOW_NORMAL", "SUDDEN_CHANGE", "BLACK_LIST", "ARREARS_OVER_LIMIT"];
const STAGES = ["NONE", "REMINDER", "PARTIAL_BARRING", "FULL_BARRING", "PRE_CANCELLATION", "WRITE_OFF"] as const;

/** A small deterministic generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticRows(count: number, options: { seed: number; asOf: string; firstSequence?: number; computedAt?: string }): SnapshotRow[] {
  const random = seeded(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const orNull = <T>(value: T): T | null => (random() < 0.15 ? null : value);
  const subset = <T extends string>(values: readonly T[]): T[] => values.filter(() => random() < 0.3).sort();
  const money = () => orNull(Math.floor(random() * 200) * 1_000);
  return Array.from({ length: count }, (_, i) => {
    const region = pick(REGIONS);
    const kind = pick(KINDS);
    const judged = random() > 0.08;
    // Few distinct scores, so that ties test the tie-breaker.
    const score = Math.round(random() * 40) * 2.5;
    // A few customers moved after they got their number: its local network is no longer their region.
    const moved = random() < 0.05;
    const row = {
      customerId: `${region}${String((options.firstSequence ?? 1) + i).padStart(8, "0")}`,
      regionCode: moved ? pick(REGIONS) : region,
      kind,
      industryCode: kind === "RESIDENTIAL" ? null : pick(["C13", "F51", "I64", "K66"]),
      education: orNull(pick(EDUCATION)),
      productCodes: subset(PRODUCTS),
      relationship: kind === "ENTERPRISE_KEY_ACCOUNT" ? pick(["BUY_OUT", "COOPERATIVE"] as const) : null,
      valueTier: judged ? pick(TIERS) : null,
      creditScore: judged ? score : null,
      creditLevel: judged ? pick(LEVELS) : null,
      creditList: judged ? pick(LISTS) : null,
      loyaltyLevel: judged ? pick(LEVELS) : null,
      satisfactionLevel: judged ? orNull(pick(LEVELS)) : null,
      arrearsBucket: judged ? pick(BUCKETS) : null,
      arrearsFen: judged ? money() : null,
      dunningStage: judged ? pick(STAGES) : null,
      potentialKeyAccount: judged ? random() < 0.1 : null,
      churnRiskLevel: judged ? pick(LEVELS) : null,
      abnormalFlags: judged ? subset(FLAGS) : [],
      revenue12mFen: judged ? money() : null,
      arpuFen: judged ? money() : null,
      arpaFen: judged ? money() : null,
      factsDigest: `digest-${options.seed}-${i}`,
      asOf: options.asOf,
      computedAt: options.computedAt ?? "2026-11-30T01:02:03.456Z",
    };
    // Derived from what was drawn, so that adding them changed no other column of any row.
    return {
      ...row,
      loyaltyScore: scoreOf(row.loyaltyLevel, i),
      satisfactionScore: scoreOf(row.satisfactionLevel, i),
      relationshipStatus: judged ? (RELATIONSHIP_STATUSES[i % RELATIONSHIP_STATUSES.length] as RelationshipStatus) : null,
      blackListStatus: row.creditList === "BLACK" ? (i % 3 === 0 ? "FORMER" : "IN_SERVICE") : null,
    };
  });
}

/** A score within the level's band, a little different from row to row. */
function scoreOf(level: ScoreLevel | null, i: number): number | null {
  return level === null ? null : { VERY_HIGH: 96, HIGH: 85, MEDIUM: 66, LOW: 45, VERY_LOW: 20 }[level] + (i % 4) * 0.75;
}
