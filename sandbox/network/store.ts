import pg from "pg";

/** A line as the network management service puts it on the wire: its own names, codes as stored, epoch ms. */
export interface LineRecord {
  accNum: string;
  lineState: number;
  exchange: string;
  port: string;
  lastChange: number | null;
}

export interface AlarmRecord {
  alarmId: string;
  accNum: string;
  alarmCode: string;
  severity: number;
  raisedAt: number | null;
  clearedAt: number | null;
}

export interface TicketRecord {
  ticketNo: string;
  accNum: string;
  faultType: string;
  desc: string;
  state: number;
  openedAt: number | null;
  closedAt: number | null;
}

/** What the judgements need about one line, in the service's own names and codes. */
export interface ServiceFactsRecord {
  accNum: string;
  lineState: number;
  /** Tickets of any age, oldest first. */
  tickets: Pick<TicketRecord, "ticketNo" | "state" | "openedAt" | "closedAt">[];
  /** Alarms not yet cleared. */
  activeAlarms: number;
}

export interface NewTicket {
  accNum: string;
  faultType: string;
  desc: string;
  extRef: string;
}

export type OpenTicketResult =
  | { outcome: "created" | "replayed" | "conflict"; ticket: TicketRecord }
  | { outcome: "unknown-line" };

const TICKET_STATE_OPEN = 10;
const TICKET_STATE_CLOSED = 40;
const CHINA_OFFSET_MS = 8 * 3_600_000;

const TICKET_COLUMNS = "ticket_no, acc_num, fault_type, description, ticket_state, opened_at, closed_at, ext_ref";

interface TicketRow {
  ticket_no: string;
  acc_num: string;
  fault_type: string;
  description: string;
  ticket_state: number;
  opened_at: Date;
  closed_at: Date | null;
  ext_ref: string | null;
}

/** The network management system's private tables, read and written with plain SQL. */
export class NetworkStore {
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
    await this.pool.query(`SELECT 1 FROM ${this.s}.line LIMIT 1`);
  }

  async lines(accNums: readonly string[]): Promise<LineRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT acc_num, line_state, exchange_code, port_name, last_change FROM ${this.s}.line
        WHERE acc_num = ANY($1::text[]) ORDER BY acc_num`,
      [accNums],
    );
    return rows.map((row) => ({
      accNum: row.acc_num,
      lineState: row.line_state,
      exchange: row.exchange_code,
      port: row.port_name,
      lastChange: epochMs(row.last_change),
    }));
  }

  async alarms(accNums: readonly string[], activeOnly: boolean): Promise<AlarmRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT alarm_id, acc_num, alarm_code, severity, raised_at, cleared_at FROM ${this.s}.alarm
        WHERE acc_num = ANY($1::text[]) ${activeOnly ? "AND cleared_at IS NULL" : ""}
        ORDER BY acc_num, raised_at, alarm_id`,
      [accNums],
    );
    return rows.map((row) => ({
      alarmId: String(row.alarm_id),
      accNum: row.acc_num,
      alarmCode: row.alarm_code,
      severity: row.severity,
      raisedAt: epochMs(row.raised_at),
      clearedAt: epochMs(row.cleared_at),
    }));
  }

  async tickets(accNums: readonly string[], openOnly: boolean): Promise<TicketRecord[]> {
    const { rows } = await this.pool.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM ${this.s}.ticket
        WHERE acc_num = ANY($1::text[]) ${openOnly ? `AND ticket_state <> ${TICKET_STATE_CLOSED}` : ""}
        ORDER BY acc_num, opened_at, ticket_no`,
      [accNums],
    );
    return rows.map(ticketRecord);
  }

  /**
   * Facts for the access numbers that have a line; tickets or alarms filed against a number with no
   * line are not facts about any line the service knows, so they are left out with it.
   */
  async serviceFacts(accNums: readonly string[]): Promise<ServiceFactsRecord[]> {
    const [lines, tickets, alarmCounts] = await Promise.all([
      this.lines(accNums),
      this.tickets(accNums, false),
      this.activeAlarmCounts(accNums),
    ]);
    const ticketsOf = new Map<string, ServiceFactsRecord["tickets"]>();
    for (const { accNum, ticketNo, state, openedAt, closedAt } of tickets) {
      const list = ticketsOf.get(accNum) ?? [];
      list.push({ ticketNo, state, openedAt, closedAt });
      ticketsOf.set(accNum, list);
    }
    return lines.map((line) => ({
      accNum: line.accNum,
      lineState: line.lineState,
      tickets: ticketsOf.get(line.accNum) ?? [],
      activeAlarms: alarmCounts.get(line.accNum) ?? 0,
    }));
  }

  /**
   * Opens a ticket unless one was already opened under the same external reference. Concurrent requests
   * with one reference race on the unique index: the loser inserts nothing and finds the winner's row
   * on the next pass. A ticket number already taken (e.g. by imported history) just draws the next one.
   */
  async openTicket(ticket: NewTicket): Promise<OpenTicketResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.ticketByExtRef(ticket.extRef);
      if (existing) {
        const same = existing.acc_num === ticket.accNum && existing.fault_type === ticket.faultType && existing.description === ticket.desc;
        return { outcome: same ? "replayed" : "conflict", ticket: ticketRecord(existing) };
      }
      const { rows } = await this.pool.query<TicketRow>(
        `INSERT INTO ${this.s}.ticket (${TICKET_COLUMNS})
         SELECT $1 || lpad(nextval('${this.s}.seq_ticket')::text, 10, '0'), l.acc_num, $2, $3, ${TICKET_STATE_OPEN}, now(), NULL, $4
           FROM ${this.s}.line l WHERE l.acc_num = $5
         ON CONFLICT DO NOTHING
         RETURNING ${TICKET_COLUMNS}`,
        [`GZ${chinaDate(Date.now())}`, ticket.faultType, ticket.desc, ticket.extRef, ticket.accNum],
      );
      if (rows[0]) return { outcome: "created", ticket: ticketRecord(rows[0]) };
      if (!(await this.lineExists(ticket.accNum))) return { outcome: "unknown-line" };
    }
    throw new Error(`could not open a ticket for ext_ref ${ticket.extRef}`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async activeAlarmCounts(accNums: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ acc_num: string; n: number }>(
      `SELECT acc_num, count(*)::int AS n FROM ${this.s}.alarm
        WHERE acc_num = ANY($1::text[]) AND cleared_at IS NULL GROUP BY acc_num`,
      [accNums],
    );
    return new Map(rows.map((row) => [row.acc_num, row.n]));
  }

  private async ticketByExtRef(extRef: string): Promise<TicketRow | undefined> {
    const { rows } = await this.pool.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM ${this.s}.ticket WHERE ext_ref = $1`, [extRef]);
    return rows[0];
  }

  private async lineExists(accNum: string): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT 1 FROM ${this.s}.line WHERE acc_num = $1`, [accNum]);
    return rows.length > 0;
  }
}

function ticketRecord(row: TicketRow): TicketRecord {
  return {
    ticketNo: row.ticket_no,
    accNum: row.acc_num,
    faultType: row.fault_type,
    desc: row.description,
    state: row.ticket_state,
    openedAt: epochMs(row.opened_at),
    closedAt: epochMs(row.closed_at),
  };
}

/** pg gives Date for timestamps but ±Infinity for 'infinity'; JSON cannot carry those, so they go out as null. */
function epochMs(value: Date | number | null): number | null {
  if (value === null) return null;
  const ms = value instanceof Date ? value.getTime() : value;
  return Number.isFinite(ms) ? ms : null;
}

/** The carrier numbers tickets by its own (UTC+8) calendar day. */
function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll("-", "");
}
