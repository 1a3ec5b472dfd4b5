import { describe, expect, it } from "vitest";
import type { SnapshotRow } from "./port.js";
import { syntheticRows } from "./fixtures.js";
import { plainSnapshotRow } from "./sql.plain-row.js";
import { snapshotRowSchema } from "./sql.rows.js";

/** A row as the store's SELECT hands it over (snake case, int8 as text), from a domain row. */
function stored(row: SnapshotRow): Record<string, unknown> {
  const text = (n: number | null) => (n === null ? null : String(n));
  return {
    customer_id: row.customerId,
    region_code: row.regionCode,
    kind: row.kind,
    industry_code: row.industryCode,
    education: row.education,
    product_codes: row.productCodes,
    relationship: row.relationship,
    value_tier: row.valueTier,
    credit_score: row.creditScore,
    credit_level: row.creditLevel,
    credit_list: row.creditList,
    black_list_status: row.blackListStatus,
    loyalty_score: row.loyaltyScore,
    loyalty_level: row.loyaltyLevel,
    satisfaction_score: row.satisfactionScore,
    satisfaction_level: row.satisfactionLevel,
    relationship_status: row.relationshipStatus,
    arrears_bucket: row.arrearsBucket,
    arrears_fen: text(row.arrearsFen),
    dunning_stage: row.dunningStage,
    potential_key_account: row.potentialKeyAccount,
    churn_risk_level: row.churnRiskLevel,
    abnormal_flags: row.abnormalFlags,
    revenue12m_fen: text(row.revenue12mFen),
    arpu_fen: row.arpuFen,
    arpa_fen: text(row.arpaFen),
    facts_digest: row.factsDigest,
    as_of_text: row.asOf,
    computed_at_text: row.computedAt,
  };
}

const ROWS = syntheticRows(500, { seed: 7, asOf: "2026-11-30", computedAt: "2026-11-30T08:15:00.123Z" }).map(stored);

/** Wrong values per column: of the wrong type, out of their list, malformed, unsafe. */
const SPOILERS: Record<string, unknown[]> = {
  customer_id: [undefined, null, 320100000001, "32010000001", "3201000000012", "32010000000x"],
  region_code: [null, "320", 3201, "32a1"],
  kind: [null, "PERSON", "residential", 1],
  industry_code: [undefined, 13],
  education: [undefined, "PHD", 0],
  product_codes: [null, "MOBILE", ["MOBILE", "FAX"], [null], {}],
  relationship: [undefined, "FRIENDS"],
  value_tier: [undefined, "TOP"],
  credit_score: [undefined, "80", Number.NaN, Number.POSITIVE_INFINITY],
  credit_level: ["SO_SO", 3],
  credit_list: ["WHITE"],
  black_list_status: [undefined, "GONE", 2],
  loyalty_level: ["high"],
  loyalty_score: [undefined, "70", Number.NaN],
  satisfaction_level: [undefined, "NONE"],
  satisfaction_score: [undefined, Number.NEGATIVE_INFINITY, true],
  relationship_status: [undefined, "LOST", 1],
  arrears_bucket: ["DAYS_1_2"],
  arrears_fen: [undefined, "1.5", 1.5, "12a", "90071992547409930", 2 ** 60, true],
  dunning_stage: ["CALLED"],
  potential_key_account: [undefined, "true", 1],
  churn_risk_level: ["ZERO"],
  abnormal_flags: [null, ["ODD"], "BLACK_LIST"],
  revenue12m_fen: [undefined, "-", Number.NaN],
  arpu_fen: [undefined, 0.5],
  arpa_fen: [undefined, ""],
  facts_digest: [undefined, null, "", 42],
  as_of_text: [null, "2026-11", "30/11/2026", 20261130],
  computed_at_text: [null, "2026-11-30", "2026-11-30T25:00:00.000Z", "not a time", 0],
};

describe("the snapshot row read by hand", () => {
  it("answers every valid row exactly as snapshotRowSchema does, key order included", () => {
    for (const raw of ROWS) expect(JSON.stringify(plainSnapshotRow(raw))).toBe(JSON.stringify(snapshotRowSchema.parse(raw)));
  });

  it("gives up on every spoiled row the schema refuses, and never reads one differently", () => {
    let refused = 0;
    for (const [column, values] of Object.entries(SPOILERS)) {
      for (const value of values) {
        for (const row of ROWS.slice(0, 20)) {
          const raw = { ...row, [column]: value };
          const schema = snapshotRowSchema.safeParse(raw);
          const plain = plainSnapshotRow(raw);
          if (!schema.success) {
            refused++;
            expect(plain, `${column} = ${String(value)}`).toBeUndefined();
          } else if (plain !== undefined) expect(plain).toEqual(schema.data);
        }
      }
    }
    expect(refused).toBeGreaterThan(1_000);
  });
});
