/**
 * One batch of the job as one statement ({s} is the quoted schema): the rows, their month rows and the
 * run's position commit together or not at all, so a killed job loses at most the batch in flight.
 * $1 the rows as a JSON array, $2 the run, $3–$7 its position and counts. Nothing is written unless the
 * run is still open; the statement then returns no row. A MONTH run writes month rows only. The rows are read
 * with json_to_recordset, straight from the text into their columns, not through a jsonb document first.
 */
const COLUMNS: [string, string][] = [
  ["customer_id", "text"],
  ["region_code", "text"],
  ["kind", "text"],
  ["industry_code", "text"],
  ["education", "text"],
  ["product_codes", "text[]"],
  ["relationship", "text"],
  ["value_tier", "text"],
  ["credit_score", "float8"],
  ["credit_level", "text"],
  ["credit_list", "text"],
  ["black_list_status", "text"],
  ["loyalty_score", "float8"],
  ["loyalty_level", "text"],
  ["satisfaction_score", "float8"],
  ["satisfaction_level", "text"],
  ["relationship_status", "text"],
  ["arrears_bucket", "text"],
  ["arrears_fen", "int8"],
  ["dunning_stage", "text"],
  ["potential_key_account", "boolean"],
  ["churn_risk_level", "text"],
  ["abnormal_flags", "text[]"],
  ["revenue12m_fen", "int8"],
  ["arpu_fen", "int8"],
  ["arpa_fen", "int8"],
  ["facts_digest", "text"],
  ["as_of", "date"],
  ["computed_at", "timestamptz"],
];
const NAMES = COLUMNS.map(([name]) => name);
const MONTH_COLUMNS = [
  "credit_score",
  "credit_level",
  "credit_list",
  "value_tier",
  "arpu_fen",
  "revenue12m_fen",
  "loyalty_score",
  "loyalty_level",
  "satisfaction_score",
  "satisfaction_level",
  "computed_at",
];

const set = (names: readonly string[]) => names.map((n) => `${n} = EXCLUDED.${n}`).join(", ");

export const WRITE_BATCH = `
WITH run AS (
  SELECT kind FROM {s}.snapshot_run WHERE run_id = $2 AND finished_at IS NULL AND abandoned_at IS NULL FOR UPDATE
), input AS (
  SELECT * FROM json_to_recordset($1::json) AS r(${COLUMNS.map(([n, t]) => `${n} ${t}`).join(", ")})
  WHERE EXISTS (SELECT 1 FROM run)
), latest AS (
  INSERT INTO {s}.customer_judgement (${NAMES.join(", ")})
  SELECT ${NAMES.join(", ")} FROM input WHERE (SELECT kind FROM run) = 'LATEST'
  ON CONFLICT (customer_id) DO UPDATE SET ${set(NAMES.slice(1))}
  RETURNING 1
), monthly AS (
  INSERT INTO {s}.customer_judgement_month (customer_id, month, as_of, ${MONTH_COLUMNS.join(", ")})
  SELECT customer_id, date_trunc('month', as_of)::date, as_of, ${MONTH_COLUMNS.join(", ")} FROM input
  ON CONFLICT (customer_id, month) DO UPDATE SET ${set(["as_of", ...MONTH_COLUMNS])}
  WHERE {s}.customer_judgement_month.as_of <= EXCLUDED.as_of
  RETURNING 1
)
UPDATE {s}.snapshot_run SET last_customer_id = $3, read = $4, written = $5, unchanged = $6, failed = $7
WHERE run_id = $2 AND run_id IN (SELECT $2::int FROM run)
RETURNING run_id`;
