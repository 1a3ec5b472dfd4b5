import type { ModernBillingStore } from "./store.js";

type Row = Record<string, unknown>;

/** Months of fee composition: the last 12 cycles each account was billed for. */
const FEE_TREND_MONTHS = 12;
/** Item types in the order a bill lists them. */
const ITEM_ORDER = ["BASIC_FEE", "DISCOUNT", "DATA", "LOCAL_CALLS", "LONG_DISTANCE", "VALUE_ADDED"];

const USAGE = `u.service_no AS "serviceNo", u.month, u.call_class AS "callClass", u.records, u.outgoing, u.peak, u.seconds::text AS seconds,
  u.volume_kb::text AS "volumeKb", u.fee_fen::text AS "feeFen"`;

/** Each service's usage summaries, newest cycle first, then by call class. */
export function usageSummaries(store: ModernBillingStore, serviceNos: string[]): Promise<Row[]> {
  return store.query(`SELECT ${USAGE} FROM ${store.s}.usage_months u WHERE u.service_no = ANY($1) ORDER BY u.service_no, u.month DESC, u.call_class`, [serviceNos]);
}

/** Each account's bill items summed per cycle and item type over its last 12 cycles billed, newest first. */
export function feeTrends(store: ModernBillingStore, accountNos: string[]): Promise<Row[]> {
  const s = store.s;
  return store.query(
    `SELECT b.account_no AS "accountNo", b.month, i.type, sum(i.amount_fen)::text AS "amountFen"
     FROM (SELECT x.id, x.account_no, x.month, dense_rank() OVER (PARTITION BY x.account_no ORDER BY x.month DESC) AS recency
           FROM ${s}.bills x WHERE x.account_no = ANY($1)) b
     JOIN ${s}.bill_items i ON i.bill_id = b.id
     WHERE b.recency <= ${FEE_TREND_MONTHS}
     GROUP BY b.account_no, b.month, i.type
     ORDER BY b.account_no, b.month DESC, array_position($2::text[], i.type), i.type`,
    [accountNos, ITEM_ORDER],
  );
}

export interface RecordRequest {
  serviceNo: string;
  month: string;
  /** The position of the last record of the page before: its start, call class and sequence number. */
  after: { startedAt: string; callClass: string; seq: number } | null;
  first: number;
}

/**
 * A page of each request's detail records, newest first, one more than asked so the client knows another page follows;
 * each record carries the (1-based) number of its request.
 */
export function callRecords(store: ModernBillingStore, requests: RecordRequest[]): Promise<Row[]> {
  const s = store.s;
  return store.query(
    `SELECT q.k::int AS request, r.*
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) WITH ORDINALITY AS q(nbr, month, at, class, seq, lim, k)
     CROSS JOIN LATERAL (
       SELECT c.service_no AS "serviceNo", c.month, c.call_class AS "callClass", c.seq, c.started_at AS "startedAt", c.direction, c.peak,
              c.other_party AS "otherParty", c.seconds::text AS seconds, c.volume_kb::text AS "volumeKb", c.fee_fen::text AS "feeFen"
       FROM ${s}.call_records c
       WHERE c.service_no = q.nbr AND c.month = q.month AND (q.at IS NULL OR (c.started_at, c.call_class, c.seq) < (q.at, q.class, q.seq))
       ORDER BY c.started_at DESC, c.call_class DESC, c.seq DESC
       LIMIT q.lim + 1
     ) r
     ORDER BY q.k, r."startedAt" DESC, r."callClass" DESC, r.seq DESC`,
    [
      requests.map((r) => r.serviceNo),
      requests.map((r) => r.month),
      requests.map((r) => r.after?.startedAt ?? null),
      requests.map((r) => r.after?.callClass ?? null),
      requests.map((r) => r.after?.seq ?? null),
      requests.map((r) => r.first),
    ],
  );
}
