import pg from "pg";
import { ACCOUNT, BILL, DUNNING, GRADE, PAYMENT, service, SUSPENSION } from "./columns.js";

type Row = Record<string, unknown>;

/** The ISO month "YYYY-MM" `back` months before the month of an ISO date. */
export function monthBefore(isoDate: string, back: number): string {
  const month = Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1 - back;
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}

export interface BillFilter {
  unpaidOnly: boolean;
  lastMonths: number | null;
  asOf: string | null;
}

/** The modern billing service's store, read and written with plain SQL over its clean tables. */
export class ModernBillingStore {
  readonly pool: pg.Pool;
  readonly s: string;

  constructor(databaseUrl: string, schema: string) {
    if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
    this.s = `"${schema}"`;
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // A dropped idle connection must not take the service down; the next query reconnects.
    this.pool.on("error", () => {});
  }

  async check(): Promise<void> {
    await this.pool.query(`SELECT 1 FROM ${this.s}.load_runs LIMIT 1`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async query(text: string, values: unknown[]): Promise<Row[]> {
    return (await this.pool.query(text, values)).rows as Row[];
  }

  accounts(accountNos: string[]): Promise<Row[]> {
    return this.query(`SELECT ${ACCOUNT} FROM ${this.s}.accounts a WHERE a.account_no = ANY($1) ORDER BY a.account_no`, [accountNos]);
  }

  accountsOfCustomers(customerIds: string[]): Promise<Row[]> {
    return this.query(`SELECT ${ACCOUNT} FROM ${this.s}.accounts a WHERE a.customer_id = ANY($1) ORDER BY a.account_no`, [customerIds]);
  }

  /**
   * Bills newest cycle first. Without an as-of date, `lastMonths` counts the account's own newest cycles; with one,
   * only cycles before its month, and `lastMonths` counts back from it. Unpaid keeps every bill not plainly settled.
   */
  bills(accountNos: string[], filter: BillFilter): Promise<Row[]> {
    const values: unknown[] = [accountNos, filter.lastMonths, filter.asOf === null ? null : monthBefore(filter.asOf, 0)];
    values.push(filter.asOf === null || filter.lastMonths === null ? null : monthBefore(filter.asOf, filter.lastMonths));
    return this.query(
      `SELECT ${BILL} FROM (SELECT x.*, dense_rank() OVER (PARTITION BY x.account_no ORDER BY x.month DESC) AS recency
         FROM ${this.s}.bills x WHERE x.account_no = ANY($1)) b
       WHERE CASE WHEN $3::text IS NULL THEN ($2::int IS NULL OR b.recency <= $2::int)
                  ELSE b.month < $3::text AND ($4::text IS NULL OR b.month >= $4::text) END
         AND (NOT $5::boolean OR b.status <> 'PAID' OR COALESCE(b.owed_fen, 0) <> 0)
       ORDER BY b.account_no, b.month DESC, b.id DESC`,
      [...values, filter.unpaidOnly],
    );
  }

  billItems(billNos: string[]): Promise<Row[]> {
    return this.query(
      `SELECT i.id::text AS "itemId", i.bill_id::text AS "billNo", i.type, i.service_no AS "serviceNo", i.amount_fen::text AS "amountFen",
         i.offer_id IS NOT NULL AS "fromOffer", i.offer_code AS "offerCode"
       FROM ${this.s}.bill_items i WHERE i.bill_id = ANY($1::bigint[]) ORDER BY i.bill_id, i.id`,
      [billNos],
    );
  }

  payments(accountNos: string[], since: string | null): Promise<Row[]> {
    return this.query(
      `SELECT ${PAYMENT} FROM ${this.s}.payments p LEFT JOIN ${this.s}.collection_points cp ON cp.code = p.place_code
       WHERE p.account_no = ANY($1) AND ($2::text IS NULL OR p.paid_on >= $2)
       ORDER BY p.account_no, p.paid_on DESC, p.id DESC`,
      [accountNos, since],
    );
  }

  dunning(accountNos: string[]): Promise<Row[]> {
    return this.query(
      `SELECT ${DUNNING} FROM ${this.s}.dunning_actions d WHERE d.account_no = ANY($1)
       ORDER BY d.account_no, d.date, d.month, d.attempt, d.id`,
      [accountNos],
    );
  }

  services(serviceNos: string[]): Promise<Row[]> {
    return this.query(`SELECT ${service(this.s)} FROM ${this.s}.services s WHERE s.service_no = ANY($1) ORDER BY s.service_no`, [serviceNos]);
  }

  servicesOfCustomers(customerIds: string[]): Promise<Row[]> {
    return this.query(`SELECT ${service(this.s)} FROM ${this.s}.services s WHERE s.customer_id = ANY($1) ORDER BY s.service_no`, [customerIds]);
  }

  /** Every link of the accounts (ended ones too) with the service it links, by service number, group and service key. */
  accountServices(accountNos: string[]): Promise<Row[]> {
    return this.query(
      `SELECT l.account_no AS "accountNo", l.service_no AS "serviceNo", l.item_group AS "itemGroup", l.link_status AS "linkStatus",
         s.product, s.status, s.barring, s.started_on AS "startedOn"
       FROM ${this.s}.account_services l LEFT JOIN ${this.s}.services s ON s.id = l.service_id
       WHERE l.account_no = ANY($1) ORDER BY l.account_no, l.service_no, l.item_group, l.service_id`,
      [accountNos],
    );
  }

  suspensions(serviceNos: string[]): Promise<Row[]> {
    return this.query(
      `SELECT ${SUSPENSION} FROM ${this.s}.suspensions x WHERE x.service_no = ANY($1) ORDER BY x.service_no, x.from_date DESC, x.id DESC`,
      [serviceNos],
    );
  }

  suspensionsOfCustomers(customerIds: string[]): Promise<Row[]> {
    return this.query(
      `SELECT x.customer_id AS "customerId", ${SUSPENSION} FROM ${this.s}.suspensions x WHERE x.customer_id = ANY($1)
       ORDER BY x.customer_id, x.from_date DESC, x.service_no, x.id DESC`,
      [customerIds],
    );
  }

  /** Settlements of the bills, each with what its bill says was paid (null when there is no such bill). */
  settlements(billNos: string[]): Promise<Row[]> {
    return this.query(
      `SELECT w.id::text AS "settlementId", w.bill_id::text AS "billNo", w.settled_on AS "on", w.amount_fen::text AS "amountFen",
         (b.amount_fen - COALESCE(b.owed_fen, 0))::text AS "billPaidFen"
       FROM ${this.s}.settlements w LEFT JOIN ${this.s}.bills b ON b.id = w.bill_id
       WHERE w.bill_id = ANY($1::bigint[]) ORDER BY w.bill_id, w.settled_on, w.id`,
      [billNos],
    );
  }

  creditGrades(customerIds: string[]): Promise<Row[]> {
    return this.query(
      `SELECT ${GRADE} FROM ${this.s}.credit_grades g WHERE g.customer_id = ANY($1) ORDER BY g.customer_id, g.set_on DESC, g.id DESC`,
      [customerIds],
    );
  }

  /**
   * Records a payment dated `on`, unless one is stored under the key already (then that one, replayed). Refuses an
   * unknown account, and a collection point that is not of the account's local network or of a kind in `kinds`.
   */
  async recordPayment(p: NewPaymentRecord): Promise<WriteOutcome> {
    const [earlier] = await this.query(
      `SELECT ${PAYMENT} FROM ${this.s}.payments p LEFT JOIN ${this.s}.collection_points cp ON cp.code = p.place_code WHERE p.idempotency_key = $1`,
      [p.idempotencyKey],
    );
    if (earlier !== undefined) return { outcome: "replayed", record: earlier };
    const [account] = await this.query(
      `SELECT c.local_network FROM ${this.s}.accounts a LEFT JOIN ${this.s}.customers c ON c.customer_id = a.customer_id WHERE a.account_no = $1`,
      [p.accountNo],
    );
    if (account === undefined) return { outcome: "refused", status: 404, message: `no account ${p.accountNo}` };
    if (p.placeCode !== null) {
      const [point] = await this.query(`SELECT kind, local_network FROM ${this.s}.collection_points WHERE code = $1`, [p.placeCode]);
      if (point === undefined) return { outcome: "refused", status: 422, message: `no collection point ${p.placeCode}` };
      if (!p.placeKinds.includes(String(point.kind))) {
        return { outcome: "refused", status: 422, message: `collection point ${p.placeCode} is of kind ${String(point.kind)}; a ${p.channel} payment is taken at a ${p.placeKinds.join(" or ")}` };
      }
      if (point.local_network !== account.local_network) {
        return { outcome: "refused", status: 422, message: `collection point ${p.placeCode} belongs to local network ${String(point.local_network)}, account ${p.accountNo} to ${String(account.local_network ?? "none")}` };
      }
    }
    const fresh = await this.query(
      `INSERT INTO ${this.s}.payments (id, account_no, bill_id, amount_fen, paid_on, channel, place_code, idempotency_key)
       VALUES (nextval('${this.s}.payment_ids'), $1, NULL, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [p.accountNo, p.amountFen, p.on, p.channel, p.placeCode, p.idempotencyKey],
    );
    const [stored] = await this.query(
      `SELECT ${PAYMENT} FROM ${this.s}.payments p LEFT JOIN ${this.s}.collection_points cp ON cp.code = p.place_code WHERE p.idempotency_key = $1`,
      [p.idempotencyKey],
    );
    return { outcome: fresh.length > 0 ? "created" : "replayed", record: stored ?? {} };
  }

  /** Records a dunning contact on a month the account still owes, dated `on`, as the month's next attempt. */
  async recordDunning(d: NewDunningRecord): Promise<WriteOutcome> {
    const [account] = await this.query(
      `SELECT EXISTS (SELECT 1 FROM ${this.s}.bills b WHERE b.account_no = a.account_no AND b.month = $2 AND b.owed_fen > 0) AS owing
       FROM ${this.s}.accounts a WHERE a.account_no = $1`,
      [d.accountNo, d.month],
    );
    const [earlier] = await this.query(`SELECT ${DUNNING} FROM ${this.s}.dunning_actions d WHERE d.idempotency_key = $1`, [d.idempotencyKey]);
    if (earlier !== undefined) return { outcome: "replayed", record: earlier };
    if (account === undefined) return { outcome: "refused", status: 404, message: `no account ${d.accountNo}` };
    if (account.owing !== true) return { outcome: "refused", status: 422, message: `account ${d.accountNo} owes nothing for ${d.month}` };
    const fresh = await this.query(
      `INSERT INTO ${this.s}.dunning_actions (id, account_no, month, method, attempt, date, result, idempotency_key)
       SELECT nextval('${this.s}.dunning_ids'), $1, $2, $3,
         (SELECT coalesce(max(x.attempt), 0) + 1 FROM ${this.s}.dunning_actions x WHERE x.account_no = $1 AND x.month = $2), $4, $5, $6
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [d.accountNo, d.month, d.method, d.on, d.result, d.idempotencyKey],
    );
    const [stored] = await this.query(`SELECT ${DUNNING} FROM ${this.s}.dunning_actions d WHERE d.idempotency_key = $1`, [d.idempotencyKey]);
    return { outcome: fresh.length > 0 ? "created" : "replayed", record: stored ?? {} };
  }

  /** Adds a credit grade set by hand for a customer, dated `on` (level null lifts the one set before). */
  async setCreditGrade(g: NewGradeRecord): Promise<WriteOutcome> {
    const [earlier] = await this.query(`SELECT ${GRADE} FROM ${this.s}.credit_grades g WHERE g.idempotency_key = $1`, [g.idempotencyKey]);
    if (earlier !== undefined) return { outcome: "replayed", record: earlier };
    const [customer] = await this.query(`SELECT 1 FROM ${this.s}.customers WHERE customer_id = $1`, [g.customerId]);
    if (customer === undefined) return { outcome: "refused", status: 404, message: `no customer ${g.customerId}` };
    const fresh = await this.query(
      `INSERT INTO ${this.s}.credit_grades (id, customer_id, level, list, reason, set_by, set_on, idempotency_key)
       VALUES (nextval('${this.s}.credit_grade_ids'), $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [g.customerId, g.level, g.list, g.reason, g.setBy, g.on, g.idempotencyKey],
    );
    const [stored] = await this.query(`SELECT ${GRADE} FROM ${this.s}.credit_grades g WHERE g.idempotency_key = $1`, [g.idempotencyKey]);
    return { outcome: fresh.length > 0 ? "created" : "replayed", record: stored ?? {} };
  }
}

export type WriteOutcome = { outcome: "created" | "replayed"; record: Row } | { outcome: "refused"; status: number; message: string };

export interface NewPaymentRecord {
  accountNo: string;
  amountFen: number;
  channel: string;
  placeCode: string | null;
  /** The kinds of collection point the channel takes money at. */
  placeKinds: string[];
  on: string;
  idempotencyKey: string;
}

export interface NewDunningRecord {
  accountNo: string;
  month: string;
  method: string;
  result: string;
  on: string;
  idempotencyKey: string;
}

export interface NewGradeRecord {
  customerId: string;
  level: string | null;
  list: string | null;
  reason: string;
  setBy: string;
  on: string;
  idempotencyKey: string;
}
