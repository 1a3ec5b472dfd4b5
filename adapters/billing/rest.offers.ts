import { z } from "zod";
import { byKey, groupBy } from "../kit/group.js";
import { parseRecord, readWhole, type OrMalformed } from "../kit/parse.js";
import { checkCustomerIds } from "./ids.js";
import { checkOfferCodes, checkOfferDay, checkOfferEffectQuery, checkOfferSearch, serviceOfferPairs } from "./offers.js";
import { serviceOfferKey, type Offer, type OfferEffect, type OfferEffectQuery, type OfferPage, type OfferSearch, type ServiceOfferDiscount } from "./offers-port.js";
import type { CustomerId } from "./port.js";
import { offerEffectRecords, offerRecord, serviceDiscountRecord } from "./rest.computed-records.js";
import type { BillingRestSource, RecordKind } from "./rest.source.js";

type Raw = Record<string, unknown>;

const OFFER = { schema: offerRecord, keyField: "code", name: (raw: Raw) => `offer ${String(raw.code ?? "?")}` } satisfies RecordKind<Offer>;
const searchPage = z.object({ records: z.array(z.record(z.string(), z.unknown())), hasMore: z.boolean() });

/** Offer reads through modern billing's service, one request per batch; the service adds up what each offer took off the bills. */
export class RestOffers {
  constructor(private readonly source: BillingRestSource) {}

  async getOffers(offerCodes: readonly string[]): Promise<Map<string, OrMalformed<Offer>>> {
    const codes = checkOfferCodes(offerCodes);
    if (codes.length === 0) return new Map();
    return byKey(codes, await this.source.read("/v1/offers:batchGet", "offerCodes", codes, {}, OFFER));
  }

  async findOffers(search: OfferSearch): Promise<OfferPage> {
    const { from, to, regionCode, after, first } = checkOfferSearch(search);
    const page = await this.source.answer(
      "/v1/offers:search",
      { from: from ?? null, to: to ?? null, regionCode: regionCode ?? null, afterCode: after, pageSize: first },
      searchPage,
    );
    const offers = new Map<string, OrMalformed<Offer>>();
    for (const raw of page.records) offers.set(String(raw.code).trim(), readWhole(() => parseRecord(offerRecord, raw, "billing", OFFER.name(raw))));
    return { offers, hasNextPage: page.hasMore };
  }

  async getOffersInForce(customerIds: readonly CustomerId[], on: string): Promise<Map<CustomerId, OrMalformed<Offer[]>>> {
    const ids = checkCustomerIds(customerIds);
    checkOfferDay(on);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/offers:inForce", "customerIds", ids, { on }, { ...OFFER, keyField: "customerId" }));
  }

  async getOfferEffects(offerCodes: readonly string[], query: OfferEffectQuery): Promise<Map<string, OrMalformed<OfferEffect>>> {
    const codes = checkOfferCodes(offerCodes);
    const { fromMonth, toMonth, customerIdPrefix, customerIds } = checkOfferEffectQuery(query);
    const listed = customerIds === null ? null : checkCustomerIds(customerIds);
    if (codes.length === 0) return new Map();
    const rows = await this.source.allPages("/v1/offers:effects", { offerCodes: codes, fromMonth, toMonth, customerIdPrefix: customerIdPrefix || null, customerIds: listed });
    const byOffer = new Map<string, Raw[]>();
    for (const row of rows) byOffer.set(String(row.offerCode), [...(byOffer.get(String(row.offerCode)) ?? []), row]);
    return new Map([...byOffer].map(([code, list]) => [code, readWhole(() => parseRecord(offerEffectRecords, list, "billing", `bill items of offer ${code}`))] as const));
  }

  async getServiceOfferDiscounts(keys: readonly string[], query: { before?: string } = {}): Promise<Map<string, OrMalformed<ServiceOfferDiscount>>> {
    const pairs = serviceOfferPairs(keys, query);
    if (pairs.length === 0) return new Map();
    const rows = await this.source.allPages("/v1/offers:serviceDiscounts", {
      pairs: pairs.map(({ serviceNo, offerCode }) => ({ serviceNo, offerCode })),
      beforeMonth: query.before === undefined ? null : query.before.slice(0, 7),
    });
    return byKey(
      pairs.map((p) => p.key),
      rows.map((row) => {
        const key = serviceOfferKey(String(row.serviceNo), String(row.offerCode));
        return [key, readWhole(() => parseRecord(serviceDiscountRecord, row, "billing", `bill items of ${key.replace("|", " and offer ")}`))] as const;
      }),
    );
  }
}
