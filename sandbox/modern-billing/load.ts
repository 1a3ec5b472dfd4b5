import pg from "pg";
import { modernBillingIndexes, modernBillingTables } from "../schema/modern-billing.js";

export interface LoadOptions {
  databaseUrl: string;
  /** The legacy billing schema read (schemaNames(prefix).billing). */
  from: string;
  /** The modern billing schema filled (modernBillingSchema(prefix)). */
  to: string;
  /** Rows loaded per statement of a big table, about; 250,000 when absent. */
  chunkRows?: number;
  /** Told of each table once it is loaded, and of a big one after each range of it (a big population takes minutes). */
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadProgress {
  table: string;
  /** Rows of the table loaded so far. */
  rows: number;
  /** Whether the table is loaded whole. */
  done: boolean;
  elapsedMs: number;
}

export interface LoadSummary {
  /** False when the store already held a load of this very legacy schema and was left alone. */
  loaded: boolean;
  rows: Record<string, number>;
}

const codes = (column: string, meanings: Record<string, string>) =>
  `CASE trim(${column}) ${Object.entries(meanings).map(([k, v]) => `WHEN '${k}' THEN '${v}'`).join(" ")} ELSE trim(${column}) END`;
const isoDate = (column: string) =>
  `CASE WHEN trim(${column}) ~ '^\\d{8}$' THEN substr(trim(${column}), 1, 4) || '-' || substr(trim(${column}), 5, 2) || '-' || substr(trim(${column}), 7, 2) ELSE ${column} END`;
const isoMonth = (column: string) =>
  `CASE WHEN trim(${column}) ~ '^\\d{6}$' THEN substr(trim(${column}), 1, 4) || '-' || substr(trim(${column}), 5, 2) ELSE ${column} END`;
const customerId = (column: string) => `CASE WHEN ${column} ~ '^\\d{4}-\\d{8}$' THEN replace(${column}, '-', '') ELSE ${column} END`;

/** The legacy code tables (sandbox/schema/billing.ts) and their modern spellings. */
const PRODUCT = { "10": "FIXED_LINE", "20": "MOBILE", "30": "BROADBAND", "40": "LEASED_LINE" };
const SERVICE_STATUS = { F0A: "ACTIVE", F0T: "BARRED", F0X: "REMOVED" };
const BARRING = { "0": "NONE", "1": "SINGLE", "2": "DOUBLE" };

/**
 * The initial load, as a migration's would be: one INSERT … SELECT per table from the legacy tables with the renames
 * and conversions, in one transaction. Legacy rows the legacy reads never reach (a bill of an account billing does
 * not hold) are left behind.
 */
function loadStatements(l: string, m: string): [table: string, sql: string][] {
  return [
    ["customers", `INSERT INTO ${m}.customers SELECT "CUST_ID", ${customerId(`"CUST_CODE"`)}, "CUST_NAME", "LATN_ID" FROM ${l}."CUST"`],
    [
      "accounts",
      `INSERT INTO ${m}.accounts SELECT a."ACCT_ID", a."ACCT_NBR", ${customerId(`c."CUST_CODE"`)}, a."ACCT_NAME",
         ${codes(`a."PAY_METHOD"`, { C: "CASH", B: "BANK_DEBIT", P: "PREPAID", A: "AGENT" })}, nullif(trim(a."BANK_ID"), ''),
         nullif(trim(a."BANK_ACCT"), ''), a."CREDIT_LIMIT", a."BALANCE", ${codes(`a."STATE"`, { A: "ACTIVE", X: "CLOSED" })}, ${isoDate(`a."CREATED_DATE"`)}
       FROM ${l}."ACCT" a LEFT JOIN ${l}."CUST" c ON c."CUST_ID" = a."CUST_ID"`,
    ],
    [
      "services",
      `INSERT INTO ${m}.services SELECT sv."SERV_ID", sv."ACC_NBR", ${customerId(`c."CUST_CODE"`)}, ${codes(`sv."PRODUCT_ID"::text`, PRODUCT)},
         ${codes(`sv."STATE"`, SERVICE_STATUS)}, ${codes(`sv."STOP_FLAG"`, BARRING)}, ${isoDate(`sv."COMPLETED_DATE"`)}
       FROM ${l}."SERV" sv LEFT JOIN ${l}."CUST" c ON c."CUST_ID" = sv."CUST_ID"`,
    ],
    [
      "account_services",
      `INSERT INTO ${m}.account_services SELECT sa."ACCT_ID", sa."SERV_ID", a."ACCT_NBR", sv."ACC_NBR", trim(sa."ITEM_GROUP"),
         ${codes(`sa."STATE"`, { A: "IN_FORCE", X: "ENDED" })}
       FROM ${l}."SERV_ACCT" sa LEFT JOIN ${l}."ACCT" a ON a."ACCT_ID" = sa."ACCT_ID" LEFT JOIN ${l}."SERV" sv ON sv."SERV_ID" = sa."SERV_ID"`,
    ],
    [
      "bills",
      `INSERT INTO ${m}.bills SELECT b."BILL_ID", a."ACCT_NBR", ${isoMonth(`b."BILLING_CYCLE_ID"`)}, b."BILL_AMOUNT",
         (SELECT sum(o."OWE_AMOUNT") FROM ${l}."ACCT_ITEM_OWE" o WHERE o."BILL_ID" = b."BILL_ID"), ${isoDate(`b."DUE_DATE"`)},
         ${codes(`b."STATE"`, { U: "UNPAID", A: "PARTLY_PAID", P: "PAID" })}
       FROM ${l}."BILL" b JOIN ${l}."ACCT" a ON a."ACCT_ID" = b."ACCT_ID"`,
    ],
    [
      "bill_items",
      `INSERT INTO ${m}.bill_items SELECT i."ACCT_ITEM_ID", i."BILL_ID",
         ${codes(`i."ACCT_ITEM_TYPE_ID"`, { BF: "BASIC_FEE", LC: "LOCAL_CALLS", LD: "LONG_DISTANCE", DT: "DATA", VA: "VALUE_ADDED", DS: "DISCOUNT" })},
         i."SERV_ID", sv."ACC_NBR", i."AMOUNT", i."OFFER_ID", trim(o."OFFER_CODE")
       FROM ${l}."ACCT_ITEM" i LEFT JOIN ${l}."SERV" sv ON sv."SERV_ID" = i."SERV_ID" LEFT JOIN ${l}."OFFER" o ON o."OFFER_ID" = i."OFFER_ID"`,
    ],
    [
      "collection_points",
      `INSERT INTO ${m}.collection_points SELECT trim("SITE_ID"), trim("SITE_NAME"),
         ${codes(`"SITE_TYPE"`, { H: "BUSINESS_HALL", A: "AGENT_POINT", B: "BANK_BRANCH" })}, trim("LATN_ID"), nullif(trim("BANK_ID"), '')
       FROM ${l}."COLLECT_SITE"`,
    ],
    [
      "payments",
      `INSERT INTO ${m}.payments SELECT p."PAYMENT_ID", a."ACCT_NBR", p."BILL_ID", p."AMOUNT", ${isoDate(`p."PAY_DATE"`)},
         ${codes(`p."PAY_CHANNEL"`, { H: "HALL", B: "BANK", W: "WEB", P: "PREPAID_DEDUCTION" })}, p."SITE_ID", p."OUT_SERIAL_NBR"
       FROM ${l}."PAYMENT" p JOIN ${l}."ACCT" a ON a."ACCT_ID" = p."ACCT_ID"`,
    ],
    [
      "settlements",
      `INSERT INTO ${m}.settlements SELECT "WRITE_OFF_ID", "BILL_ID", "AMOUNT", ${isoDate(`"WRITE_OFF_DATE"`)} FROM ${l}."WRITE_OFF"`,
    ],
    [
      "dunning_actions",
      `INSERT INTO ${m}.dunning_actions SELECT d."DUNNING_ID", a."ACCT_NBR", ${isoMonth(`d."BILLING_CYCLE_ID"`)},
         ${codes(`d."DUN_METHOD"`, { A: "AUTOMATIC", M: "MANUAL" })}, d."ATTEMPT_NO", ${isoDate(`d."DUN_DATE"`)},
         ${codes(`d."DUN_RESULT"`, { S: "REACHED", F: "FAILED" })}, d."OUT_SERIAL_NBR"
       FROM ${l}."DUNNING" d JOIN ${l}."ACCT" a ON a."ACCT_ID" = d."ACCT_ID"`,
    ],
    [
      "suspensions",
      `INSERT INTO ${m}.suspensions SELECT st."STOP_ID", sv."ACC_NBR", ${customerId(`c."CUST_CODE"`)},
         ${codes(`st."STOP_TYPE"`, { "1": "ARREARS_SINGLE", "2": "ARREARS_DOUBLE", "3": "ILLEGAL_USE", "4": "FACILITY_DAMAGE" })},
         ${isoDate(`st."STOP_DATE"`)}, CASE WHEN trim(st."RESUME_DATE") = '00000000' THEN NULL ELSE ${isoDate(`st."RESUME_DATE"`)} END
       FROM ${l}."SERV_STOP" st JOIN ${l}."SERV" sv ON sv."SERV_ID" = st."SERV_ID" LEFT JOIN ${l}."CUST" c ON c."CUST_ID" = sv."CUST_ID"`,
    ],
    [
      "credit_grades",
      `INSERT INTO ${m}.credit_grades SELECT g."GRADE_HIS_ID", ${customerId(`c."CUST_CODE"`)},
         CASE WHEN trim(g."CREDIT_GRADE") = '0' THEN NULL ELSE ${codes(`g."CREDIT_GRADE"`, { A: "VERY_HIGH", B: "HIGH", C: "MEDIUM", D: "LOW", E: "VERY_LOW" })} END,
         CASE WHEN trim(g."LIST_TYPE") = '0' THEN NULL ELSE ${codes(`g."LIST_TYPE"`, { R: "RED", G: "GREY", B: "BLACK" })} END,
         g."REASON", g."STAFF_CODE", ${isoDate(`g."SET_DATE"`)}, g."OUT_SERIAL_NBR"
       FROM ${l}."CREDIT_GRADE_HIS" g JOIN ${l}."CUST" c ON c."CUST_ID" = g."CUST_ID"`,
    ],
    [
      "usage_months",
      `INSERT INTO ${m}.usage_months SELECT u."SERV_ID", sv."ACC_NBR", ${isoMonth(`u."BILLING_CYCLE_ID"`)},
         ${codes(`u."CALL_CLASS"`, { LC: "LOCAL", LD: "LONG_DISTANCE", IN: "INTERNATIONAL", DT: "DATA", VA: "VALUE_ADDED" })},
         u."RECORDS", u."OUT_RECORDS", u."PEAK_RECORDS", u."DURATION", u."VOLUME_KB", u."FEE"
       FROM ${l}."SERV_USAGE_MONTH" u JOIN ${l}."SERV" sv ON sv."SERV_ID" = u."SERV_ID"`,
    ],
    ["local_networks", `INSERT INTO ${m}.local_networks SELECT trim("LATN_ID"), "LATN_NAME" FROM ${l}."LATN"`],
    ["offer_purposes", `INSERT INTO ${m}.offer_purposes SELECT trim("PURPOSE_CODE"), "PURPOSE_NAME" FROM ${l}."OFFER_PURPOSE"`],
    [
      "offers",
      `INSERT INTO ${m}.offers SELECT "OFFER_ID", trim("OFFER_CODE"), "OFFER_NAME", trim("PURPOSE_CODE"), ${codes(`"PRODUCT_ID"::text`, PRODUCT)},
         ${codes(`"METHOD"`, { P: "PERCENT_OFF", F: "FIXED_REDUCTION", M: "FREE_MINUTES" })}, "METHOD_VALUE", nullif("TERM_MONTHS", 0), "TARGET_DESC",
         ${isoDate(`"EFF_DATE"`)}, CASE WHEN trim("EXP_DATE") = '99991231' THEN NULL ELSE ${isoDate(`"EXP_DATE"`)} END
       FROM ${l}."OFFER"`,
    ],
    ["offer_regions", `INSERT INTO ${m}.offer_regions SELECT "OFFER_ID", trim("LATN_ID") FROM ${l}."OFFER_LATN"`],
  ];
}

/**
 * The legacy key each big table is loaded by, in ranges, so a large population's load tells how far it has come:
 * the legacy table and column holding the key, and the column as the table's statement names it.
 */
function loadKeys(l: string): Record<string, { from: string; column: string; as: string }> {
  const key = (table: string, column: string, alias: string) => ({ from: `${l}."${table}"`, column: `"${column}"`, as: `${alias}"${column}"` });
  return {
    customers: key("CUST", "CUST_ID", ""),
    accounts: key("ACCT", "ACCT_ID", "a."),
    services: key("SERV", "SERV_ID", "sv."),
    account_services: key("SERV_ACCT", "SERV_ID", "sa."),
    bills: key("BILL", "BILL_ID", "b."),
    bill_items: key("ACCT_ITEM", "BILL_ID", "i."),
    payments: key("PAYMENT", "PAYMENT_ID", "p."),
    settlements: key("WRITE_OFF", "WRITE_OFF_ID", ""),
    dunning_actions: key("DUNNING", "DUNNING_ID", "d."),
    suspensions: key("SERV_STOP", "STOP_ID", "st."),
    usage_months: key("SERV_USAGE_MONTH", "SERV_ID", "u."),
  };
}

const CHUNK_ROWS = 250_000;

/**
 * Loads one table: in one statement when it is small, else in ranges of its legacy key of about `chunkRows` rows each,
 * telling `onProgress` after each range. Every statement's SELECT ends with its FROM, so the range is its WHERE.
 */
async function loadTable(
  client: pg.Client,
  [table, sql]: [string, string],
  key: ReturnType<typeof loadKeys>[string] | undefined,
  { chunkRows = CHUNK_ROWS, onProgress }: Pick<LoadOptions, "chunkRows" | "onProgress">,
): Promise<number> {
  const started = Date.now();
  const span = key === undefined ? undefined : (await client.query<{ n: string; lo: string | null; hi: string | null }>(`SELECT count(*)::text AS n, min(${key.column})::text AS lo, max(${key.column})::text AS hi FROM ${key.from}`)).rows[0];
  const total = Number(span?.n ?? 0);
  if (key === undefined || span?.lo === null || span?.lo === undefined || span.hi === null || total <= chunkRows) {
    const rows = (await client.query(sql)).rowCount ?? 0;
    onProgress?.({ table, rows, done: true, elapsedMs: Date.now() - started });
    return rows;
  }
  const [lo, hi] = [BigInt(span.lo), BigInt(span.hi)];
  const step = (hi - lo + 1n) / BigInt(Math.ceil(total / chunkRows)) + 1n;
  let rows = 0;
  for (let from = lo; from <= hi; from += step) {
    rows += (await client.query(`${sql} WHERE ${key.as} >= $1 AND ${key.as} < $2`, [String(from), String(from + step)])).rowCount ?? 0;
    onProgress?.({ table, rows, done: from + step > hi, elapsedMs: Date.now() - started });
  }
  return rows;
}

const checked = (schema: string) => {
  if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  return `"${schema}"`;
};

/** The rows of the load of legacy schema `oid` this store holds, or null when it holds none. */
async function loadedFrom(client: pg.Client, m: string, oid: string): Promise<Record<string, number> | null> {
  const table = await client.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [`${m}.load_runs`]);
  if (table.rows[0]?.found !== true) return null;
  const done = await client.query<{ rows: Record<string, number> }>(`SELECT rows FROM ${m}.load_runs WHERE source_oid = $1 LIMIT 1`, [oid]);
  return done.rows[0]?.rows ?? null;
}

/**
 * Fills the modern billing store from the legacy billing tables, unless it already holds a load of the same legacy
 * schema (so starting again keeps the modern system's own writes). A legacy schema generated again is a new one:
 * the store is then dropped and loaded afresh.
 */
export async function loadModernBilling(options: LoadOptions): Promise<LoadSummary> {
  const l = checked(options.from);
  const m = checked(options.to);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const source = await client.query<{ oid: string | null }>(`SELECT to_regnamespace($1)::oid AS oid`, [options.from]);
    const oid = source.rows[0]?.oid;
    if (oid === null || oid === undefined) throw new Error(`modern billing load: legacy billing schema "${options.from}" does not exist`);
    const rows: Record<string, number> = {};
    await client.query("BEGIN");
    try {
      // Simulators starting together (test files, workers) load once: the second waits here, then finds the load done.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`modern billing load ${options.to}`]);
      const previous = await loadedFrom(client, m, oid);
      if (previous !== null) {
        await client.query("COMMIT");
        return { loaded: false, rows: previous };
      }
      await client.query(`DROP SCHEMA IF EXISTS ${m} CASCADE; CREATE SCHEMA ${m}`);
      await client.query(modernBillingTables(m));
      const keys = loadKeys(l);
      for (const statement of loadStatements(l, m)) rows[statement[0]] = await loadTable(client, statement, keys[statement[0]], options);
      await client.query(modernBillingIndexes(m));
      await client.query(`INSERT INTO ${m}.load_runs (source_schema, source_oid, rows) VALUES ($1, $2, $3)`, [options.from, oid, JSON.stringify(rows)]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    return { loaded: true, rows };
  } finally {
    await client.end();
  }
}
