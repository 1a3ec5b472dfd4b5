import type { CustomerKind, Education, ProductCode } from "../business-hall/port.js";
import type { Relationship } from "../key-account/port.js";

/**
 * The project's own store (never a legacy system's tables): a snapshot of every customer's judgements,
 * written by `npm run snapshot` through the same judgement code the graph runs on read, so lists,
 * counts and segments over a million customers can filter and group on judgements from an index.
 * One row per customer (the latest run) and one per customer and month (the history).
 * Dates are "YYYY-MM-DD", months "YYYY-MM", timestamps ISO 8601, money integer fen.
 */

export type ScoreLevel = "VERY_HIGH" | "HIGH" | "MEDIUM" | "LOW" | "VERY_LOW";
export type ValueTier = "LOW_LET_GO" | "LOW_KEEP" | "ORDINARY" | "HIGH" | "IMPORTANT";
export type CreditList = "RED" | "GREY" | "BLACK";
export type DunningStage = "NONE" | "REMINDER" | "PARTIAL_BARRING" | "FULL_BARRING" | "PRE_CANCELLATION" | "WRITE_OFF";
export type AbnormalCode = "SPEND_FAR_ABOVE_NORMAL" | "SPEND_FAR_BELOW_NORMAL" | "SUDDEN_CHANGE" | "BLACK_LIST" | "ARREARS_OVER_LIMIT";
/** The customer's relationship to the carrier (seed 002 §3.2.1.10 §2), as insights judges it. */
export const RELATIONSHIP_STATUSES = ["CURRENT", "POTENTIAL", "FORMER", "COMPETITORS", "SHARED_WITH_COMPETITOR"] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];
/** Age of the customer's oldest unpaid amount, in the contract's buckets; NONE when nothing is owed. */
export const ARREARS_BUCKETS = ["NONE", "DAYS_0_30", "DAYS_31_60", "DAYS_61_90", "DAYS_OVER_90"] as const;
export type ArrearsBucket = (typeof ARREARS_BUCKETS)[number];
/** Which of the seed's black lists a black-listed customer is on: still holding a service (在用), or none any more (非在用). */
export const BLACK_LIST_STATUSES = ["IN_SERVICE", "FORMER"] as const;
export type BlackListStatus = (typeof BLACK_LIST_STATUSES)[number];

/** One customer's snapshot row. A judgement that could not be made (a source held an unreadable record) is null. */
export interface SnapshotRow {
  customerId: string;
  /** The hall's attributes at the time of the run, so filters and groups need no legacy call. */
  regionCode: string;
  kind: CustomerKind;
  industryCode: string | null;
  education: Education | null;
  /** Products of the customer's lines not removed, sorted, without repeats. */
  productCodes: ProductCode[];
  /** The key-account relationship; null for customers who are not key accounts. */
  relationship: Relationship | null;
  valueTier: ValueTier | null;
  creditScore: number | null;
  creditLevel: ScoreLevel | null;
  /** Null when the customer is on no list. */
  creditList: CreditList | null;
  /** Null unless the credit list is BLACK (or credit could not be judged). */
  blackListStatus: BlackListStatus | null;
  loyaltyScore: number | null;
  loyaltyLevel: ScoreLevel | null;
  /** Null also when the customer answered no survey (recent enough). */
  satisfactionScore: number | null;
  satisfactionLevel: ScoreLevel | null;
  relationshipStatus: RelationshipStatus | null;
  arrearsBucket: ArrearsBucket | null;
  arrearsFen: number | null;
  dunningStage: DunningStage | null;
  potentialKeyAccount: boolean | null;
  churnRiskLevel: ScoreLevel | null;
  abnormalFlags: AbnormalCode[];
  revenue12mFen: number | null;
  arpuFen: number | null;
  arpaFen: number | null;
  /** A digest of every fact the judgements read; an unchanged digest at the same as-of date needs no rewrite. */
  factsDigest: string;
  /** The reference date the judgements were computed as of. */
  asOf: string;
  computedAt: string;
}

/** Every given criterion must hold; absent criteria do not filter. */
export interface SnapshotFilter {
  /** A province (2 digits) or a local network (4 digits): a prefix of the customer's region code. */
  regionCode?: string;
  kind?: CustomerKind;
  industryCode?: string;
  education?: Education;
  /** Customers holding at least one line of this product. */
  productCode?: ProductCode;
  valueTier?: ValueTier;
  creditList?: CreditList;
  /** Black-listed customers still in service, or former ones. */
  blackListStatus?: BlackListStatus;
  creditLevel?: ScoreLevel;
  loyaltyLevel?: ScoreLevel;
  satisfactionLevel?: ScoreLevel;
  relationshipStatus?: RelationshipStatus;
  arrearsBucket?: ArrearsBucket;
  dunningStage?: DunningStage;
  potentialKeyAccount?: boolean;
  churnRiskLevel?: ScoreLevel;
  /** Customers carrying this flag. */
  abnormalFlag?: AbnormalCode;
}

/**
 * What the caller may see, already decided by the subgraph (subgraphs/kit/scope.ts): a region prefix
 * ("" for all), or an explicit set of customer ids (a key-account manager's portfolio). Both given: both hold.
 * As in scope.ts, the region prefix is matched against the customer's number, which starts with the local
 * network that holds the customer (the `regionCode` filter reads the hall's region attribute instead).
 */
export interface SnapshotScope {
  regionPrefix: string | null;
  customerIds: readonly string[] | null;
}

export const SNAPSHOT_ORDER_FIELDS = ["CUSTOMER_ID", "CREDIT_SCORE", "REVENUE_12M", "ARREARS", "ARPU"] as const;
export type SnapshotOrderField = (typeof SNAPSHOT_ORDER_FIELDS)[number];
export interface SnapshotOrder {
  field: SnapshotOrderField;
  direction: "ASC" | "DESC";
}

/** Keyset position: the order value and customer id of the previous page's last row (stable under inserts). */
export interface SnapshotPosition {
  value: number | string | null;
  customerId: string;
}

export interface SnapshotPageRequest {
  filter: SnapshotFilter;
  scope: SnapshotScope;
  order: SnapshotOrder;
  after: SnapshotPosition | null;
  /** 0 to 1000. */
  first: number;
}

export interface SnapshotPage {
  rows: SnapshotRow[];
  hasNextPage: boolean;
}

export const SEGMENT_DIMENSIONS = [
  "PROVINCE",
  "LOCAL_NETWORK",
  "KIND",
  "INDUSTRY",
  "VALUE_TIER",
  "CREDIT_LIST",
  "CHURN_LEVEL",
  "RELATIONSHIP",
  "SATISFACTION_LEVEL",
  "LOYALTY_LEVEL",
  "RELATIONSHIP_STATUS",
] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

export interface Segment {
  /** One value per requested dimension, in the order asked; null where the customer has none (no list, no industry …). */
  key: (string | null)[];
  count: number;
  revenue12mFen: number;
  arrearsFen: number;
}

/** One customer's judgements at the end of one month, for `history(months)`. */
export interface MonthlyJudgement {
  month: string;
  asOf: string;
  creditScore: number | null;
  creditLevel: ScoreLevel | null;
  creditList: CreditList | null;
  valueTier: ValueTier | null;
  arpuFen: number | null;
  revenue12mFen: number | null;
  loyaltyScore: number | null;
  loyaltyLevel: ScoreLevel | null;
  satisfactionScore: number | null;
  satisfactionLevel: ScoreLevel | null;
}

/** How one judgement's levels fell over a group's customers in one month. */
export interface LevelCounts {
  /** Customers at each level; every level is listed, 0 when nobody is at it. */
  levels: Record<ScoreLevel, number>;
  /** Customers the judgement was made for that month (for satisfaction: those with a recent enough survey). */
  judged: number;
  /** The judged customers' mean score; null when none was judged. */
  averageScore: number | null;
}

/** One group's satisfaction and loyalty at the end of one month, from the month rows, for `levelHistory`. */
export interface LevelMonth {
  month: string;
  /** One value per requested dimension, read from the customer's latest row (as segments read them). */
  key: (string | null)[];
  /** The group's customers with a month row that month. */
  customers: number;
  satisfaction: LevelCounts;
  loyalty: LevelCounts;
}

/** A run of `npm run snapshot`: where it got to, so a killed run resumes after its last written batch. */
export interface SnapshotRun {
  runId: number;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  /** The last customer id whose batch is written; null before the first batch. */
  lastCustomerId: string | null;
  /** Customers read, rows rewritten, rows left as they were (facts unchanged), customers whose facts could not be read. */
  read: number;
  written: number;
  unchanged: number;
  failed: number;
}

export interface SnapshotReader {
  /** As-of date and finishing time of the newest finished run; null when no run has finished. */
  latest(): Promise<{ asOf: string; computedAt: string } | null>;
  page(request: SnapshotPageRequest): Promise<SnapshotPage>;
  /** Counted from the store's indexes; the same rows `page` would walk through. */
  count(filter: SnapshotFilter, scope: SnapshotScope): Promise<number>;
  /** Groups in key order; the counts add up to `count` for the same filter and scope. */
  segments(groupBy: readonly SegmentDimension[], filter: SnapshotFilter, scope: SnapshotScope): Promise<Segment[]>;
  /** Each customer's month rows of the `months` months up to the newest as-of month of any run, newest first; customers never snapshotted get an empty list. */
  history(customerIds: readonly string[], months: number): Promise<Map<string, MonthlyJudgement[]>>;
  /**
   * Satisfaction and loyalty by group and month over the `months` months up to the newest as-of month of any
   * run: the month rows of the customers the filter and scope select (on their latest rows), grouped by the
   * dimensions (none: one group), in month then key order. One statement.
   */
  levelHistory(groupBy: readonly SegmentDimension[], filter: SnapshotFilter, scope: SnapshotScope, months: number): Promise<LevelMonth[]>;
  close(): Promise<void>;
}

/**
 * LATEST: a run that writes each customer's latest row and the month row of its as-of month. MONTH: a
 * back-filled month end (`--backfill-months`), which writes only month rows and leaves the latest rows alone.
 */
export type SnapshotRunKind = "LATEST" | "MONTH";

export interface SnapshotWriter {
  /** Creates the store's schema and tables when missing; safe to call on every start. */
  ensureSchema(): Promise<void>;
  /** The unfinished run for this as-of date (and kind, LATEST when not given), if a killed run left one. */
  unfinishedRun(asOf: string, kind?: SnapshotRunKind): Promise<SnapshotRun | null>;
  /** The newest finished run for this as-of date and kind, if any. */
  finishedRun(asOf: string, kind?: SnapshotRunKind): Promise<SnapshotRun | null>;
  startRun(asOf: string, kind?: SnapshotRunKind): Promise<SnapshotRun>;
  /** Gives up an unfinished run (`--restart`): it is never resumed; the rows it wrote stay. */
  abandonRun(runId: number): Promise<void>;
  /** Digests of the stored rows computed as of `asOf`, for the incremental skip. */
  digests(customerIds: readonly string[], asOf: string): Promise<Map<string, string>>;
  /**
   * One batch in one transaction: the changed rows, their month rows, and the run's progress, so a kill
   * loses at most the batch in flight.
   */
  writeBatch(runId: number, rows: readonly SnapshotRow[], progress: Omit<SnapshotRun, "runId" | "asOf" | "startedAt" | "finishedAt">): Promise<void>;
  finishRun(runId: number): Promise<void>;
  close(): Promise<void>;
}

/** Where a row stands in an order: the `after` of the page that follows it. */
export function positionOf(order: SnapshotOrder, row: SnapshotRow): SnapshotPosition {
  const value = { CUSTOMER_ID: row.customerId, CREDIT_SCORE: row.creditScore, REVENUE_12M: row.revenue12mFen, ARREARS: row.arrearsFen, ARPU: row.arpuFen }[order.field];
  return { value, customerId: row.customerId };
}
