import type pg from "pg";
import { carrierToday, dayOf } from "../generate/dates.js";

/** What one write-off run did, for progress and log lines. Money in fen. */
export interface WriteOffCounts {
  /** Payments taken up (PAYMENT.STATE N → W), and their amount added to the accounts' balances. */
  paymentsTakenUp: number;
  takenUpFen: number;
  /** WRITE_OFF rows written, one per owed row a balance was applied to, and what they add up to. */
  writeOffs: number;
  settledFen: number;
  /** Bills with nothing left owed after this run (BILL.STATE P). */
  billsSettled: number;
  /** Accounts whose balance this run changed: a payment taken up, or a balance applied to bills. */
  accountsTouched: number;
}

export interface WriteOffOptions {
  /** Billing's PostgreSQL schema (schemaNames(prefix).billing). */
  schema: string;
  /** The run's date, YYYY-MM-DD, written to WRITE_OFF_DATE; the carrier's today (UTC+8) when absent. */
  date?: string | undefined;
}

/**
 * Billing's write-off run (销帐), as the real system runs it in batch: payments received since the last
 * run are taken up into their account's balance, then every account's balance is applied to what it
 * owes, oldest bill first. One transaction, set-based (a population may have a million customers): the
 * same statements for one account as for all. Two runs at once never settle the same money twice: the
 * second waits, then finds nothing left to do (on PostgreSQL for an advisory lock on the schema; the
 * embedded PGlite's one session serves one transaction at a time anyway).
 */
export async function runWriteOff(pool: pg.Pool, options: WriteOffOptions): Promise<WriteOffCounts> {
  if (!/^[a-z0-9_]{1,63}$/.test(options.schema)) throw new Error(`bad schema name "${options.schema}"`);
  const date = options.date ?? carrierToday();
  dayOf(date);
  const s = `"${options.schema}"`;
  // A transaction needs one connection for all its statements: on the embedded PGlite, that connection holds the session until COMMIT.
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const counts = await writeOff(client, s, date.replaceAll("-", ""));
    await client.query("COMMIT");
    client.release();
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    // A connection that failed mid-transaction is not trusted again.
    client.release(error instanceof Error ? error : true);
    throw MISSING_OBJECT.has((error as { code?: string }).code ?? "") ? olderSchema(options.schema, error as Error) : error;
  }
}

/** PostgreSQL's codes for an undefined table, column or schema. */
const MISSING_OBJECT = new Set(["42P01", "42703", "3F000"]);

/** Data generated before the write-off existed lacks its table and columns: say what to do about it. */
function olderSchema(schema: string, error: Error): Error {
  return new Error(`${error.message}: schema ${schema} has no billing data with the write-off's WRITE_OFF table and PAYMENT.STATE; generate it (again): npm run sandbox:generate`, { cause: error });
}

async function writeOff(client: pg.PoolClient, s: string, compactDate: string): Promise<WriteOffCounts> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${s}."WRITE_OFF"`]);

  // 1. Payments received since the last run go to their account's balance. One whose account billing does
  //    not know stays received (N), as money in suspense, rather than vanish into no balance.
  await client.query(`CREATE TEMP TABLE wo_taken ("ACCT_ID" BIGINT, payments BIGINT, amount BIGINT) ON COMMIT DROP`);
  await client.query(`
    WITH taken AS (
      UPDATE ${s}."PAYMENT" p SET "STATE" = 'W'
       WHERE p."STATE" = 'N' AND EXISTS (SELECT 1 FROM ${s}."ACCT" a WHERE a."ACCT_ID" = p."ACCT_ID")
      RETURNING p."ACCT_ID", p."AMOUNT"
    ), per_account AS (
      SELECT "ACCT_ID", count(*) AS payments, sum("AMOUNT") AS amount FROM taken GROUP BY "ACCT_ID"
    ), credited AS (
      UPDATE ${s}."ACCT" a SET "BALANCE" = a."BALANCE" + p.amount FROM per_account p WHERE a."ACCT_ID" = p."ACCT_ID"
    )
    INSERT INTO wo_taken SELECT "ACCT_ID", payments, amount FROM per_account`);

  // 2. Each balance is applied to its account's owed rows oldest first: a row gets what is left of the
  //    balance after the rows before it, up to what it owes. Owed rows have no key, so they are found again by ctid,
  //    locked here so that nothing moves them before they are written.
  await client.query(`
    CREATE TEMP TABLE wo_applied ON COMMIT DROP AS
    WITH payer AS (
      SELECT a."ACCT_ID", a."BALANCE" FROM ${s}."ACCT" a
       WHERE a."BALANCE" > 0 AND EXISTS (SELECT 1 FROM ${s}."ACCT_ITEM_OWE" o WHERE o."ACCT_ID" = a."ACCT_ID" AND o."OWE_AMOUNT" > 0)
      FOR UPDATE
    ), owe AS (
      SELECT o.ctid AS owe_row, o."OWE_ID", o."BILL_ID", o."ACCT_ID", o."BILLING_CYCLE_ID", o."OWE_AMOUNT"
        FROM ${s}."ACCT_ITEM_OWE" o
       WHERE o."OWE_AMOUNT" > 0 AND o."ACCT_ID" IN (SELECT "ACCT_ID" FROM payer)
      FOR UPDATE
    ), queued AS (
      SELECT owe.*, payer."BALANCE" AS balance,
             sum(owe."OWE_AMOUNT") OVER (PARTITION BY owe."ACCT_ID" ORDER BY owe."BILLING_CYCLE_ID", owe."BILL_ID", owe."OWE_ID"
                                        ROWS UNBOUNDED PRECEDING) - owe."OWE_AMOUNT" AS owed_before
        FROM owe JOIN payer ON payer."ACCT_ID" = owe."ACCT_ID"
    )
    SELECT owe_row, "OWE_ID", "BILL_ID", "ACCT_ID", "BILLING_CYCLE_ID", "OWE_AMOUNT" AS owed,
           least("OWE_AMOUNT", balance - owed_before)::BIGINT AS applied
      FROM queued WHERE owed_before < balance`);
  // A fresh temporary table has no statistics: told how few rows it usually holds, the planner finds their owed rows by key.
  await client.query(`ANALYZE wo_applied`);

  await client.query(
    `INSERT INTO ${s}."WRITE_OFF" ("WRITE_OFF_ID", "ACCT_ID", "BILL_ID", "AMOUNT", "WRITE_OFF_DATE")
     SELECT nextval('${s}."SEQ_WRITE_OFF_ID"'), "ACCT_ID", "BILL_ID", applied, $1
       FROM wo_applied ORDER BY "ACCT_ID", "BILLING_CYCLE_ID", "BILL_ID", "OWE_ID"`,
    [compactDate],
  );
  await client.query(`DELETE FROM ${s}."ACCT_ITEM_OWE" o USING wo_applied w WHERE o."ACCT_ID" = w."ACCT_ID" AND o.ctid = w.owe_row AND w.applied = w.owed`);
  await client.query(`UPDATE ${s}."ACCT_ITEM_OWE" o SET "OWE_AMOUNT" = o."OWE_AMOUNT" - w.applied FROM wo_applied w WHERE o."ACCT_ID" = w."ACCT_ID" AND o.ctid = w.owe_row AND w.applied < w.owed`);
  await client.query(`
    UPDATE ${s}."ACCT" a SET "BALANCE" = a."BALANCE" - w.applied
      FROM (SELECT "ACCT_ID", sum(applied) AS applied FROM wo_applied GROUP BY "ACCT_ID") w
     WHERE a."ACCT_ID" = w."ACCT_ID"`);
  const { rows } = await client.query<Record<keyof WriteOffCounts, string>>(`
    WITH billed AS (
      UPDATE ${s}."BILL" b SET "STATE" = CASE WHEN EXISTS (SELECT 1 FROM ${s}."ACCT_ITEM_OWE" o WHERE o."BILL_ID" = b."BILL_ID") THEN 'A' ELSE 'P' END
       WHERE b."BILL_ID" IN (SELECT "BILL_ID" FROM wo_applied)
      RETURNING b."STATE"
    )
    SELECT (SELECT coalesce(sum(payments), 0) FROM wo_taken) AS "paymentsTakenUp",
           (SELECT coalesce(sum(amount), 0) FROM wo_taken) AS "takenUpFen",
           (SELECT count(*) FROM wo_applied) AS "writeOffs",
           (SELECT coalesce(sum(applied), 0) FROM wo_applied) AS "settledFen",
           (SELECT count(*) FROM billed WHERE "STATE" = 'P') AS "billsSettled",
           (SELECT count(*) FROM (SELECT "ACCT_ID" FROM wo_taken UNION SELECT "ACCT_ID" FROM wo_applied) touched) AS "accountsTouched"`);
  const row = rows[0]!;
  return {
    paymentsTakenUp: Number(row.paymentsTakenUp),
    takenUpFen: Number(row.takenUpFen),
    writeOffs: Number(row.writeOffs),
    settledFen: Number(row.settledFen),
    billsSettled: Number(row.billsSettled),
    accountsTouched: Number(row.accountsTouched),
  };
}
