import { OFFER_CODE } from "../kit/canonical-ids.js";
import { checkedDistinct } from "../kit/check-ids.js";
import { AdapterError } from "../kit/errors.js";
import { byKey, groupBy } from "../kit/group.js";
import { recordReader, type OrMalformed } from "../kit/parse.js";
import type { SqlSource } from "../kit/sql.js";
import { isCalendarDate } from "../kit/values.js";
import { checkCustomerIds, checkServiceNos, custCodeOf, customerIdOf } from "./ids.js";
import { offerEffectRows, offerRow, serviceOfferDiscountRow } from "./offer-rows.js";
import { MAX_OFFER_PAGE, type Offer, type OfferEffect, type OfferEffectQuery, type OfferPage, type OfferSearch, type ServiceOfferDiscount } from "./offers-port.js";
import type { CustomerId } from "./port.js";

/** Offer reads over billing's SQL (OFFER, OFFER_PURPOSE, OFFER_LATN, LATN, ACCT_ITEM.OFFER_ID): one statement per batch. */

type Row = Record<string, unknown>;
const read = recordReader("billing");
const badInput = (message: string) => new AdapterError("BAD_USER_INPUT", "billing", message);
const compact = (iso: string) => iso.replaceAll("-", "");
const cycleOf = (month: string) => month.replace("-", "");

export const checkOfferCodes = (codes: readonly string[]) => checkedDistinct(codes, OFFER_CODE, "an offer code (e.g. YH0007)", "billing");

/** Each offer with its purpose's name and its local networks (codes and names in code order); callers add WHERE. */
function offerSelect(s: string): string {
  return `SELECT o."OFFER_ID", o."OFFER_CODE", o."OFFER_NAME", o."PURPOSE_CODE", p."PURPOSE_NAME", o."PRODUCT_ID", o."METHOD",
            o."METHOD_VALUE", o."TERM_MONTHS", o."TARGET_DESC", o."EFF_DATE", o."EXP_DATE",
            COALESCE(r.codes, '{}') AS "LATN_IDS", COALESCE(r.names, '{}') AS "LATN_NAMES"
          FROM ${s}."OFFER" o
          LEFT JOIN ${s}."OFFER_PURPOSE" p ON p."PURPOSE_CODE" = o."PURPOSE_CODE"
          LEFT JOIN LATERAL (
            SELECT array_agg(l."LATN_ID"::text ORDER BY l."LATN_ID") AS codes, array_agg(n."LATN_NAME"::text ORDER BY l."LATN_ID") AS names
            FROM ${s}."OFFER_LATN" l LEFT JOIN ${s}."LATN" n ON n."LATN_ID" = l."LATN_ID"
            WHERE l."OFFER_ID" = o."OFFER_ID"
          ) r ON true`;
}

const readOffer = (row: Row) => read(offerRow, row, `OFFER ${row.OFFER_ID}`);
const codeOf = (row: Row) => String(row.OFFER_CODE).trim();

export async function offersByCode(source: SqlSource, offerCodes: readonly string[]): Promise<Map<string, OrMalformed<Offer>>> {
  const codes = checkOfferCodes(offerCodes);
  if (codes.length === 0) return new Map();
  const rows = await source.query<Row>(`${offerSelect(source.schema)} WHERE o."OFFER_CODE" = ANY($1::text[])`, [codes]);
  return byKey(codes, rows.map((row) => [codeOf(row), readOffer(row)] as const));
}

export async function findOffers(source: SqlSource, search: OfferSearch): Promise<OfferPage> {
  const { from, to, regionCode, after, first } = checkOfferSearch(search);
  const s = source.schema;
  const rows = await source.query<Row>(
    `${offerSelect(s)}
     WHERE ($1::text IS NULL OR o."EXP_DATE"::text >= $1::text) AND ($2::text IS NULL OR o."EFF_DATE"::text <= $2::text)
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM ${s}."OFFER_LATN" x WHERE x."OFFER_ID" = o."OFFER_ID" AND x."LATN_ID"::text LIKE $3::text || '%'))
       AND ($4::text IS NULL OR o."OFFER_CODE"::text > $4::text)
     ORDER BY o."OFFER_CODE" LIMIT $5::int + 1`,
    [from === undefined ? null : compact(from), to === undefined ? null : compact(to), regionCode ?? null, after, first],
  );
  const offers = new Map<string, OrMalformed<Offer>>();
  for (const row of rows.slice(0, first)) offers.set(codeOf(row), readOffer(row));
  return { offers, hasNextPage: rows.length > first };
}

export async function offersInForce(source: SqlSource, customerIds: readonly CustomerId[], on: string): Promise<Map<CustomerId, OrMalformed<Offer[]>>> {
  const ids = checkCustomerIds(customerIds);
  checkOfferDay(on);
  if (ids.length === 0) return new Map();
  const s = source.schema;
  const rows = await source.query<Row>(
    `SELECT c."CUST_CODE", x.* FROM ${s}."CUST" c
     JOIN ${s}."OFFER_LATN" l ON l."LATN_ID" = c."LATN_ID"
     JOIN (${offerSelect(s)}) x ON x."OFFER_ID" = l."OFFER_ID"
     WHERE c."CUST_CODE" = ANY($1::text[]) AND x."EFF_DATE"::text <= $2::text AND x."EXP_DATE"::text >= $2::text
     ORDER BY c."CUST_CODE", x."OFFER_CODE"`,
    [ids.map(custCodeOf), compact(on)],
  );
  return groupBy(ids, rows.map((row) => [customerIdOf(String(row.CUST_CODE)) ?? undefined, readOffer(row)] as const));
}

export async function offerEffects(source: SqlSource, offerCodes: readonly string[], query: OfferEffectQuery): Promise<Map<string, OrMalformed<OfferEffect>>> {
  const codes = checkOfferCodes(offerCodes);
  const { fromMonth, toMonth, customerIdPrefix, customerIds } = checkOfferEffectQuery(query);
  const listed = customerIds === null ? null : checkCustomerIds(customerIds).map(custCodeOf);
  if (codes.length === 0) return new Map();
  const s = source.schema;
  // The empty grouping set gives every offer asked its total row, zeros when it discounted nothing.
  const rows = await source.query<Row>(
    `SELECT o."OFFER_CODE", g.* FROM ${s}."OFFER" o
     CROSS JOIN LATERAL (
       SELECT b."BILLING_CYCLE_ID"::text AS "BILLING_CYCLE_ID", (-coalesce(sum(i."AMOUNT"), 0))::text AS "DISCOUNT",
              count(DISTINCT a."CUST_ID")::int AS "CUSTOMERS", count(DISTINCT i."SERV_ID")::int AS "SERVICES",
              coalesce(bool_and(i."ACCT_ITEM_TYPE_ID" = 'DS' AND i."AMOUNT" <= 0), true) AS "CLEAN"
       FROM ${s}."ACCT_ITEM" i
       JOIN ${s}."BILL" b ON b."BILL_ID" = i."BILL_ID"
       JOIN ${s}."ACCT" a ON a."ACCT_ID" = b."ACCT_ID"
       JOIN ${s}."CUST" c ON c."CUST_ID" = a."CUST_ID"
       WHERE i."OFFER_ID" = o."OFFER_ID" AND b."BILLING_CYCLE_ID"::text BETWEEN $2::text AND $3::text
         AND ($4::text IS NULL OR c."CUST_CODE"::text LIKE $4::text || '%') AND ($5::text[] IS NULL OR c."CUST_CODE"::text = ANY($5::text[]))
       GROUP BY GROUPING SETS ((b."BILLING_CYCLE_ID"), ())
     ) g
     WHERE o."OFFER_CODE" = ANY($1::text[])
     ORDER BY o."OFFER_CODE"`,
    [codes, cycleOf(fromMonth), cycleOf(toMonth), customerIdPrefix || null, listed],
  );
  const byOffer = new Map<string, Row[]>();
  for (const row of rows) byOffer.set(codeOf(row), [...(byOffer.get(codeOf(row)) ?? []), row]);
  return new Map([...byOffer].map(([code, list]) => [code, read(offerEffectRows, list, `ACCT_ITEM of OFFER ${code}`)] as const));
}

export async function serviceOfferDiscounts(
  source: SqlSource,
  keys: readonly string[],
  query: { before?: string } = {},
): Promise<Map<string, OrMalformed<ServiceOfferDiscount>>> {
  const pairs = serviceOfferPairs(keys, query);
  if (pairs.length === 0) return new Map();
  const s = source.schema;
  const rows = await source.query<Row>(
    `SELECT q.k, sv."SERV_ID", o."OFFER_CODE", g.*
     FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(nbr, code, k)
     JOIN ${s}."SERV" sv ON sv."ACC_NBR" = q.nbr
     JOIN ${s}."OFFER" o ON o."OFFER_CODE" = q.code
     CROSS JOIN LATERAL (
       SELECT (-coalesce(sum(i."AMOUNT"), 0))::text AS "DISCOUNT", count(DISTINCT b."BILLING_CYCLE_ID")::int AS "CYCLES",
              min(b."BILLING_CYCLE_ID")::text AS "FIRST_CYCLE", max(b."BILLING_CYCLE_ID")::text AS "LAST_CYCLE",
              coalesce(bool_and(i."ACCT_ITEM_TYPE_ID" = 'DS' AND i."AMOUNT" <= 0), true) AS "CLEAN"
       FROM ${s}."ACCT_ITEM" i JOIN ${s}."BILL" b ON b."BILL_ID" = i."BILL_ID"
       WHERE i."OFFER_ID" = o."OFFER_ID" AND i."SERV_ID" = sv."SERV_ID" AND ($3::text IS NULL OR b."BILLING_CYCLE_ID"::text < $3::text)
     ) g`,
    [pairs.map((p) => p.serviceNo), pairs.map((p) => p.offerCode), query.before === undefined ? null : compact(query.before).slice(0, 6)],
  );
  return byKey(
    pairs.map((p) => p.key),
    rows.map((row) => [pairs[Number(row.k) - 1]?.key, read(serviceOfferDiscountRow, row, `ACCT_ITEM of SERV ${row.SERV_ID} and OFFER ${codeOf(row)}`)] as const),
  );
}

/** The `serviceNo|offerCode` keys of getServiceOfferDiscounts, checked before any round trip (every adapter's). */
export function serviceOfferPairs(keys: readonly string[], query: { before?: string }): { key: string; serviceNo: string; offerCode: string }[] {
  const pairs = [...new Set(keys)].map((key) => {
    const [serviceNo = "", offerCode = "", extra] = key.split("|");
    if (extra !== undefined) throw badInput(`not a service and offer key: ${JSON.stringify(key.slice(0, 60))}`);
    checkServiceNos([serviceNo]);
    checkOfferCodes([offerCode]);
    return { key, serviceNo, offerCode };
  });
  if (query.before !== undefined && !isCalendarDate(query.before)) throw badInput(`before must be an ISO date YYYY-MM-DD, got ${JSON.stringify(query.before)}`);
  return pairs;
}

/** findOffers' search, checked before any round trip by every billing adapter. */
export function checkOfferSearch(search: OfferSearch): OfferSearch {
  const { from, to, regionCode, after, first } = search;
  for (const [name, date] of [["from", from], ["to", to]] as const) {
    if (date !== undefined && !isCalendarDate(date)) throw badInput(`${name} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  if (from !== undefined && to !== undefined && from > to) throw badInput("from must not be after to");
  if (regionCode !== undefined && !/^\d{2}(\d{2})?$/.test(regionCode)) throw badInput("regionCode must be a province (2 digits) or a local network (4 digits)");
  if (after !== null) checkOfferCodes([after]);
  if (!Number.isInteger(first) || first < 0 || first > MAX_OFFER_PAGE) throw badInput(`first must be an integer from 0 to ${MAX_OFFER_PAGE}`);
  return search;
}

/** getOffersInForce's day, checked before any round trip by every billing adapter. */
export function checkOfferDay(on: string): void {
  if (!isCalendarDate(on)) throw badInput(`on must be an ISO date YYYY-MM-DD, got ${JSON.stringify(on)}`);
}

/** getOfferEffects' query (not its customer ids, which each adapter spells its own way), checked before any round trip. */
export function checkOfferEffectQuery(query: OfferEffectQuery): OfferEffectQuery {
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  if (!month.test(query.fromMonth) || !month.test(query.toMonth) || query.fromMonth > query.toMonth) throw badInput("an effect's cycles must be two months YYYY-MM, the first not after the last");
  if (query.customerIdPrefix !== null && !/^\d{0,4}$/.test(query.customerIdPrefix)) throw badInput("a customer number prefix is 0 to 4 digits");
  return query;
}
