import { randomBytes } from "node:crypto";
import type pg from "pg";
import { billingIndexes, billingTables } from "../schema/billing.js";

/**
 * For tests only: an empty billing schema of its own, filled row by row with what a test needs (accounts,
 * bills with what is owed on them, payments), and read back table by table.
 */
export interface TestLedger {
  /** The schema's name, unquoted. */
  readonly schema: string;
  account(acctId: number, options?: { balance?: number; payMethod?: string }): Promise<void>;
  /** A bill and, when something is owed on it, its ACCT_ITEM_OWE row (OWE_ID = BILL_ID). */
  bill(acctId: number, billId: number, cycle: string, amount: number, owed?: number): Promise<void>;
  payment(acctId: number, amount: number, state?: "N" | "W"): Promise<void>;
  /** Every row of a table, ordered by its first column, numbers as numbers. */
  rows(table: "ACCT" | "BILL" | "ACCT_ITEM_OWE" | "PAYMENT" | "WRITE_OFF"): Promise<Record<string, string | number | null>[]>;
  drop(): Promise<void>;
}

/** The BIGINT columns of the tables a ledger reads, which pg hands over as strings. */
const BIGINT_COLUMN = /^(?!BILLING_CYCLE_ID$).*_ID$|AMOUNT$|^BALANCE$|^CREDIT_LIMIT$/;

export async function createTestLedger(pool: pg.Pool, prefix = "wo_test"): Promise<TestLedger> {
  const schema = `${prefix}_${randomBytes(4).toString("hex")}`;
  const s = `"${schema}"`;
  await pool.query(`CREATE SCHEMA ${s}; ${billingTables(s)} ${billingIndexes(s)}`);
  let paymentId = 0;
  return {
    schema,
    async account(acctId, { balance = 0, payMethod = "C" } = {}) {
      await pool.query(`INSERT INTO ${s}."ACCT" VALUES ($1, $2, $1, 'test account', $3, '', '', 0, $4, 'A', '20260101')`, [acctId, `88${String(acctId).padStart(12, "0")}`, payMethod, balance]);
    },
    async bill(acctId, billId, cycle, amount, owed = amount) {
      await pool.query(`INSERT INTO ${s}."BILL" VALUES ($1, $2, $3, $4, $5, $6)`, [billId, acctId, cycle, amount, `${cycle}20`, owed === 0 ? "P" : owed < amount ? "A" : "U"]);
      if (owed > 0) await pool.query(`INSERT INTO ${s}."ACCT_ITEM_OWE" VALUES ($1, $1, $2, $3, $4)`, [billId, acctId, cycle, owed]);
    },
    async payment(acctId, amount, state = "N") {
      paymentId++;
      await pool.query(`INSERT INTO ${s}."PAYMENT" VALUES ($1, $2, NULL, $3, '20261115', 'H', NULL, $4)`, [paymentId, acctId, amount, state]);
    },
    async rows(table) {
      const { rows } = await pool.query<Record<string, string | null>>(`SELECT * FROM ${s}."${table}" ORDER BY 1`);
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value !== null && BIGINT_COLUMN.test(column) ? Number(value) : value])));
    },
    async drop() {
      await pool.query(`DROP SCHEMA ${s} CASCADE`);
    },
  };
}
