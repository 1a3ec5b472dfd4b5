import pg from "pg";
import { z } from "zod";
import type {
  LevelCounts,
  LevelMonth,
  MonthlyJudgement,
  Segment,
  SegmentDimension,
  SnapshotFilter,
  SnapshotPage,
  SnapshotPageRequest,
  SnapshotReader,
  SnapshotRow,
  SnapshotRun,
  SnapshotRunKind,
  SnapshotScope,
  SnapshotWriter,
} from "./port.js";
import { snapshotDdl } from "./sql.ddl.js";
import { Params, SEGMENT_EXPRESSION, conditions, pageQuery } from "./sql.query.js";
import { plainSnapshotRow } from "./sql.plain-row.js";
import { ROW_COLUMNS, RUN_COLUMNS, STORED_VALUES, isoTimestamp, monthSchema, parseStored, runSchema, snapshotRowSchema } from "./sql.rows.js";
import { WRITE_BATCH } from "./sql.write.js";

/** The store's schema: the project's own, beside the legacy systems' schemas, under the same test prefix. */
export function snapshotSchemaName(prefix = ""): string {
  if (!/^[a-z0-9_]*$/.test(prefix)) throw new Error(`schema prefix must match [a-z0-9_]*, got "${prefix}"`);
  return `${prefix}customer_graph`;
}

export interface SnapshotSqlStoreOptions {
  connectionString: string;
  /** snapshotSchemaName(prefix). */
  schema: string;
  /** Connections; on the embedded PGlite they take turns at its one session. */
  poolSize?: number;
}

export const MAX_PAGE = 1000;
export const MAX_HISTORY_MONTHS = 120;

/**
 * The judgement snapshot in PostgreSQL (or the embedded PGlite over its socket). Every reader call is one
 * statement; every batch of the job is one statement too (data-modifying CTEs), so it commits whole or
 * not at all, with the run's position. Statements are unnamed: nothing is prepared on the connection.
 */
export class SnapshotSqlStore implements SnapshotReader, SnapshotWriter {
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly s: string;
  /** Statements sent, so tests can assert one per call. */
  queries = 0;

  constructor(options: SnapshotSqlStoreOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`bad schema name "${options.schema}"`);
    this.s = `"${options.schema}"`;
    this.schema = options.schema;
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4 });
    // An idle connection that dies (server restart) must not crash the process; the next query reconnects.
    this.pool.on("error", () => {});
  }

  private async query<R>(text: string, values: unknown[] = []): Promise<R[]> {
    this.queries += 1;
    return (await this.pool.query({ text, values })).rows as R[];
  }

  async ensureSchema(): Promise<void> {
    await this.query(snapshotDdl(this.schema));
  }

  /** Removes the whole store (a new data set makes the old judgements meaningless). */
  async dropSchema(): Promise<void> {
    await this.query(`DROP SCHEMA IF EXISTS ${this.s} CASCADE`);
  }

  async latest(): Promise<{ asOf: string; computedAt: string } | null> {
    const rows = await this.query<{ as_of_text: string; finished_at_text: string }>(
      `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of_text, ${isoTimestamp("finished_at")} AS finished_at_text FROM ${this.s}.snapshot_run
       WHERE kind = 'LATEST' AND finished_at IS NOT NULL ORDER BY finished_at DESC, run_id DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? parseStored(latestSchema, { asOf: row.as_of_text, computedAt: row.finished_at_text }, "run") : null;
  }

  async page(request: SnapshotPageRequest): Promise<SnapshotPage> {
    const { first } = request;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw new RangeError(`first must be an integer from 0 to ${MAX_PAGE}`);
    const p = new Params();
    const where = conditions(request.filter, request.scope, p);
    const text = pageQuery(`${this.s}.customer_judgement`, ROW_COLUMNS, where, request.order, request.after, first + 1, p);
    const raw = await this.query<Record<string, unknown>>(text, p.values);
    const rows = raw.slice(0, first).map((r) => plainSnapshotRow(r) ?? parseStored(snapshotRowSchema, r, `row of customer ${String(r.customer_id)}`));
    return { rows, hasNextPage: raw.length > first };
  }

  async count(filter: SnapshotFilter, scope: SnapshotScope): Promise<number> {
    const p = new Params();
    const where = conditions(filter, scope, p);
    const rows = await this.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.s}.customer_judgement WHERE ${where.join(" AND ") || "TRUE"}`, p.values);
    return parseStored(countSchema, rows[0]?.n, "count");
  }

  async segments(groupBy: readonly SegmentDimension[], filter: SnapshotFilter, scope: SnapshotScope): Promise<Segment[]> {
    const p = new Params();
    const where = conditions(filter, scope, p);
    const keys = groupBy.map((d, i) => {
      const expression = SEGMENT_EXPRESSION[d];
      if (!expression) throw new RangeError(`unknown segment dimension "${String(d)}"`);
      return `${expression} AS k${i}`;
    });
    const positions = groupBy.map((_, i) => String(i + 1));
    const text = `SELECT ${[...keys, "count(*) AS n", "coalesce(sum(revenue12m_fen), 0) AS revenue", "coalesce(sum(arrears_fen), 0) AS arrears"].join(", ")}
      FROM ${this.s}.customer_judgement WHERE ${where.join(" AND ") || "TRUE"}
      ${positions.length > 0 ? `GROUP BY ${positions.join(", ")} ORDER BY ${positions.map((n) => `${n} NULLS LAST`).join(", ")}` : ""}`;
    const rows = await this.query<Record<string, unknown>>(text, p.values);
    return rows
      .map((r) => parseStored(segmentSchema, { key: groupBy.map((_, i) => r[`k${i}`] ?? null), count: r.n, revenue12mFen: r.revenue, arrearsFen: r.arrears }, "segment"))
      .filter((segment) => segment.count > 0);
  }

  async history(customerIds: readonly string[], months: number): Promise<Map<string, MonthlyJudgement[]>> {
    if (!Number.isInteger(months) || months < 0 || months > MAX_HISTORY_MONTHS) throw new RangeError(`months must be an integer from 0 to ${MAX_HISTORY_MONTHS}`);
    const found = new Map<string, MonthlyJudgement[]>(customerIds.map((id) => [id, []]));
    if (customerIds.length === 0 || months === 0) return found;
    // The window ends at the newest month any run judged, so a store not run this month still shows its months.
    const rows = await this.query<Record<string, unknown>>(
      `SELECT customer_id, to_char(month, 'YYYY-MM') AS month_text, to_char(as_of, 'YYYY-MM-DD') AS as_of_text,
              credit_score, credit_level, credit_list, value_tier, arpu_fen, revenue12m_fen,
              loyalty_score, loyalty_level, satisfaction_score, satisfaction_level
       FROM ${this.s}.customer_judgement_month
       WHERE customer_id = ANY($1::text[])
         AND month > (SELECT date_trunc('month', max(as_of)) - make_interval(months => $2::int) FROM ${this.s}.snapshot_run)
       ORDER BY customer_id, month DESC`,
      [[...new Set(customerIds)], months],
    );
    for (const raw of rows) {
      const { customerId, judgement } = parseStored(monthSchema, raw, `month row of customer ${String(raw.customer_id)}`);
      found.get(customerId)?.push(judgement);
    }
    return found;
  }

  async levelHistory(groupBy: readonly SegmentDimension[], filter: SnapshotFilter, scope: SnapshotScope, months: number): Promise<LevelMonth[]> {
    if (!Number.isInteger(months) || months < 1 || months > MAX_HISTORY_MONTHS) throw new RangeError(`months must be an integer from 1 to ${MAX_HISTORY_MONTHS}`);
    const p = new Params();
    const where = conditions(filter, scope, p);
    const keys = groupBy.map((d, i) => {
      const expression = SEGMENT_EXPRESSION[d];
      if (!expression) throw new RangeError(`unknown segment dimension "${String(d)}"`);
      return `, ${expression} AS k${i}`;
    });
    const window = p.add(months);
    const positions = groupBy.map((_, i) => String(i + 2));
    const rows = await this.query<Record<string, unknown>>(
      `SELECT to_char(m.month, 'YYYY-MM') AS month_text${groupBy.map((_, i) => `, c.k${i}`).join("")}, count(*) AS n,
              ${LEVEL_JUDGEMENTS.flatMap((j) => [...levelCounts(j), `count(m.${j}_level) AS ${j}_judged`, `avg(m.${j}_score) AS ${j}_average`]).join(", ")}
       FROM ${this.s}.customer_judgement_month m
       JOIN (SELECT customer_id${keys.join("")} FROM ${this.s}.customer_judgement WHERE ${where.join(" AND ") || "TRUE"}) c ON c.customer_id = m.customer_id
       WHERE m.month > (SELECT date_trunc('month', max(as_of)) - make_interval(months => ${window}::int) FROM ${this.s}.snapshot_run)
       GROUP BY ${["1", ...positions].join(", ")} ORDER BY ${["1", ...positions.map((n) => `${n} NULLS LAST`)].join(", ")}`,
      p.values,
    );
    return rows.map((r) => ({
      month: parseStored(monthTextSchema, r.month_text, "level history month"),
      key: groupBy.map((_, i) => parseStored(keySchema, r[`k${i}`] ?? null, "level history key")),
      customers: parseStored(countSchema, r.n, "level history count"),
      satisfaction: levelCountsOf(r, "satisfaction"),
      loyalty: levelCountsOf(r, "loyalty"),
    }));
  }

  async unfinishedRun(asOf: string, kind: SnapshotRunKind = "LATEST"): Promise<SnapshotRun | null> {
    return this.oneRun(`as_of = $1 AND kind = $2 AND finished_at IS NULL AND abandoned_at IS NULL`, [asOf, kind]);
  }

  async finishedRun(asOf: string, kind: SnapshotRunKind = "LATEST"): Promise<SnapshotRun | null> {
    return this.oneRun(`as_of = $1 AND kind = $2 AND finished_at IS NOT NULL`, [asOf, kind]);
  }

  private async oneRun(where: string, values: unknown[]): Promise<SnapshotRun | null> {
    const rows = await this.query(`SELECT ${RUN_COLUMNS} FROM ${this.s}.snapshot_run WHERE ${where} ORDER BY run_id DESC LIMIT 1`, values);
    return rows[0] ? parseStored(runSchema, rows[0], "run") : null;
  }

  async startRun(asOf: string, kind: SnapshotRunKind = "LATEST"): Promise<SnapshotRun> {
    const rows = await this.query(`INSERT INTO ${this.s}.snapshot_run (kind, as_of) VALUES ($1, $2) RETURNING ${RUN_COLUMNS}`, [kind, asOf]);
    return parseStored(runSchema, rows[0], "run");
  }

  async abandonRun(runId: number): Promise<void> {
    await this.query(`UPDATE ${this.s}.snapshot_run SET abandoned_at = now() WHERE run_id = $1 AND finished_at IS NULL`, [runId]);
  }

  async digests(customerIds: readonly string[], asOf: string): Promise<Map<string, string>> {
    if (customerIds.length === 0) return new Map();
    const rows = await this.query<{ customer_id: string; facts_digest: string }>(
      `SELECT customer_id, facts_digest FROM ${this.s}.customer_judgement WHERE customer_id = ANY($1::text[]) AND as_of = $2`,
      [[...customerIds], asOf],
    );
    return new Map(rows.map((r) => [r.customer_id, r.facts_digest]));
  }

  async writeBatch(runId: number, rows: readonly SnapshotRow[], progress: Omit<SnapshotRun, "runId" | "asOf" | "startedAt" | "finishedAt">): Promise<void> {
    const input = JSON.stringify(rows.map(toRecord));
    const values = [input, runId, progress.lastCustomerId, progress.read, progress.written, progress.unchanged, progress.failed];
    const updated = await this.query(WRITE_BATCH.replaceAll("{s}", this.s), values);
    if (updated.length !== 1) throw new Error(`snapshot run ${runId} is not open (finished, abandoned or unknown): batch not written`);
  }

  /**
   * Finishes the run, then vacuums and analyzes: after a first load the planner's statistics describe
   * empty tables (and walk the wrong index), and a fresh visibility map lets counts read indexes alone.
   */
  async finishRun(runId: number): Promise<void> {
    await this.query(`UPDATE ${this.s}.snapshot_run SET finished_at = now() WHERE run_id = $1 AND finished_at IS NULL`, [runId]);
    await this.query(`VACUUM (ANALYZE) ${this.s}.customer_judgement, ${this.s}.customer_judgement_month`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const countSchema = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number).refine(Number.isSafeInteger);
const monthTextSchema = z.string().regex(/^\d{4}-\d{2}$/);
const keySchema = z.string().nullable();
const averageSchema = z.number().nullable();

/** The month rows' level judgements levelHistory counts; their columns are <name>_level and <name>_score. */
const LEVEL_JUDGEMENTS = ["satisfaction", "loyalty"] as const;

/** One count per level, named <judgement>_<level>: the levels come from the fixed list, never from a caller. */
function levelCounts(judgement: (typeof LEVEL_JUDGEMENTS)[number]): string[] {
  return STORED_VALUES.level.map((level) => `count(*) FILTER (WHERE m.${judgement}_level = '${level}') AS ${judgement}_${level.toLowerCase()}`);
}

function levelCountsOf(r: Record<string, unknown>, judgement: (typeof LEVEL_JUDGEMENTS)[number]): LevelCounts {
  const levels = Object.fromEntries(STORED_VALUES.level.map((level) => [level, parseStored(countSchema, r[`${judgement}_${level.toLowerCase()}`], `level history ${judgement} count`)]));
  const average = parseStored(averageSchema, r[`${judgement}_average`], `level history ${judgement} average`);
  return {
    levels: levels as LevelCounts["levels"],
    judged: parseStored(countSchema, r[`${judgement}_judged`], `level history ${judgement} count`),
    averageScore: average === null ? null : Math.round(average * 100) / 100,
  };
}
const latestSchema = z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), computedAt: z.string().datetime({ offset: true }) });
const segmentSchema = z.object({
  key: z.array(z.string().nullable()),
  count: countSchema,
  revenue12mFen: countSchema,
  arrearsFen: countSchema,
}) satisfies z.ZodType<Segment, unknown>;

/** A row as the batch statement's jsonb_to_recordset reads it. */
function toRecord(r: SnapshotRow): Record<string, unknown> {
  return {
    customer_id: r.customerId,
    region_code: r.regionCode,
    kind: r.kind,
    industry_code: r.industryCode,
    education: r.education,
    product_codes: r.productCodes,
    relationship: r.relationship,
    value_tier: r.valueTier,
    credit_score: r.creditScore,
    credit_level: r.creditLevel,
    credit_list: r.creditList,
    black_list_status: r.blackListStatus,
    loyalty_score: r.loyaltyScore,
    loyalty_level: r.loyaltyLevel,
    satisfaction_score: r.satisfactionScore,
    satisfaction_level: r.satisfactionLevel,
    relationship_status: r.relationshipStatus,
    arrears_bucket: r.arrearsBucket,
    arrears_fen: r.arrearsFen,
    dunning_stage: r.dunningStage,
    potential_key_account: r.potentialKeyAccount,
    churn_risk_level: r.churnRiskLevel,
    abnormal_flags: r.abnormalFlags,
    revenue12m_fen: r.revenue12mFen,
    arpu_fen: r.arpuFen,
    arpa_fen: r.arpaFen,
    facts_digest: r.factsDigest,
    as_of: r.asOf,
    computed_at: r.computedAt,
  };
}
