/**
 * The snapshot store's tables, in a schema of its own (never a legacy system's). Keys and codes are
 * COLLATE "C" so that keyset paging and region prefixes compare byte by byte, as JavaScript does,
 * whatever the database's locale. One statement text, run in one implicit transaction.
 */

/** The latest judgements per customer: the columns filters, orders and segments read. */
const LATEST = `
CREATE TABLE IF NOT EXISTS {s}.customer_judgement (
  customer_id text COLLATE "C" PRIMARY KEY,
  region_code text COLLATE "C" NOT NULL,
  province text COLLATE "C" GENERATED ALWAYS AS (left(region_code, 2)) STORED,
  kind text COLLATE "C" NOT NULL,
  industry_code text COLLATE "C",
  education text COLLATE "C",
  product_codes text[] NOT NULL,
  relationship text COLLATE "C",
  value_tier text COLLATE "C",
  credit_score float8,
  credit_level text COLLATE "C",
  credit_list text COLLATE "C",
  black_list_status text COLLATE "C",
  loyalty_score float8,
  loyalty_level text COLLATE "C",
  satisfaction_score float8,
  satisfaction_level text COLLATE "C",
  relationship_status text COLLATE "C",
  arrears_bucket text COLLATE "C",
  arrears_fen int8,
  dunning_stage text COLLATE "C",
  potential_key_account boolean,
  churn_risk_level text COLLATE "C",
  abnormal_flags text[] NOT NULL,
  revenue12m_fen int8,
  arpu_fen int8,
  arpa_fen int8,
  facts_digest text NOT NULL,
  as_of date NOT NULL,
  computed_at timestamptz NOT NULL
)`;

/** One row per customer and month: the judgements of the month's newest as-of date, for history. */
const MONTHLY = `
CREATE TABLE IF NOT EXISTS {s}.customer_judgement_month (
  customer_id text COLLATE "C" NOT NULL,
  month date NOT NULL,
  as_of date NOT NULL,
  credit_score float8,
  credit_level text COLLATE "C",
  credit_list text COLLATE "C",
  value_tier text COLLATE "C",
  arpu_fen int8,
  revenue12m_fen int8,
  loyalty_score float8,
  loyalty_level text COLLATE "C",
  satisfaction_score float8,
  satisfaction_level text COLLATE "C",
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, month)
)`;

/** The digest of a row that must be rewritten by the next run: never the digest of any facts. */
const STALE_DIGEST = "stale: written before black_list_status";

/**
 * Columns added after the tables were first made: a store written by an older version gains them, empty
 * (null) until the next run rewrites its rows; the scoring model is part of every row's facts digest, and the
 * model that added the scores and relationship status changed it, so that run rewrites every row. The black-list
 * status came without a model change: the rows it is not null for are given a digest no facts have (STALE_DIGEST).
 */
const ADDED_COLUMNS = [
  `ALTER TABLE {s}.customer_judgement ADD COLUMN IF NOT EXISTS loyalty_score float8`,
  `ALTER TABLE {s}.customer_judgement ADD COLUMN IF NOT EXISTS satisfaction_score float8`,
  `ALTER TABLE {s}.customer_judgement ADD COLUMN IF NOT EXISTS relationship_status text COLLATE "C"`,
  `ALTER TABLE {s}.customer_judgement ADD COLUMN IF NOT EXISTS black_list_status text COLLATE "C"`,
  // A black-listed row without its status was written before the column; every other row's status is null anyway.
  `UPDATE {s}.customer_judgement SET facts_digest = '${STALE_DIGEST}' WHERE credit_list = 'BLACK' AND black_list_status IS NULL AND facts_digest <> '${STALE_DIGEST}'`,
  ...["loyalty_score float8", "loyalty_level text", "satisfaction_score float8", "satisfaction_level text"].map(
    (column) => `ALTER TABLE {s}.customer_judgement_month ADD COLUMN IF NOT EXISTS ${column.replace(" text", ' text COLLATE "C"')}`,
  ),
];

/** Runs of the job; kind LATEST writes both tables, MONTH (a back-filled month end) only the month rows. */
const RUNS = `
CREATE TABLE IF NOT EXISTS {s}.snapshot_run (
  run_id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('LATEST', 'MONTH')),
  as_of date NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  abandoned_at timestamptz,
  last_customer_id text COLLATE "C",
  read int NOT NULL DEFAULT 0,
  written int NOT NULL DEFAULT 0,
  unchanged int NOT NULL DEFAULT 0,
  failed int NOT NULL DEFAULT 0
)`;

/**
 * Each order of SNAPSHOT_ORDER_FIELDS walks one (value, customer_id) index, forwards or backwards, and the
 * rows without a value their partial index; a caller's region is a range of the primary key; the region
 * filters have (province or region, customer_id) indexes; the equality filters combine as bitmaps; arrays
 * have GIN indexes.
 */
const INDEXED_COLUMNS = [
  "kind",
  "industry_code",
  "education",
  "value_tier",
  "credit_list",
  "black_list_status",
  "credit_level",
  "loyalty_level",
  "satisfaction_level",
  "relationship_status",
  "arrears_bucket",
  "dunning_stage",
  "potential_key_account",
  "churn_risk_level",
];
const ORDERED = ["credit_score", "revenue12m_fen", "arrears_fen", "arpu_fen"];
const INDEXES = [
  `CREATE INDEX IF NOT EXISTS cj_region ON {s}.customer_judgement (region_code, customer_id)`,
  `CREATE INDEX IF NOT EXISTS cj_province ON {s}.customer_judgement (province, customer_id)`,
  ...ORDERED.map((c) => `CREATE INDEX IF NOT EXISTS cj_order_${c} ON {s}.customer_judgement (${c}, customer_id)`),
  // Rows without a value are few; a page of them must walk them alone, not the whole table past them.
  ...ORDERED.map((c) => `CREATE INDEX IF NOT EXISTS cj_null_${c} ON {s}.customer_judgement (customer_id) WHERE ${c} IS NULL`),
  ...INDEXED_COLUMNS.map((c) => `CREATE INDEX IF NOT EXISTS cj_${c} ON {s}.customer_judgement (${c})`),
  `CREATE INDEX IF NOT EXISTS cj_products ON {s}.customer_judgement USING gin (product_codes)`,
  `CREATE INDEX IF NOT EXISTS cj_flags ON {s}.customer_judgement USING gin (abnormal_flags)`,
  `CREATE INDEX IF NOT EXISTS run_as_of ON {s}.snapshot_run (as_of, kind)`,
];

/** The whole DDL for one schema; an advisory lock keeps two processes starting at once from racing. */
export function snapshotDdl(schema: string): string {
  const quoted = `"${schema}"`;
  const statements = [`SELECT pg_advisory_xact_lock(hashtext('customer-graph snapshot ' || ${literal(schema)}))`, `CREATE SCHEMA IF NOT EXISTS ${quoted}`, LATEST, MONTHLY, RUNS, ...ADDED_COLUMNS, ...INDEXES];
  return statements.map((s) => s.replaceAll("{s}", quoted)).join(";\n");
}

/** Only for the schema name, already checked against [a-z0-9_]. */
function literal(text: string): string {
  return `'${text}'`;
}
