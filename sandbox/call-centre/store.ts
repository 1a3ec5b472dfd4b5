import pg from "pg";

/** A call as the call centre keeps it: its own columns and codes, times as stored ('YYYYMMDDHHMMSS', local). */
export interface CallRow {
  call_seq: string;
  caller_no: string;
  cust_code: string;
  call_type: string;
  result_code: string;
  start_time: string;
  talk_secs: number;
  agent_no: string;
}

/** The columns of an export line, in the order the export writes them. */
export const CALL_COLUMNS = ["call_seq", "caller_no", "cust_code", "call_type", "result_code", "start_time", "talk_secs", "agent_no"] as const;

/** The call centre's private table, read with plain SQL. */
export class CallCentreStore {
  private readonly pool: pg.Pool;
  private readonly s: string;

  constructor(databaseUrl: string, schema: string) {
    if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
    this.s = `"${schema}"`;
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // A dropped idle connection must not take the simulator down; the next query reconnects.
    this.pool.on("error", () => {});
  }

  /** Fails fast at start-up when the schema has not been generated. */
  async check(): Promise<void> {
    await this.pool.query(`SELECT 1 FROM ${this.s}.cc_call LIMIT 1`);
  }

  /** Calls from any of `callerNos` (as spelled), identified as any of `custCodes`, or by serial, in the order they were taken. */
  async calls(callerNos: readonly string[], custCodes: readonly string[], serials: readonly string[] = []): Promise<CallRow[]> {
    const { rows } = await this.pool.query<CallRow>(
      `SELECT call_seq::text AS call_seq, caller_no, cust_code, call_type, result_code, start_time, talk_secs, agent_no
         FROM ${this.s}.cc_call
        WHERE caller_no = ANY($1::text[]) OR (cust_code <> '' AND cust_code = ANY($2::text[])) OR call_seq = ANY($3::bigint[])
        ORDER BY cc_call.call_seq`,
      [callerNos, custCodes, serials],
    );
    return rows;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
