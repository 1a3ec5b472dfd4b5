import type { SegmentDimension, SnapshotFilter, SnapshotOrder, SnapshotOrderField, SnapshotPosition, SnapshotScope } from "./port.js";

/**
 * The SQL of the reader's queries. Every value is a parameter; column names and directions come only
 * from the fixed maps below, never from the caller's text.
 */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Filter criteria compared for equality, and the column each reads. */
const EQUAL: { [K in keyof SnapshotFilter]?: string } = {
  kind: "kind",
  industryCode: "industry_code",
  education: "education",
  valueTier: "value_tier",
  creditList: "credit_list",
  blackListStatus: "black_list_status",
  creditLevel: "credit_level",
  loyaltyLevel: "loyalty_level",
  satisfactionLevel: "satisfaction_level",
  relationshipStatus: "relationship_status",
  arrearsBucket: "arrears_bucket",
  dunningStage: "dunning_stage",
  potentialKeyAccount: "potential_key_account",
  churnRiskLevel: "churn_risk_level",
};

/** The column each order walks; null for CUSTOMER_ID, which is the tie-breaker itself. */
export const ORDER_COLUMN: Record<SnapshotOrderField, string | null> = {
  CUSTOMER_ID: null,
  CREDIT_SCORE: "credit_score",
  REVENUE_12M: "revenue12m_fen",
  ARREARS: "arrears_fen",
  ARPU: "arpu_fen",
};

export const SEGMENT_EXPRESSION: Record<SegmentDimension, string> = {
  PROVINCE: "left(region_code, 2)",
  LOCAL_NETWORK: "region_code",
  KIND: "kind",
  INDUSTRY: "industry_code",
  VALUE_TIER: "value_tier",
  CREDIT_LIST: "credit_list",
  CHURN_LEVEL: "churn_risk_level",
  RELATIONSHIP: "relationship",
  SATISFACTION_LEVEL: "satisfaction_level",
  LOYALTY_LEVEL: "loyalty_level",
  RELATIONSHIP_STATUS: "relationship_status",
};

/** The text just after every text starting with `prefix`, under COLLATE "C" (after "9" comes ":"). */
function successor(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

const checkPrefix = (prefix: string) => {
  if (!/^\d{0,4}$/.test(prefix)) throw new RangeError(`a region prefix is 0 to 4 digits, got "${prefix.slice(0, 20)}"`);
};

/**
 * A caller's region, as subgraphs/kit/scope.ts decides it: a customer's number starts with the local
 * network that holds it, so the scope is a range of the primary key, which also walks id order.
 */
function scopeRange(prefix: string, p: Params): string | null {
  checkPrefix(prefix);
  return prefix === "" ? null : `customer_id >= ${p.add(prefix)} AND customer_id < ${p.add(successor(prefix))}`;
}

/**
 * The hall's region of the customer: a province is the stored province column, a local network the
 * region code, each with customer_id second in its index so that id order needs no sort.
 */
function regionFilter(prefix: string, p: Params): string {
  checkPrefix(prefix);
  if (prefix.length === 2) return `province = ${p.add(prefix)}`;
  if (prefix.length === 4) return `region_code = ${p.add(prefix)}`;
  if (prefix === "") throw new RangeError("a region filter needs 2 or 4 digits");
  return `region_code >= ${p.add(prefix)} AND region_code < ${p.add(successor(prefix))}`;
}

/** The WHERE conditions of a filter within a scope (an empty list: every row). */
export function conditions(filter: SnapshotFilter, scope: SnapshotScope, p: Params): string[] {
  const where: string[] = [];
  const add = (condition: string | null) => {
    if (condition) where.push(condition);
  };
  if (scope.regionPrefix !== null) add(scopeRange(scope.regionPrefix, p));
  if (scope.customerIds !== null) add(`customer_id = ANY(${p.add([...scope.customerIds])}::text[])`);
  if (filter.regionCode !== undefined) add(regionFilter(filter.regionCode, p));
  for (const [key, column] of Object.entries(EQUAL) as [keyof SnapshotFilter, string][]) {
    const value = filter[key];
    if (value !== undefined) add(`${column} = ${p.add(value)}`);
  }
  if (filter.productCode !== undefined) add(`product_codes @> ARRAY[${p.add(filter.productCode)}]::text[]`);
  if (filter.abnormalFlag !== undefined) add(`abnormal_flags @> ARRAY[${p.add(filter.abnormalFlag)}]::text[]`);
  return where;
}

const and = (where: readonly string[]) => (where.length === 0 ? "TRUE" : where.join(" AND "));

/**
 * One page in keyset order: (value, customer_id) in the asked direction, rows without a value after
 * all the others in both directions, ordered among themselves by customer_id in the same direction.
 * Each part is a separate branch so that each walks its index; the outer query merges them.
 */
export function pageQuery(table: string, columns: string, where: readonly string[], order: SnapshotOrder, after: SnapshotPosition | null, limit: number, p: Params): string {
  const dir = order.direction === "DESC" ? "DESC" : "ASC";
  const cmp = dir === "DESC" ? "<" : ">";
  const column = ORDER_COLUMN[order.field];
  const n = p.add(limit);
  if (column === null) {
    const keyset = after ? [`customer_id ${cmp} ${p.add(after.customerId)}`] : [];
    return `SELECT ${columns} FROM ${table} WHERE ${and([...where, ...keyset])} ORDER BY customer_id ${dir} LIMIT ${n}`;
  }
  if (after && after.value !== null && typeof after.value !== "number") throw new RangeError(`the position of a ${order.field} order is a number or null`);
  const branches: string[] = [];
  // Past the last valued row, only rows without a value remain.
  if (!after || after.value !== null) {
    const keyset = after ? [`(${column}, customer_id) ${cmp} (${p.add(after.value)}, ${p.add(after.customerId)})`] : [];
    branches.push(`(SELECT ${columns} FROM ${table} WHERE ${and([...where, `${column} IS NOT NULL`, ...keyset])} ORDER BY ${column} ${dir}, customer_id ${dir} LIMIT ${n})`);
  }
  const nullKeyset = after && after.value === null ? [`customer_id ${cmp} ${p.add(after.customerId)}`] : [];
  branches.push(`(SELECT ${columns} FROM ${table} WHERE ${and([...where, `${column} IS NULL`, ...nullKeyset])} ORDER BY customer_id ${dir} LIMIT ${n})`);
  return `SELECT * FROM (${branches.join(" UNION ALL ")}) page ORDER BY (${column} IS NULL), ${column} ${dir}, customer_id ${dir} LIMIT ${n}`;
}
