import { AdapterError } from "../kit/errors.js";
import { checkIdempotencyKey, type Written } from "../kit/idempotency.js";
import { recordParser } from "../kit/parse.js";
import { checkCustomerIds, customerIdOf, custCodeOf } from "./ids.js";
import { MAX_CREDIT_REASON, type CustomerId, type ManualCreditGrade, type NewCreditGrade } from "./port.js";
import { CREDIT_GRADE, LIST_TYPE, creditGradeRow } from "./rows.js";
import { creditGradeSelect } from "./selects.js";
import type { BillingWriter } from "./writes.js";

type Row = Record<string, unknown>;
type StoredGrade = ManualCreditGrade & { customerId: CustomerId };

const parse = recordParser("billing");
/** Keyed at the source (a unique index on OUT_SERIAL_NBR): a retry answers with the first record. */
const KEYED_WRITE = { write: true, idempotent: true } as const;
/** STAFF_CODE is VARCHAR(200), as long as a caller's subject may be. */
const MAX_SET_BY = 200;

const codeOf = <V>(table: Record<string, V>, value: V): string | undefined => Object.keys(table).find((code) => table[code] === value);

/**
 * Sets a customer's credit grade by hand in credit control's history (CREDIT_GRADE_HIS), dated today: the
 * newest row is the one in force, so setting is adding a row, and lifting the grade (level null) is a row too.
 */
export async function setCreditGrade({ source, today }: BillingWriter, grade: NewCreditGrade): Promise<Written<StoredGrade>> {
  const [customerId] = checkCustomerIds([grade.customerId]) as [string];
  const key = checkIdempotencyKey(grade.idempotencyKey, "billing");
  const gradeCode = codeOf(CREDIT_GRADE, grade.level);
  if (gradeCode === undefined) throw new AdapterError("BAD_USER_INPUT", "billing", `unknown credit level ${JSON.stringify(grade.level)}`);
  const listCode = codeOf(LIST_TYPE, grade.list);
  if (listCode === undefined) throw new AdapterError("BAD_USER_INPUT", "billing", `unknown credit list ${JSON.stringify(grade.list)}`);
  if (grade.level === null && grade.list !== null) {
    throw new AdapterError("BAD_USER_INPUT", "billing", "a list cannot be set while lifting the grade set by hand");
  }
  const reason = typeof grade.reason === "string" ? grade.reason.trim() : "";
  if (reason === "" || reason.length > MAX_CREDIT_REASON) {
    throw new AdapterError("BAD_USER_INPUT", "billing", `reason must be 1 to ${MAX_CREDIT_REASON} characters`);
  }
  const setBy = typeof grade.setBy === "string" ? grade.setBy.trim() : "";
  if (setBy === "" || setBy.length > MAX_SET_BY) throw new AdapterError("BAD_USER_INPUT", "billing", `setBy must be 1 to ${MAX_SET_BY} characters`);
  const s = source.schema;
  const custCode = custCodeOf(customerId);
  // One statement adds the row, or finds the one an earlier call stored under the same key.
  const rows = await source.query<Row>(
    `WITH cust AS (SELECT "CUST_ID" FROM ${s}."CUST" WHERE "CUST_CODE" = $1),
     fresh AS (
       INSERT INTO ${s}."CREDIT_GRADE_HIS" ("GRADE_HIS_ID", "CUST_ID", "CREDIT_GRADE", "LIST_TYPE", "REASON", "STAFF_CODE", "SET_DATE", "OUT_SERIAL_NBR")
       SELECT nextval('${s}."SEQ_GRADE_HIS_ID"'), "CUST_ID", $2, $3, $4, $5, $6, $7 FROM cust
       ON CONFLICT ("OUT_SERIAL_NBR") DO NOTHING
       RETURNING "GRADE_HIS_ID", "CUST_ID", "CREDIT_GRADE", "LIST_TYPE", "REASON", "STAFF_CODE", "SET_DATE"
     )
     SELECT f."GRADE_HIS_ID", f."CUST_ID", c."CUST_CODE", f."CREDIT_GRADE", f."LIST_TYPE", f."REASON", f."STAFF_CODE", f."SET_DATE", false AS "REPLAYED"
     FROM fresh f LEFT JOIN ${s}."CUST" c ON c."CUST_ID" = f."CUST_ID"
     UNION ALL
     SELECT g.*, true AS "REPLAYED" FROM (${creditGradeSelect(s)} WHERE g."OUT_SERIAL_NBR" = $7) g`,
    [custCode, gradeCode, listCode, reason, setBy, today().replaceAll("-", ""), key],
    KEYED_WRITE,
  );
  const stored = rows[0] ?? (await readBack(source, custCode, key));
  const recorded = parse(creditGradeRow, stored, `CREDIT_GRADE_HIS ${stored.GRADE_HIS_ID}`);
  const owner = typeof stored.CUST_CODE === "string" ? customerIdOf(stored.CUST_CODE) : null;
  if (owner !== customerId || recorded.level !== grade.level || recorded.list !== grade.list || recorded.reason !== reason || recorded.setBy !== setBy) {
    throw new AdapterError("CONFLICT", "billing", `idempotency key ${key} was already used for credit grade ${String(stored.GRADE_HIS_ID)} of customer ${owner ?? "?"}`);
  }
  return { record: { ...recorded, customerId }, replayed: stored.REPLAYED === true };
}

/**
 * The row stored under the key when the write's own statement returned nothing: a concurrent call with the
 * same key committed after that statement's snapshot (its insert then did nothing), or the customer is unknown.
 */
async function readBack(source: BillingWriter["source"], custCode: string, key: string): Promise<Row> {
  const [found] = await source.query<Row>(
    `SELECT EXISTS (SELECT 1 FROM ${source.schema}."CUST" WHERE "CUST_CODE" = $1) AS "CUSTOMER_FOUND", r.*, true AS "REPLAYED"
     FROM (SELECT 1) one LEFT JOIN (${creditGradeSelect(source.schema)} WHERE g."OUT_SERIAL_NBR" = $2) r ON true`,
    [custCode, key],
  );
  if (found?.GRADE_HIS_ID !== null && found?.GRADE_HIS_ID !== undefined) return found;
  if (found?.CUSTOMER_FOUND === false) throw new AdapterError("BAD_USER_INPUT", "billing", `no customer ${custCode} in billing`);
  throw new AdapterError("SOURCE_UNAVAILABLE", "billing", `credit grade ${key} was neither recorded nor found`);
}
