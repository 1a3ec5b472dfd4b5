import { placeSelect } from "./place-rows.js";
import { LINK_STATE } from "./rows.js";

/**
 * The SELECTs that read each billing record, shared by the per-record reads and the one-statement billing
 * facts, so both hand the row parsers the same columns. `s` is the (checked) schema; callers append their
 * WHERE. Each also carries the keys (CUST_ID, ACCT_ID) a caller may filter or group by.
 */

export function accountSelect(s: string): string {
  return `SELECT a."ACCT_ID", a."CUST_ID", a."ACCT_NBR", c."CUST_CODE", a."ACCT_NAME", a."PAY_METHOD", a."BANK_ID", a."BANK_ACCT",
            a."CREDIT_LIMIT", a."BALANCE", a."STATE", a."CREATED_DATE"
          FROM ${s}."ACCT" a LEFT JOIN ${s}."CUST" c ON c."CUST_ID" = a."CUST_ID"`;
}

/** A payment with the collection point it names (COLLECT_SITE), whose code and channel paymentRow checks together. */
export function paymentSelect(s: string): string {
  return `SELECT p."PAYMENT_ID", a."ACCT_NBR", p."BILL_ID", p."AMOUNT", p."PAY_DATE", p."PAY_CHANNEL", ${placeSelect("p", "st")}
          FROM ${s}."PAYMENT" p LEFT JOIN ${s}."ACCT" a ON a."ACCT_ID" = p."ACCT_ID"
          LEFT JOIN ${s}."COLLECT_SITE" st ON st."SITE_ID" = p."SITE_ID"`;
}

/** SQL text literals of codes, e.g. `'A', 'X'`; the codes are our own constants, never input. */
const sqlCodes = (...codes: readonly string[]) => codes.map((c) => `'${c}'`).join(", ");

/** Links in force give the paying accounts; links with codes we do not know are collected to be rejected. */
export function serviceSelect(s: string): string {
  return `SELECT sv."SERV_ID", sv."CUST_ID", sv."ACC_NBR", c."CUST_CODE", sv."PRODUCT_ID", sv."STATE", sv."STOP_FLAG", sv."COMPLETED_DATE",
            COALESCE(l.nbrs, '{}') AS "ACCT_NBRS", COALESCE(l.bad_states, '{}') AS "BAD_LINK_STATES"
          FROM ${s}."SERV" sv
          LEFT JOIN ${s}."CUST" c ON c."CUST_ID" = sv."CUST_ID"
          LEFT JOIN LATERAL (
            SELECT array_agg(DISTINCT a."ACCT_NBR"::text) FILTER (WHERE trim(sa."STATE") = ${sqlCodes(LINK_STATE.inForce)}) AS nbrs,
                   array_agg(DISTINCT sa."STATE"::text) FILTER (WHERE trim(sa."STATE") NOT IN (${sqlCodes(...Object.values(LINK_STATE))})) AS bad_states
            FROM ${s}."SERV_ACCT" sa LEFT JOIN ${s}."ACCT" a ON a."ACCT_ID" = sa."ACCT_ID"
            WHERE sa."SERV_ID" = sv."SERV_ID"
          ) l ON true`;
}

export function suspensionSelect(s: string): string {
  return `SELECT st."STOP_ID", st."SERV_ID", sv."CUST_ID", sv."ACC_NBR", st."STOP_TYPE", st."STOP_DATE", st."RESUME_DATE"
          FROM ${s}."SERV" sv JOIN ${s}."SERV_STOP" st ON st."SERV_ID" = sv."SERV_ID"`;
}

export function dunningSelect(s: string): string {
  return `SELECT d."DUNNING_ID", a."CUST_ID", a."ACCT_NBR", d."BILLING_CYCLE_ID", d."DUN_METHOD", d."ATTEMPT_NO", d."DUN_DATE", d."DUN_RESULT"
          FROM ${s}."ACCT" a JOIN ${s}."DUNNING" d ON d."ACCT_ID" = a."ACCT_ID"`;
}

/**
 * Bills of the accounts `accounts` picks (a condition on ACCT a) that pass `recent` (a condition on
 * b."RECENCY" and o."OWED"), each with OWED, the arrears recorded for it (null when none). RECENCY is the rank of the bill's
 * cycle among its account's own cycles (1 = newest): "the last N months" counts from the account's newest bill,
 * not from a clock we would have to share with billing, and is ranked before any other filter applies.
 */
export function billSelect(s: string, accounts: string, recent: string): string {
  return `SELECT b."BILL_ID", b."ACCT_ID", b."CUST_ID", b."ACCT_NBR", b."BILLING_CYCLE_ID", b."BILL_AMOUNT", b."DUE_DATE", b."STATE",
            b."RECENCY", o."OWED"
          FROM (
            SELECT bl."BILL_ID", bl."ACCT_ID", a."CUST_ID", a."ACCT_NBR", bl."BILLING_CYCLE_ID", bl."BILL_AMOUNT", bl."DUE_DATE", bl."STATE",
                   dense_rank() OVER (PARTITION BY bl."ACCT_ID" ORDER BY bl."BILLING_CYCLE_ID" DESC) AS "RECENCY"
            FROM ${s}."ACCT" a JOIN ${s}."BILL" bl ON bl."ACCT_ID" = a."ACCT_ID"
            WHERE ${accounts}
          ) b
          LEFT JOIN LATERAL (
            SELECT sum(w."OWE_AMOUNT") AS "OWED" FROM ${s}."ACCT_ITEM_OWE" w WHERE w."BILL_ID" = b."BILL_ID"
          ) o ON true
          WHERE ${recent}`;
}

/**
 * Every link of an account to a service (SERV_ACCT, ended ones too, to be told apart by the reader) with
 * billing's record of the service; a link to a SERV row that does not exist comes with nulls.
 */
export function accountServiceSelect(s: string): string {
  return `SELECT sa."SERV_ID", sa."ACCT_ID", a."ACCT_NBR", sa."STATE" AS "LINK_STATE", sa."ITEM_GROUP",
            sv."ACC_NBR", sv."PRODUCT_ID", sv."STATE", sv."STOP_FLAG", sv."COMPLETED_DATE"
          FROM ${s}."ACCT" a JOIN ${s}."SERV_ACCT" sa ON sa."ACCT_ID" = a."ACCT_ID"
          LEFT JOIN ${s}."SERV" sv ON sv."SERV_ID" = sa."SERV_ID"`;
}

/**
 * The write-offs of bills, each with what its bill says was paid (its amount less the arrears recorded for it),
 * so that write-offs beyond it are caught as the billing facts catch them.
 */
export function writeOffSelect(s: string): string {
  return `SELECT w."WRITE_OFF_ID", w."BILL_ID", w."WRITE_OFF_DATE", w."AMOUNT", b."BILL_AMOUNT" - COALESCE(o."OWED", 0) AS "PAID"
          FROM ${s}."WRITE_OFF" w
          LEFT JOIN ${s}."BILL" b ON b."BILL_ID" = w."BILL_ID"
          LEFT JOIN LATERAL (SELECT sum(x."OWE_AMOUNT") AS "OWED" FROM ${s}."ACCT_ITEM_OWE" x WHERE x."BILL_ID" = w."BILL_ID") o ON true`;
}

/** Credit control's grades set by hand (CREDIT_GRADE_HIS), with the customer's code. */
export function creditGradeSelect(s: string): string {
  return `SELECT g."GRADE_HIS_ID", g."CUST_ID", c."CUST_CODE", g."CREDIT_GRADE", g."LIST_TYPE", g."REASON", g."STAFF_CODE", g."SET_DATE"
          FROM ${s}."CREDIT_GRADE_HIS" g LEFT JOIN ${s}."CUST" c ON c."CUST_ID" = g."CUST_ID"`;
}
