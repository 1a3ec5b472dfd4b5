import pg from "pg";
import { AdapterError, type SourceSystem } from "./errors.js";
import type { RoundTripCounter } from "./round-trips.js";
import { DEFAULT_TIMEOUT_MS } from "./timeout.js";

export interface SqlSourceOptions {
  system: SourceSystem;
  connectionString: string;
  /** The legacy system's schema; identifiers are interpolated, so it is checked here. */
  schema: string;
  counter: RoundTripCounter;
  timeoutMs?: number;
  poolSize?: number;
}

/** A legacy system reached over SQL: every query is one counted round trip with a time budget. */
export class SqlSource {
  readonly system: SourceSystem;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly counter: RoundTripCounter;

  constructor(options: SqlSourceOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`bad schema name "${options.schema}"`);
    this.system = options.system;
    this.schema = options.schema;
    this.counter = options.counter;
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 4,
      query_timeout: timeout,
      connectionTimeoutMillis: timeout,
    });
    // An idle client that dies (server restart) must not crash the process; the next query reconnects.
    this.pool.on("error", () => {});
  }

  async query<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
    this.counter.record(this.system);
    try {
      const result = await this.pool.query(text, values);
      return result.rows as Row[];
    } catch (error) {
      throw this.toAdapterError(error);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private toAdapterError(error: unknown): AdapterError {
    const message = error instanceof Error ? error.message : String(error);
    const code = /timeout/i.test(message) ? "SOURCE_TIMEOUT" : "SOURCE_UNAVAILABLE";
    return new AdapterError(code, this.system, `query failed: ${message}`, undefined, { cause: error });
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

/** The rows of a JSON array column; a LEFT JOIN that found no record of a kind gives null instead of an array. */
export function listIn(value: unknown): Record<string, unknown>[] {
  return value === null || value === undefined ? [] : (value as Record<string, unknown>[]);
}
