import { z } from "zod";
import { ARREARS_BUCKETS, BLACK_LIST_STATUSES, RELATIONSHIP_STATUSES, type MonthlyJudgement, type SnapshotRow, type SnapshotRun } from "./port.js";

/**
 * What comes out of the store is checked as it comes out: the store is ours, but a row written by an
 * older version or by hand must fail loudly, naming the customer, instead of reaching a consumer.
 */

/** pg hands int8 over as decimal text; money and counts must come back as safe integers. */
const int = z
  .union([z.number(), z.string().regex(/^-?\d+$/)])
  .transform(Number)
  .refine(Number.isSafeInteger, "must be a safe integer");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const timestamp = z.string().datetime({ offset: true });
/** The values each coded column may hold (the plain reader, sql.plain-row.ts, checks against the same lists). */
export const STORED_VALUES = {
  level: ["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"],
  valueTier: ["LOW_LET_GO", "LOW_KEEP", "ORDINARY", "HIGH", "IMPORTANT"],
  creditList: ["RED", "GREY", "BLACK"],
  product: ["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"],
  abnormal: ["SPEND_FAR_ABOVE_NORMAL", "SPEND_FAR_BELOW_NORMAL", "SUDDEN_CHANGE", "BLACK_LIST", "ARREARS_OVER_LIMIT"],
  stage: ["NONE", "REMINDER", "PARTIAL_BARRING", "FULL_BARRING", "PRE_CANCELLATION", "WRITE_OFF"],
  kind: ["RESIDENTIAL", "BUSINESS", "INDIVIDUAL_KEY_ACCOUNT", "ENTERPRISE_KEY_ACCOUNT"],
  education: ["PRIMARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "UNDERGRADUATE", "POSTGRADUATE"],
  relationship: ["BUY_OUT", "COOPERATIVE"],
  relationshipStatus: RELATIONSHIP_STATUSES,
  blackListStatus: BLACK_LIST_STATUSES,
} as const;

const level = z.enum(STORED_VALUES.level);
const valueTier = z.enum(STORED_VALUES.valueTier);
const creditList = z.enum(STORED_VALUES.creditList);
const product = z.enum(STORED_VALUES.product);
const abnormal = z.enum(STORED_VALUES.abnormal);
const stage = z.enum(STORED_VALUES.stage);

export const snapshotRowSchema = z
  .object({
    customer_id: z.string().regex(/^\d{12}$/),
    region_code: z.string().regex(/^\d{4}$/),
    kind: z.enum(STORED_VALUES.kind),
    industry_code: z.string().nullable(),
    education: z.enum(STORED_VALUES.education).nullable(),
    product_codes: z.array(product),
    relationship: z.enum(STORED_VALUES.relationship).nullable(),
    value_tier: valueTier.nullable(),
    credit_score: z.number().nullable(),
    credit_level: level.nullable(),
    credit_list: creditList.nullable(),
    black_list_status: z.enum(STORED_VALUES.blackListStatus).nullable(),
    loyalty_score: z.number().nullable(),
    loyalty_level: level.nullable(),
    satisfaction_score: z.number().nullable(),
    satisfaction_level: level.nullable(),
    relationship_status: z.enum(STORED_VALUES.relationshipStatus).nullable(),
    arrears_bucket: z.enum(ARREARS_BUCKETS).nullable(),
    arrears_fen: int.nullable(),
    dunning_stage: stage.nullable(),
    potential_key_account: z.boolean().nullable(),
    churn_risk_level: level.nullable(),
    abnormal_flags: z.array(abnormal),
    revenue12m_fen: int.nullable(),
    arpu_fen: int.nullable(),
    arpa_fen: int.nullable(),
    facts_digest: z.string().min(1),
    as_of_text: date,
    computed_at_text: timestamp,
  })
  .transform(
    (r): SnapshotRow => ({
      customerId: r.customer_id,
      regionCode: r.region_code,
      kind: r.kind,
      industryCode: r.industry_code,
      education: r.education,
      productCodes: r.product_codes,
      relationship: r.relationship,
      valueTier: r.value_tier,
      creditScore: r.credit_score,
      creditLevel: r.credit_level,
      creditList: r.credit_list,
      blackListStatus: r.black_list_status,
      loyaltyScore: r.loyalty_score,
      loyaltyLevel: r.loyalty_level,
      satisfactionScore: r.satisfaction_score,
      satisfactionLevel: r.satisfaction_level,
      relationshipStatus: r.relationship_status,
      arrearsBucket: r.arrears_bucket,
      arrearsFen: r.arrears_fen,
      dunningStage: r.dunning_stage,
      potentialKeyAccount: r.potential_key_account,
      churnRiskLevel: r.churn_risk_level,
      abnormalFlags: r.abnormal_flags,
      revenue12mFen: r.revenue12m_fen,
      arpuFen: r.arpu_fen,
      arpaFen: r.arpa_fen,
      factsDigest: r.facts_digest,
      asOf: r.as_of_text,
      computedAt: r.computed_at_text,
    }),
  );

/** ISO 8601 in UTC with milliseconds, as `Date.toISOString` writes it. */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
export const isoTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO})`;

/** The latest table's columns as snapshotRowSchema reads them. */
export const ROW_COLUMNS = `customer_id, region_code, kind, industry_code, education, product_codes, relationship, value_tier,
  credit_score, credit_level, credit_list, black_list_status, loyalty_score, loyalty_level, satisfaction_score, satisfaction_level, relationship_status,
  arrears_bucket, arrears_fen, dunning_stage,
  potential_key_account, churn_risk_level, abnormal_flags, revenue12m_fen, arpu_fen, arpa_fen, facts_digest,
  to_char(as_of, 'YYYY-MM-DD') AS as_of_text, ${isoTimestamp("computed_at")} AS computed_at_text`;

export const monthSchema = z
  .object({
    customer_id: z.string(),
    month_text: z.string().regex(/^\d{4}-\d{2}$/),
    as_of_text: date,
    credit_score: z.number().nullable(),
    credit_level: level.nullable(),
    credit_list: creditList.nullable(),
    value_tier: valueTier.nullable(),
    arpu_fen: int.nullable(),
    revenue12m_fen: int.nullable(),
    loyalty_score: z.number().nullable(),
    loyalty_level: level.nullable(),
    satisfaction_score: z.number().nullable(),
    satisfaction_level: level.nullable(),
  })
  .transform((r): { customerId: string; judgement: MonthlyJudgement } => ({
    customerId: r.customer_id,
    judgement: {
      month: r.month_text,
      asOf: r.as_of_text,
      creditScore: r.credit_score,
      creditLevel: r.credit_level,
      creditList: r.credit_list,
      valueTier: r.value_tier,
      arpuFen: r.arpu_fen,
      revenue12mFen: r.revenue12m_fen,
      loyaltyScore: r.loyalty_score,
      loyaltyLevel: r.loyalty_level,
      satisfactionScore: r.satisfaction_score,
      satisfactionLevel: r.satisfaction_level,
    },
  }));

export const RUN_COLUMNS = `run_id, to_char(as_of, 'YYYY-MM-DD') AS as_of_text, ${isoTimestamp("started_at")} AS started_at_text,
  ${isoTimestamp("finished_at")} AS finished_at_text, last_customer_id, read, written, unchanged, failed`;

export const runSchema = z
  .object({
    run_id: int,
    as_of_text: date,
    started_at_text: timestamp,
    finished_at_text: timestamp.nullable(),
    last_customer_id: z.string().nullable(),
    read: int,
    written: int,
    unchanged: int,
    failed: int,
  })
  .transform(
    (r): SnapshotRun => ({
      runId: r.run_id,
      asOf: r.as_of_text,
      startedAt: r.started_at_text,
      finishedAt: r.finished_at_text,
      lastCustomerId: r.last_customer_id,
      read: r.read,
      written: r.written,
      unchanged: r.unchanged,
      failed: r.failed,
    }),
  );

/** Parses one row, or fails naming what it is and why. */
export function parseStored<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join(".") || "(row)"}: ${i.message}`).join("; ");
  throw new Error(`snapshot store: malformed ${what}: ${detail}`);
}
