import pg from "pg";
import type { SourceSystem } from "./errors.js";
import type { SourceHealth } from "./policies/breaker.js";
import { defaultPolicyConfig, type SystemPolicyConfig } from "./policies/config.js";
import { systemPolicy, type CallOptions, type SystemPolicy } from "./policies/policy.js";
import type { RoundTripCounter } from "./round-trips.js";
import { sqlFailure } from "./sql-errors.js";
import { legacyCall } from "./telemetry.js";

export interface SqlSourceOptions {
  system: SourceSystem;
  connectionString: string;
  /** The legacy system's schema; identifiers are interpolated, so it is checked here. */
  schema: string;
  counter: RoundTripCounter;
  /** The system's policies; the shipped config/resilience.json's when absent. */
  resilience?: SystemPolicyConfig;
  /** Overrides the policies' per-attempt budget. */
  timeoutMs?: number;
  /** Connections; the bulkhead's maxConcurrent when absent. */
  poolSize?: number;
}

/**
 * `connectionString` with sessions that never JIT-compile. The legacy systems' batch statements (billing's
 * facts of 200 or 1,000 customers) are estimated expensive enough for PostgreSQL to JIT-compile them, which
 * costs seconds per statement and saves nothing on these plans (measured: 7.9 s of a 10.7 s statement, and
 * 0.7 s of a 1.6 s page of 200). Options already in the URL are kept; the embedded PGlite ignores this one.
 */
export function withoutJit(connectionString: string): string {
  const url = new URL(connectionString);
  const options = url.searchParams.get("options") ?? "";
  if (/(^|\s)-c\s*jit=off(\s|$)/.test(options)) return connectionString;
  url.searchParams.set("options", `${options} -c jit=off`.trim());
  return url.toString();
}

/**
 * A legacy system reached over SQL. Every query goes through the system's policies (bulkhead, breaker,
 * retry for reads, time budget capped by the request's deadline); each attempt is one counted round trip.
 * Its sessions run with `jit=off` (`withoutJit`).
 */
export class SqlSource {
  readonly system: SourceSystem;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly counter: RoundTripCounter;
  private readonly policy: SystemPolicy;

  constructor(options: SqlSourceOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`bad schema name "${options.schema}"`);
    this.system = options.system;
    this.schema = options.schema;
    this.counter = options.counter;
    const config = options.resilience ?? defaultPolicyConfig(options.system);
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    this.policy = systemPolicy(options.system, { ...config, timeoutMs });
    this.pool = new pg.Pool({
      connectionString: withoutJit(options.connectionString),
      // One connection per call the bulkhead lets through, so calls wait where the deadline bounds the wait.
      max: options.poolSize ?? config.bulkhead.maxConcurrent,
      connectionTimeoutMillis: timeoutMs,
    });
    // An idle client that dies (server restart) must not crash the process; the next query reconnects.
    this.pool.on("error", () => {});
  }

  /** A statement that changes data must say `{ write: true }`: it is then never retried. */
  async query<Row>(text: string, values: unknown[] = [], call: CallOptions = {}): Promise<Row[]> {
    return this.policy.execute(async ({ budgetMs }) => {
      this.counter.record(this.system);
      // The pool's query_timeout is fixed; pg also reads one per query, not in @types/pg's QueryConfig.
      const query: pg.QueryConfig & { query_timeout: number } = { text, values, query_timeout: budgetMs };
      return legacyCall(this.system, "sql", async () => {
        try {
          return (await this.pool.query(query)).rows as Row[];
        } catch (error) {
          throw sqlFailure(error, this.system);
        }
      });
    }, call);
  }

  health(): SourceHealth {
    return this.policy.health();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * SQL for the row `alias` as a JSON object, with its BIGINT and NUMERIC `columns` as decimal text, the
 * way pg hands them over outside JSON: read as JavaScript numbers, ids beyond 2^53 would silently change.
 * The columns are named rather than found with jsonb_each, which costs more than the rest of a statement.
 */
export function jsonRecord(alias: string, columns: readonly string[]): string {
  return `(to_jsonb(${alias}) || jsonb_build_object(${columns.map((c) => `'${c}', ${alias}."${c}"::text`).join(", ")}))`;
}

/**
 * SQL for the named `columns` of the row `alias` as a JSON array of their values in that order, those in
 * `asText` (BIGINT, NUMERIC) as decimal text as in `jsonRecord`. Built as json, not jsonb, and as arrays, not
 * objects: a batch's billing facts built as jsonb objects cost twice as much of the database's time (measured:
 * 570–920 ms against 310 ms for 1,000 customers), and without the column names in every record the text to
 * build, send and parse is a third shorter. The reader names the values again (`namedValues`).
 */
export function jsonValues(alias: string, columns: readonly string[], asText: readonly string[] = []): string {
  return `json_build_array(${columns.map((c) => `${alias}."${c}"${asText.includes(c) ? "::text" : ""}`).join(", ")})`;
}

/** A `jsonValues` array as the object of its columns. */
export function namedValues(columns: readonly string[], values: unknown): Record<string, unknown> {
  const list = values as unknown[];
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]!] = list[i];
  return row;
}

/**
 * SQL for `column` being one of the keys in the text array $1, also bounded by the least and greatest of
 * them. Redundant, but a batch of neighbouring keys (the snapshot's pages of customers) is then read as one
 * range of the column's index: a list of a thousand keys alone was read as a scan of the whole table, for
 * every batch (measured on 100,000 customers). The bounds are the database's own min and max, so they order
 * as the column does in any collation.
 */
export function inKeys(column: string): string {
  return `${column} = ANY($1::text[]) AND ${column} BETWEEN (SELECT min(k) FROM unnest($1::text[]) k) AND (SELECT max(k) FROM unnest($1::text[]) k)`;
}

/** The rows of a JSON array column; a LEFT JOIN that found no record of a kind gives null instead of an array. */
export function listIn(value: unknown): Record<string, unknown>[] {
  return value === null || value === undefined ? [] : (value as Record<string, unknown>[]);
}
