import type { ModernBillingStore } from "./store.js";

type Row = Record<string, unknown>;

/** Each offer with its purpose's name (null when the purpose is not in the code table) and its regions with their names. */
function offerSelect(s: string): string {
  return `SELECT o.id::text AS "offerId", o.code, o.name, o.purpose_code AS "purposeCode", p.name AS "purposeName", o.product, o.method,
            o.value::text AS value, o.term_months AS "termMonths", o.target, o.valid_from AS "validFrom", o.valid_to AS "validTo",
            COALESCE(r.codes, '{}') AS "regionCodes", COALESCE(r.names, '{}') AS "regionNames"
          FROM ${s}.offers o
          LEFT JOIN ${s}.offer_purposes p ON p.code = o.purpose_code
          LEFT JOIN LATERAL (
            SELECT array_agg(x.local_network ORDER BY x.local_network) AS codes, array_agg(n.name ORDER BY x.local_network) AS names
            FROM ${s}.offer_regions x LEFT JOIN ${s}.local_networks n ON n.code = x.local_network WHERE x.offer_id = o.id
          ) r ON true`;
}

export function offersByCode(store: ModernBillingStore, codes: string[]): Promise<Row[]> {
  return store.query(`${offerSelect(store.s)} WHERE o.code = ANY($1) ORDER BY o.code`, [codes]);
}

export interface OfferSearch {
  from: string | null;
  to: string | null;
  regionCode: string | null;
  afterCode: string | null;
  pageSize: number;
}

/** A page of the offers valid on some day of the range and applying in the region, in code order, with one more to tell a next page. */
export function searchOffers(store: ModernBillingStore, q: OfferSearch): Promise<Row[]> {
  const s = store.s;
  return store.query(
    `${offerSelect(s)}
     WHERE ($1::text IS NULL OR o.valid_to IS NULL OR o.valid_to >= $1::text) AND ($2::text IS NULL OR o.valid_from <= $2::text)
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM ${s}.offer_regions x WHERE x.offer_id = o.id AND x.local_network LIKE $3::text || '%'))
       AND ($4::text IS NULL OR o.code > $4::text)
     ORDER BY o.code LIMIT $5::int + 1`,
    [q.from, q.to, q.regionCode, q.afterCode, q.pageSize],
  );
}

/** The offers valid on the date in each customer's local network, in code order, each with the customer it answers. */
export function offersInForce(store: ModernBillingStore, customerIds: string[], on: string): Promise<Row[]> {
  const s = store.s;
  return store.query(
    `SELECT c.customer_id AS "customerId", x.* FROM ${s}.customers c
     JOIN ${s}.offer_regions r ON r.local_network = c.local_network
     JOIN (${offerSelect(s)}) x ON x."offerId" = r.offer_id::text
     WHERE c.customer_id = ANY($1) AND x."validFrom" <= $2 AND (x."validTo" IS NULL OR x."validTo" >= $2)
     ORDER BY c.customer_id, x.code`,
    [customerIds, on],
  );
}

export interface EffectQuery {
  offerCodes: string[];
  fromMonth: string;
  toMonth: string;
  customerIdPrefix: string | null;
  customerIds: string[] | null;
}

/**
 * Each offer's discount items on the bills of the customers and cycles asked, added up per cycle (month set) and over
 * all of them (month null; zeros when none). `clean` is false when an item naming the offer is no discount.
 */
export function offerEffects(store: ModernBillingStore, q: EffectQuery): Promise<Row[]> {
  const s = store.s;
  return store.query(
    `SELECT o.code AS "offerCode", g.* FROM ${s}.offers o
     CROSS JOIN LATERAL (
       SELECT b.month, (-coalesce(sum(i.amount_fen), 0))::text AS "discountFen", count(DISTINCT c.id)::int AS customers,
              count(DISTINCT i.service_id)::int AS services, coalesce(bool_and(i.type = 'DISCOUNT' AND i.amount_fen <= 0), true) AS clean
       FROM ${s}.bill_items i
       JOIN ${s}.bills b ON b.id = i.bill_id
       JOIN ${s}.accounts a ON a.account_no = b.account_no
       JOIN ${s}.customers c ON c.customer_id = a.customer_id
       WHERE i.offer_id = o.id AND b.month BETWEEN $2 AND $3
         AND ($4::text IS NULL OR c.customer_id LIKE $4::text || '%') AND ($5::text[] IS NULL OR c.customer_id = ANY($5::text[]))
       GROUP BY GROUPING SETS ((b.month), ())
     ) g
     WHERE o.code = ANY($1) ORDER BY o.code, g.month NULLS FIRST`,
    [q.offerCodes, q.fromMonth, q.toMonth, q.customerIdPrefix, q.customerIds],
  );
}

/** What each offer took off each service's bills (before a month, when given), with the same `clean` check. */
export function serviceDiscounts(store: ModernBillingStore, pairs: { serviceNo: string; offerCode: string }[], beforeMonth: string | null): Promise<Row[]> {
  const s = store.s;
  return store.query(
    `SELECT sv.service_no AS "serviceNo", o.code AS "offerCode", g.*
     FROM unnest($1::text[], $2::text[]) AS q(nbr, code)
     JOIN ${s}.services sv ON sv.service_no = q.nbr
     JOIN ${s}.offers o ON o.code = q.code
     CROSS JOIN LATERAL (
       SELECT (-coalesce(sum(i.amount_fen), 0))::text AS "discountFen", count(DISTINCT b.month)::int AS months,
              min(b.month) AS "firstMonth", max(b.month) AS "lastMonth", coalesce(bool_and(i.type = 'DISCOUNT' AND i.amount_fen <= 0), true) AS clean
       FROM ${s}.bill_items i JOIN ${s}.bills b ON b.id = i.bill_id
       WHERE i.offer_id = o.id AND i.service_id = sv.id AND ($3::text IS NULL OR b.month < $3::text)
     ) g`,
    [pairs.map((p) => p.serviceNo), pairs.map((p) => p.offerCode), beforeMonth],
  );
}
