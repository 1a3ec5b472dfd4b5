import { z } from "zod";
import { accountFacts, customerFacts } from "./facts.js";
import { offerEffects, offersByCode, offersInForce, searchOffers, serviceDiscounts } from "./offers.js";
import { isoDate, keys, paging, parse } from "./api.js";
import type { ModernBillingStore } from "./store.js";
import { callRecords, feeTrends, usageSummaries } from "./usage.js";

type Row = Record<string, unknown>;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a billing cycle YYYY-MM");
const offerCodes = z.array(z.string().regex(/^[A-Z]{2}\d{4,8}$/)).min(1).max(1_000);
/** The most offers one page of a search may hold. */
const MAX_OFFER_PAGE = 200;

const bodies = {
  customerFacts: z.strictObject({ customerIds: keys, asOf: isoDate.optional(), ...paging }),
  accountFacts: z.strictObject({ accountNos: keys, asOf: isoDate.optional(), ...paging }),
  serviceNos: z.strictObject({ serviceNos: keys, ...paging }),
  accountNos: z.strictObject({ accountNos: keys, ...paging }),
  records: z.strictObject({
    requests: z
      .array(
        z.strictObject({
          serviceNo: z.string().min(1).max(32),
          month,
          after: z.strictObject({ startedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/), callClass: z.string().max(16), seq: z.number().int().min(1) }).nullable(),
          first: z.number().int().min(1).max(200),
        }),
      )
      .min(1)
      .max(200),
    ...paging,
  }),
  offerCodes: z.strictObject({ offerCodes, ...paging }),
  inForce: z.strictObject({ customerIds: keys, on: isoDate, ...paging }),
  effects: z.strictObject({
    offerCodes,
    fromMonth: month,
    toMonth: month,
    customerIdPrefix: z.string().regex(/^\d{1,4}$/).nullable(),
    /** A portfolio: only these customers (an empty one counts nobody); null for no such limit. */
    customerIds: z.array(z.string().min(1).max(32)).max(10_000).nullable(),
    ...paging,
  }),
  serviceDiscounts: z.strictObject({
    pairs: z.array(z.strictObject({ serviceNo: z.string().min(1).max(32), offerCode: z.string().max(12) })).min(1).max(1_000),
    beforeMonth: month.nullable(),
    ...paging,
  }),
};

/**
 * The reads the service computes for its clients: billing facts, usage and fee composition, detail records, and the
 * offer catalogue with what each offer took off the bills. Each answers a list of records, paged like the others.
 */
export function computedReads(store: ModernBillingStore): Record<string, (body: unknown) => Promise<Row[]>> {
  return {
    "/v1/customers:billingFacts": (b) => {
      const q = parse(bodies.customerFacts, b);
      return customerFacts(store, q.customerIds, q.asOf ?? null);
    },
    "/v1/accounts:billingFacts": (b) => {
      const q = parse(bodies.accountFacts, b);
      return accountFacts(store, q.accountNos, q.asOf ?? null);
    },
    "/v1/usage:summaries": (b) => usageSummaries(store, parse(bodies.serviceNos, b).serviceNos),
    "/v1/usage:feeTrends": (b) => feeTrends(store, parse(bodies.accountNos, b).accountNos),
    "/v1/usage:records": (b) => callRecords(store, parse(bodies.records, b).requests),
    "/v1/offers:batchGet": (b) => offersByCode(store, parse(bodies.offerCodes, b).offerCodes),
    "/v1/offers:inForce": (b) => {
      const q = parse(bodies.inForce, b);
      return offersInForce(store, q.customerIds, q.on);
    },
    "/v1/offers:effects": (b) => offerEffects(store, parse(bodies.effects, b)),
    "/v1/offers:serviceDiscounts": (b) => {
      const q = parse(bodies.serviceDiscounts, b);
      return serviceDiscounts(store, q.pairs, q.beforeMonth);
    },
  };
}

const searchBody = z.strictObject({
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  regionCode: z.string().regex(/^\d{2}(\d{2})?$/).nullable(),
  /** Keyset paging: the last code of the page before, null for the first page. */
  afterCode: z.string().regex(/^[A-Z]{2}\d{4,8}$/).nullable(),
  pageSize: z.number().int().min(0).max(MAX_OFFER_PAGE),
});

/**
 * The offer catalogue searched: a page in code order, and `nextAfterCode`, what to send as `afterCode` for the next
 * page (null on the last page; the same `afterCode` for an empty page that has more behind it).
 */
export async function offerSearch(store: ModernBillingStore, body: unknown): Promise<{ records: Row[]; nextAfterCode: string | null; hasMore: boolean }> {
  const q = parse(searchBody, body);
  const rows = await searchOffers(store, q);
  const records = rows.slice(0, q.pageSize);
  const more = rows.length > q.pageSize;
  return { records, hasMore: more, nextAfterCode: more ? String(records.at(-1)?.code ?? q.afterCode ?? "") || null : null };
}
