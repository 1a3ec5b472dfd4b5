import { AdapterError, isAdapterError } from "../kit/errors.js";
import { groupBy } from "../kit/group.js";
import { recordReader, type OrMalformed } from "../kit/parse.js";
import type { SqlSource } from "../kit/sql.js";
import { checkAccountNos, checkServiceNos } from "./ids.js";
import type { AccountNo, ServiceNo } from "./port.js";
import { MAX_USAGE_PAGE, usageRequestKey, type FeeLine, type UsageRecordPage, type UsageRecordRequest, type UsageSummary } from "./usage-port.js";
import { feeLineRow, usageRecordRow, usageSummaryRow } from "./usage-rows.js";

/** Usage reads over billing's SQL (SERV_USAGE_MONTH, CDR, ACCT_ITEM): one statement per batch. */

type Row = Record<string, unknown>;
const read = recordReader("billing");
/** Months of fee composition: the last 12 cycles each account was billed for. */
export const FEE_TREND_MONTHS = 12;
/** A cursor is the position of the last record served: start time, call class, sequence number. */
const CURSOR = /^(\d{14})(LC|LD|IN|DT|VA)(\d{6})$/;

export async function usageSummaries(source: SqlSource, serviceNos: readonly ServiceNo[]): Promise<Map<ServiceNo, OrMalformed<UsageSummary[]>>> {
  const ids = checkServiceNos(serviceNos);
  if (ids.length === 0) return new Map();
  const s = source.schema;
  const rows = await source.query<Row>(
    `SELECT sv."ACC_NBR", u."SERV_ID", u."BILLING_CYCLE_ID", u."CALL_CLASS", u."RECORDS", u."OUT_RECORDS", u."PEAK_RECORDS",
            u."DURATION", u."VOLUME_KB", u."FEE"
     FROM ${s}."SERV" sv JOIN ${s}."SERV_USAGE_MONTH" u ON u."SERV_ID" = sv."SERV_ID"
     WHERE sv."ACC_NBR" = ANY($1::text[])
     ORDER BY sv."ACC_NBR", u."BILLING_CYCLE_ID" DESC, u."CALL_CLASS"`,
    [ids],
  );
  return groupBy(
    ids,
    rows.map((row) => [row.ACC_NBR as string, read(usageSummaryRow, row, `SERV_USAGE_MONTH ${row.SERV_ID}/${row.BILLING_CYCLE_ID}/${row.CALL_CLASS}`)] as const),
  );
}

export async function feeTrends(source: SqlSource, accountNos: readonly AccountNo[]): Promise<Map<AccountNo, OrMalformed<FeeLine[]>>> {
  const ids = checkAccountNos(accountNos);
  if (ids.length === 0) return new Map();
  const s = source.schema;
  // Item types are summed per cycle as text, so that a type billing does not document still reaches the reader.
  const rows = await source.query<Row>(
    `SELECT b."ACCT_NBR", b."BILLING_CYCLE_ID", i."ACCT_ITEM_TYPE_ID", sum(i."AMOUNT") AS "AMOUNT"
     FROM (
       SELECT a."ACCT_NBR", bl."BILL_ID", bl."BILLING_CYCLE_ID",
              dense_rank() OVER (PARTITION BY bl."ACCT_ID" ORDER BY bl."BILLING_CYCLE_ID" DESC) AS "RECENCY"
       FROM ${s}."ACCT" a JOIN ${s}."BILL" bl ON bl."ACCT_ID" = a."ACCT_ID"
       WHERE a."ACCT_NBR" = ANY($1::text[])
     ) b JOIN ${s}."ACCT_ITEM" i ON i."BILL_ID" = b."BILL_ID"
     WHERE b."RECENCY" <= $2::int
     GROUP BY b."ACCT_NBR", b."BILLING_CYCLE_ID", i."ACCT_ITEM_TYPE_ID"
     ORDER BY b."ACCT_NBR", b."BILLING_CYCLE_ID" DESC, i."ACCT_ITEM_TYPE_ID"`,
    [ids, FEE_TREND_MONTHS],
  );
  return groupBy(
    ids,
    rows.map((row) => [row.ACCT_NBR as string, read(feeLineRow, row, `ACCT_ITEM of ${row.ACCT_NBR} ${row.BILLING_CYCLE_ID}/${row.ACCT_ITEM_TYPE_ID}`)] as const),
  );
}

/**
 * Checks a page request before any round trip: a bad one refuses the whole call, as a bad id does (callers that
 * batch requests check each first, so one bad request costs only its own field).
 */
export function checkRequest(r: UsageRecordRequest): { nbr: string; cycle: string; after: string | null; first: number } {
  checkServiceNos([r.serviceNo]);
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(r.month);
  if (!month) throw new AdapterError("BAD_USER_INPUT", "billing", `month must be YYYY-MM, got ${JSON.stringify(r.month)}`);
  if (!(Number.isSafeInteger(r.first) && r.first >= 1 && r.first <= MAX_USAGE_PAGE)) {
    throw new AdapterError("BAD_USER_INPUT", "billing", `first must be an integer from 1 to ${MAX_USAGE_PAGE}, got ${r.first}`);
  }
  let after: string | null = null;
  if (r.after !== null) {
    after = Buffer.from(r.after, "base64url").toString("latin1");
    if (!CURSOR.test(after)) throw new AdapterError("BAD_USER_INPUT", "billing", `not a cursor of these records: ${JSON.stringify(r.after)}`);
  }
  return { nbr: r.serviceNo, cycle: `${month[1]}${month[2]}`, after, first: r.first };
}

const positionOf = (row: Row) => `${row.START_TIME as string}${String(row.CALL_CLASS).trim()}${String(row.SEQ_NBR).padStart(6, "0")}`;

/**
 * One statement for all requests: each asks for the records of one service and cycle after its cursor, newest
 * first, one more than the page to know whether another follows. The CDR relation is read per service and cycle.
 */
export async function usageRecords(source: SqlSource, requests: readonly UsageRecordRequest[]): Promise<Map<string, OrMalformed<UsageRecordPage>>> {
  const checked = requests.map((r) => ({ key: usageRequestKey(r), ...checkRequest(r) }));
  const distinct = [...new Map(checked.map((c) => [c.key, c])).values()];
  if (distinct.length === 0) return new Map();
  const s = source.schema;
  const rows = await source.query<Row>(
    `SELECT q.k, sv."ACC_NBR", r.*
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS q(nbr, cycle, after, lim, k)
     JOIN ${s}."SERV" sv ON sv."ACC_NBR" = q.nbr
     CROSS JOIN LATERAL (
       SELECT c."SERV_ID", c."BILLING_CYCLE_ID", c."CALL_CLASS", c."SEQ_NBR", c."START_TIME", c."DIRECTION", c."PEAK_FLAG",
              c."OTHER_NBR", c."DURATION", c."VOLUME_KB", c."FEE"
       FROM ${s}."CDR" c
       WHERE c."SERV_ID" = sv."SERV_ID" AND c."BILLING_CYCLE_ID" = q.cycle
         AND (q.after IS NULL OR (c."START_TIME"::text, c."CALL_CLASS"::text, c."SEQ_NBR") < (substr(q.after, 1, 14), substr(q.after, 15, 2), substr(q.after, 17)::int))
       ORDER BY c."START_TIME" DESC, c."CALL_CLASS" DESC, c."SEQ_NBR" DESC
       LIMIT q.lim + 1
     ) r
     ORDER BY q.k, r."START_TIME" DESC, r."CALL_CLASS" DESC, r."SEQ_NBR" DESC`,
    [distinct.map((c) => c.nbr), distinct.map((c) => c.cycle), distinct.map((c) => c.after), distinct.map((c) => c.first)],
  );
  const byRequest = new Map<string, Row[]>(distinct.map((c) => [c.key, []]));
  for (const row of rows) byRequest.get((distinct[Number(row.k) - 1] as (typeof distinct)[number]).key)?.push(row);
  const pages = new Map<string, OrMalformed<UsageRecordPage>>();
  for (const c of distinct) {
    const found = byRequest.get(c.key) ?? [];
    const page = found.slice(0, c.first);
    const records = [];
    let failed: AdapterError | null = null;
    for (const row of page) {
      const record = read(usageRecordRow, row, `CDR ${row.SERV_ID}/${row.BILLING_CYCLE_ID}/${String(row.CALL_CLASS).trim()}/${row.SEQ_NBR}`);
      if (isAdapterError(record)) {
        failed = record;
        break;
      }
      records.push(record);
    }
    const last = page.at(-1);
    pages.set(c.key, failed ?? { records, nextCursor: found.length > c.first && last ? Buffer.from(positionOf(last), "latin1").toString("base64url") : null });
  }
  return pages;
}
