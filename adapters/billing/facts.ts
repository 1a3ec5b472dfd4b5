import { readWhole, recordParser, type OrMalformed } from "../kit/parse.js";
import { jsonRecord, listIn } from "../kit/sql.js";
import type { BillingFacts } from "./port.js";
import { accountRow, billWithServicesRow, dunningRow, paymentRow, serviceRow, suspensionRow } from "./rows.js";
import { accountSelect, billSelect, dunningSelect, paymentSelect, serviceSelect, suspensionSelect } from "./selects.js";

/** The billing cycles of each account the facts carry, counted as `getBills(…, { lastMonths })` counts them. */
export const FACT_MONTHS = 12;

type Row = Record<string, unknown>;

const parse = recordParser("billing");

/** Each customer's `rows` (a CTE carrying CUST_ID) as one JSON array in the given order. */
const listOf = (rows: string, columns: readonly string[], order: string) =>
  `(SELECT x."CUST_ID", jsonb_agg(${jsonRecord("x", columns)} ORDER BY ${order}) AS list FROM ${rows} x GROUP BY x."CUST_ID")`;

/**
 * One statement for the billing facts of the customers whose CUST_CODE is in $1, $2 the number of cycles:
 * one row per customer billing knows, each list a JSON array of rows as the per-record reads select them, so
 * the same row parsers check them.
 */
export function billingFactsQuery(s: string): string {
  const ofCustomers = `IN (SELECT "CUST_ID" FROM cust)`;
  return `WITH cust AS (SELECT "CUST_ID", "CUST_CODE" FROM ${s}."CUST" WHERE "CUST_CODE" = ANY($1::text[])),
    acct AS (${accountSelect(s)} WHERE a."CUST_ID" ${ofCustomers}),
    serv AS (${serviceSelect(s)} WHERE sv."CUST_ID" ${ofCustomers}),
    stop AS (${suspensionSelect(s)} WHERE sv."CUST_ID" ${ofCustomers}),
    dun AS (${dunningSelect(s)} WHERE a."CUST_ID" ${ofCustomers}),
    -- PAYMENT is indexed by account, not by bill: reached through the customers' accounts.
    last_paid AS (
      SELECT DISTINCT ON (p."BILL_ID") p.*
      FROM (${paymentSelect(s)} WHERE p."ACCT_ID" IN (SELECT "ACCT_ID" FROM acct) AND p."BILL_ID" IS NOT NULL) p
      ORDER BY p."BILL_ID", p."PAY_DATE" DESC, p."PAYMENT_ID" DESC
    ),
    -- The last $2 cycles, and any older bill still owing: arrears do not expire with the window.
    recent AS (${billSelect(s, `a."ACCT_ID" IN (SELECT "ACCT_ID" FROM acct)`, `(b."RECENCY" <= $2::int OR o."OWED" IS NOT NULL)`)}),
    charged AS (
      SELECT i."BILL_ID", array_agg(DISTINCT sv."ACC_NBR"::text) AS "SERV_NBRS"
      FROM ${s}."ACCT_ITEM" i LEFT JOIN ${s}."SERV" sv ON sv."SERV_ID" = i."SERV_ID"
      WHERE i."BILL_ID" IN (SELECT "BILL_ID" FROM recent)
      GROUP BY i."BILL_ID"
    ),
    bill AS (
      SELECT b.*, COALESCE(i."SERV_NBRS", '{}') AS "SERV_NBRS", ${jsonRecord("p", ["PAYMENT_ID", "BILL_ID", "AMOUNT"])} AS "LAST_PAYMENT"
      FROM recent b
      LEFT JOIN charged i ON i."BILL_ID" = b."BILL_ID"
      LEFT JOIN last_paid p ON p."BILL_ID" = b."BILL_ID"
    )
    SELECT c."CUST_CODE", a.list AS "ACCOUNTS", b.list AS "BILLS", v.list AS "SERVICES", st.list AS "SUSPENSIONS", d.list AS "DUNNING"
    FROM cust c
    LEFT JOIN ${listOf("acct", ["ACCT_ID", "CREDIT_LIMIT", "BALANCE"], `x."ACCT_NBR"`)} a ON a."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("bill", ["BILL_ID", "BILL_AMOUNT", "OWED"], `x."BILLING_CYCLE_ID" DESC, x."ACCT_NBR", x."BILL_ID" DESC`)} b
      ON b."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("serv", ["SERV_ID"], `x."ACC_NBR"`)} v ON v."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("stop", ["STOP_ID"], `x."STOP_DATE" DESC, x."ACC_NBR", x."STOP_ID" DESC`)} st ON st."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("dun", ["DUNNING_ID"], `x."DUN_DATE", x."ACCT_NBR", x."BILLING_CYCLE_ID", x."ATTEMPT_NO", x."DUNNING_ID"`)} d
      ON d."CUST_ID" = c."CUST_ID"`;
}

/**
 * One customer's row of `billingFactsQuery`, every record checked by the parser its own read uses. Facts
 * with a record that cannot be read are that record's error: judgements on the rest would be on half the facts.
 */
export function billingFactsOf(row: Row): OrMalformed<BillingFacts> {
  return readWhole(() => factsOf(row));
}

function factsOf(row: Row): BillingFacts {
  const accounts = listIn(row.ACCOUNTS).map((raw) => parse(accountRow, raw, `ACCT ${raw.ACCT_ID}`));
  const bills = listIn(row.BILLS).map((raw) => {
    const bill = parse(billWithServicesRow, raw, `BILL ${raw.BILL_ID}`);
    const last = raw.LAST_PAYMENT as Row | null;
    const payment = last === null ? null : parse(paymentRow, last, `PAYMENT ${last.PAYMENT_ID}`);
    return { ...bill, lastPaidOn: payment?.paidOn ?? null };
  });
  const services = listIn(row.SERVICES).map((raw) => parse(serviceRow, raw, `SERV ${raw.SERV_ID}`));
  return {
    accounts: accounts.map(({ accountNo, paymentMethod, creditLimitFen, balanceFen, status }) => ({
      accountNo,
      paymentMethod,
      creditLimitFen,
      balanceFen,
      status,
    })),
    bills,
    services: services.map(({ serviceNo, product, status, barring, startedOn }) => ({ serviceNo, product, status, barring, startedOn })),
    suspensions: listIn(row.SUSPENSIONS).map((raw) => parse(suspensionRow, raw, `SERV_STOP ${raw.STOP_ID}`)),
    dunning: listIn(row.DUNNING).map((raw) => parse(dunningRow, raw, `DUNNING ${raw.DUNNING_ID}`)),
  };
}
