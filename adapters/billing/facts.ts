import { AdapterError } from "../kit/errors.js";
import { readWhole, recordParser, type OrMalformed } from "../kit/parse.js";
import { inKeys, jsonValues, namedValues } from "../kit/sql.js";
import { plainAccount, plainBillWithServices, plainCreditGrade, plainDunning, plainService, plainSuspension, plainWriteOff } from "./plain-rows.js";
import type { AccountBillingFacts, BillingFacts } from "./port.js";
import { accountRow, billWithServicesRow, creditGradeRow, dunningRow, LINK_STATE, serviceRow, suspensionRow, writeOffRow } from "./rows.js";
import { accountSelect, billSelect, creditGradeSelect, dunningSelect, serviceSelect, suspensionSelect } from "./selects.js";

/** The billing cycles of each account the facts carry, counted as `getBills(…, { lastMonths })` counts them. */
export const FACT_MONTHS = 12;

type Row = Record<string, unknown>;

const parse = recordParser("billing");

/**
 * The columns each record's parser reads (and the id its errors name), BIGINT and NUMERIC ones as text: read
 * as JavaScript numbers, ids beyond 2^53 would silently change.
 */
const RECORDS = {
  account: {
    columns: ["ACCT_ID", "ACCT_NBR", "CUST_CODE", "ACCT_NAME", "PAY_METHOD", "BANK_ID", "BANK_ACCT", "CREDIT_LIMIT", "BALANCE", "STATE", "CREATED_DATE"],
    asText: ["ACCT_ID", "CREDIT_LIMIT", "BALANCE"],
  },
  bill: {
    columns: ["BILL_ID", "ACCT_NBR", "BILLING_CYCLE_ID", "BILL_AMOUNT", "DUE_DATE", "STATE", "OWED", "SERV_NBRS", "WRITE_OFFS"],
    asText: ["BILL_ID", "BILL_AMOUNT", "OWED"],
  },
  writeOff: { columns: ["WRITE_OFF_ID", "WRITE_OFF_DATE", "AMOUNT"], asText: ["WRITE_OFF_ID", "AMOUNT"] },
  service: {
    columns: ["SERV_ID", "ACC_NBR", "CUST_CODE", "PRODUCT_ID", "STATE", "STOP_FLAG", "COMPLETED_DATE", "ACCT_NBRS", "BAD_LINK_STATES"],
    asText: ["SERV_ID"],
  },
  suspension: { columns: ["STOP_ID", "ACC_NBR", "STOP_TYPE", "STOP_DATE", "RESUME_DATE"], asText: ["STOP_ID"] },
  dunning: { columns: ["DUNNING_ID", "ACCT_NBR", "BILLING_CYCLE_ID", "DUN_METHOD", "ATTEMPT_NO", "DUN_DATE", "DUN_RESULT"], asText: ["DUNNING_ID"] },
  grade: { columns: ["GRADE_HIS_ID", "CREDIT_GRADE", "LIST_TYPE", "REASON", "STAFF_CODE", "SET_DATE"], asText: ["GRADE_HIS_ID"] },
} as const satisfies Record<string, { columns: readonly string[]; asText: readonly string[] }>;

type RecordKind = keyof typeof RECORDS;

const record = (alias: string, kind: RecordKind) => jsonValues(alias, RECORDS[kind].columns, RECORDS[kind].asText);

/** A list column's records as objects of their columns; a LEFT JOIN that found no record of a kind gives null. */
const recordsIn = (list: unknown, kind: RecordKind): Row[] =>
  list === null || list === undefined ? [] : (list as unknown[]).map((values) => namedValues(RECORDS[kind].columns, values));

/** Each owner's `rows` (a CTE carrying the owner's key column `by`) as one JSON array in the given order. */
const listOf = (rows: string, kind: RecordKind, order: string, by = "CUST_ID") =>
  `(SELECT x."${by}", json_agg(${record("x", kind)} ORDER BY ${order}) AS list FROM ${rows} x GROUP BY x."${by}")`;

const ORDER = {
  account: `x."ACCT_NBR"`,
  bill: `x."BILLING_CYCLE_ID" DESC, x."ACCT_NBR", x."BILL_ID" DESC`,
  service: `x."ACC_NBR"`,
  suspension: `x."STOP_DATE" DESC, x."ACC_NBR", x."STOP_ID" DESC`,
  dunning: `x."DUN_DATE", x."ACCT_NBR", x."BILLING_CYCLE_ID", x."ATTEMPT_NO", x."DUNNING_ID"`,
  grade: `x."SET_DATE" DESC, x."GRADE_HIS_ID" DESC`,
} as const;

/**
 * Which bills the facts carry, as a condition on billSelect's b and o (see billingFactsQuery): without an as-of
 * date, each account's newest $2 cycles; with one, the cycles from $2 to before $3 ('YYYYMM') and older bills
 * still owed on the as-of date $4 ('YYYYMMDD'): owed now, or settled by a write-off after that date.
 */
function billWindow(s: string, asOf: boolean): string {
  return asOf
    ? `b."BILLING_CYCLE_ID"::text < $3::text AND (b."BILLING_CYCLE_ID"::text >= $2::text OR o."OWED" IS NOT NULL
         OR EXISTS (SELECT 1 FROM ${s}."WRITE_OFF" w WHERE w."BILL_ID" = b."BILL_ID" AND w."WRITE_OFF_DATE"::text > $4::text))`
    : `(b."RECENCY" <= $2::int OR o."OWED" IS NOT NULL)`;
}

/** The CTEs `recent`, `charged`, `settled` and `bill`: the bills of the accounts `accounts` picks, each with its services and write-offs. */
function billsWithSettlements(s: string, accounts: string, asOf: boolean): string {
  return `-- Arrears do not expire with the window: older bills still owed stay in.
    recent AS (${billSelect(s, accounts, billWindow(s, asOf))}),
    -- Each item's service looked up by its key: joined as a set, SERV was read whole for every batch (measured).
    charged AS (
      SELECT i."BILL_ID", array_agg(DISTINCT sv."ACC_NBR"::text) AS "SERV_NBRS"
      FROM recent r JOIN ${s}."ACCT_ITEM" i ON i."BILL_ID" = r."BILL_ID"
      LEFT JOIN LATERAL (SELECT x."ACC_NBR" FROM ${s}."SERV" x WHERE x."SERV_ID" = i."SERV_ID") sv ON true
      GROUP BY i."BILL_ID"
    ),
    settled AS (
      SELECT w."BILL_ID", json_agg(${record("w", "writeOff")} ORDER BY w."WRITE_OFF_DATE", w."WRITE_OFF_ID") AS "WRITE_OFFS"
      FROM recent r JOIN ${s}."WRITE_OFF" w ON w."BILL_ID" = r."BILL_ID"
      GROUP BY w."BILL_ID"
    ),
    bill AS (
      SELECT b.*, COALESCE(i."SERV_NBRS", '{}') AS "SERV_NBRS", w."WRITE_OFFS"
      FROM recent b
      LEFT JOIN charged i ON i."BILL_ID" = b."BILL_ID"
      LEFT JOIN settled w ON w."BILL_ID" = b."BILL_ID"
    )`;
}

/**
 * One statement for the billing facts of the customers whose CUST_CODE is in $1: one row per customer billing
 * knows, each list a JSON array of records (each an array of the columns its parser reads) as the per-record
 * reads select them, so the same row parsers check them. Which bills, `asOf` says (FactsQuery, billWindow);
 * with an as-of date, only the credit grades set on or before it ($4).
 */
export function billingFactsQuery(s: string, { asOf }: { asOf: boolean }): string {
  const ofCustomers = `IN (SELECT "CUST_ID" FROM cust)`;
  return `WITH cust AS (SELECT "CUST_ID", "CUST_CODE" FROM ${s}."CUST" WHERE ${inKeys(`"CUST_CODE"`)}),
    acct AS (${accountSelect(s)} WHERE a."CUST_ID" ${ofCustomers}),
    serv AS (${serviceSelect(s)} WHERE sv."CUST_ID" ${ofCustomers}),
    stop AS (${suspensionSelect(s)} WHERE sv."CUST_ID" ${ofCustomers}),
    dun AS (${dunningSelect(s)} WHERE a."CUST_ID" ${ofCustomers}),
    grade AS (${creditGradeSelect(s)} WHERE g."CUST_ID" ${ofCustomers}${asOf ? ` AND g."SET_DATE"::text <= $4::text` : ""}),
    ${billsWithSettlements(s, `a."ACCT_ID" IN (SELECT "ACCT_ID" FROM acct)`, asOf)}
    SELECT c."CUST_CODE", a.list AS "ACCOUNTS", b.list AS "BILLS", v.list AS "SERVICES", st.list AS "SUSPENSIONS", d.list AS "DUNNING",
      g.list AS "GRADES"
    FROM cust c
    LEFT JOIN ${listOf("acct", "account", ORDER.account)} a ON a."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("bill", "bill", ORDER.bill)} b ON b."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("serv", "service", ORDER.service)} v ON v."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("stop", "suspension", ORDER.suspension)} st ON st."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("dun", "dunning", ORDER.dunning)} d ON d."CUST_ID" = c."CUST_ID"
    LEFT JOIN ${listOf("grade", "grade", ORDER.grade)} g ON g."CUST_ID" = c."CUST_ID"`;
}

/**
 * The same for the accounts whose ACCT_NBR is in $1, one row per account billing knows, every list grouped
 * by the account's number: the account, its bills, the services it pays for through links in force (a link
 * to a SERV row that does not exist gives a record of nulls, to be rejected) and their suspensions, its dunning.
 * The services and suspensions are looked up link by link and computed once (MATERIALIZED): as sets inlined in the
 * lists, the planner, which guesses one row for every CTE, read them again for every account and link of the batch
 * (measured on 100 accounts: 144 s, and 3.3 s materialized, against 0.1 s).
 */
export function accountFactsQuery(s: string, { asOf }: { asOf: boolean }): string {
  const ofAccounts = `IN (SELECT "ACCT_ID" FROM own)`;
  return `WITH own AS (SELECT "ACCT_ID", "ACCT_NBR" FROM ${s}."ACCT" WHERE ${inKeys(`"ACCT_NBR"`)}),
    link AS (
      SELECT DISTINCT o."ACCT_NBR", sa."SERV_ID" FROM own o JOIN ${s}."SERV_ACCT" sa ON sa."ACCT_ID" = o."ACCT_ID"
      WHERE trim(sa."STATE") = '${LINK_STATE.inForce}'
    ),
    acct AS (${accountSelect(s)} WHERE a."ACCT_ID" ${ofAccounts}),
    serv AS MATERIALIZED (
      SELECT lk."ACCT_NBR", lk."SERV_ID", x."ACC_NBR", x."CUST_CODE", x."PRODUCT_ID", x."STATE", x."STOP_FLAG", x."COMPLETED_DATE",
             x."ACCT_NBRS", x."BAD_LINK_STATES"
      FROM link lk LEFT JOIN LATERAL (${serviceSelect(s)} WHERE sv."SERV_ID" = lk."SERV_ID") x ON true
    ),
    stop AS MATERIALIZED (
      SELECT lk."ACCT_NBR", x.* FROM link lk JOIN LATERAL (${suspensionSelect(s)} WHERE st."SERV_ID" = lk."SERV_ID") x ON true
    ),
    dun AS (${dunningSelect(s)} WHERE a."ACCT_ID" ${ofAccounts}),
    ${billsWithSettlements(s, `a."ACCT_ID" ${ofAccounts}`, asOf)}
    SELECT o."ACCT_NBR", a.list AS "ACCOUNTS", b.list AS "BILLS", v.list AS "SERVICES", st.list AS "SUSPENSIONS", d.list AS "DUNNING"
    FROM own o
    LEFT JOIN ${listOf("acct", "account", ORDER.account, "ACCT_NBR")} a ON a."ACCT_NBR" = o."ACCT_NBR"
    LEFT JOIN ${listOf("bill", "bill", ORDER.bill, "ACCT_NBR")} b ON b."ACCT_NBR" = o."ACCT_NBR"
    LEFT JOIN ${listOf("serv", "service", ORDER.service, "ACCT_NBR")} v ON v."ACCT_NBR" = o."ACCT_NBR"
    LEFT JOIN ${listOf("stop", "suspension", ORDER.suspension, "ACCT_NBR")} st ON st."ACCT_NBR" = o."ACCT_NBR"
    LEFT JOIN ${listOf("dun", "dunning", ORDER.dunning, "ACCT_NBR")} d ON d."ACCT_NBR" = o."ACCT_NBR"`;
}

/**
 * One customer's row of `billingFactsQuery`, every record checked by the parser its own read uses. Facts
 * with a record that cannot be read are that record's error: judgements on the rest would be on half the facts.
 */
export function billingFactsOf(row: Row): OrMalformed<BillingFacts> {
  return readWhole(() => factsOf(row));
}

/** One account's row of `accountFactsQuery`, read as the customers' facts are; the account is the one asked. */
export function accountFactsOf(row: Row): OrMalformed<AccountBillingFacts> {
  return readWhole(() => {
    const [account] = recordsIn(row.ACCOUNTS, "account").map(readAccount);
    const facts = factsOf(row);
    if (account === undefined) throw new AdapterError("INTERNAL", "billing", `account ${String(row.ACCT_NBR)} has no ACCT record in its own facts`);
    return { accountNo: account.accountNo, customerId: account.customerId, ...facts };
  });
}

const readAccount = (raw: Row) => plainAccount(raw) ?? parse(accountRow, raw, `ACCT ${raw.ACCT_ID}`);

function factsOf(row: Row): BillingFacts {
  // Each record by hand first (plain-rows.ts); one that is not plainly valid is read by its schema, which names what is wrong.
  const accounts = recordsIn(row.ACCOUNTS, "account").map(readAccount);
  const bills = recordsIn(row.BILLS, "bill").map((raw) => {
    const bill = plainBillWithServices(raw) ?? parse(billWithServicesRow, raw, `BILL ${raw.BILL_ID}`);
    const settlements = recordsIn(raw.WRITE_OFFS, "writeOff").map((w) => plainWriteOff(w) ?? parse(writeOffRow, w, `WRITE_OFF ${w.WRITE_OFF_ID}`));
    const settled = settlements.reduce((sum, w) => sum + w.amountFen, 0);
    // Written off beyond what the bill has been paid (its amount less its arrears): one of the two records is wrong.
    if (settled > bill.paidFen) {
      const record = `BILL ${bill.billNo}`;
      throw new AdapterError("MALFORMED_RECORD", "billing", `malformed record ${record}: write-offs of ${settled} fen exceed the ${bill.paidFen} fen paid on it`, record);
    }
    return { ...bill, settlements };
  });
  const services = recordsIn(row.SERVICES, "service").map((raw) => plainService(raw) ?? parse(serviceRow, raw, `SERV ${raw.SERV_ID}`));
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
    suspensions: recordsIn(row.SUSPENSIONS, "suspension").map((raw) => plainSuspension(raw) ?? parse(suspensionRow, raw, `SERV_STOP ${raw.STOP_ID}`)),
    dunning: recordsIn(row.DUNNING, "dunning").map((raw) => plainDunning(raw) ?? parse(dunningRow, raw, `DUNNING ${raw.DUNNING_ID}`)),
    manualCredit: recordsIn(row.GRADES, "grade").map((raw) => plainCreditGrade(raw) ?? parse(creditGradeRow, raw, `CREDIT_GRADE_HIS ${raw.GRADE_HIS_ID}`)),
  };
}
