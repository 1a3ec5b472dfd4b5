import { z } from "zod";
import { AdapterError } from "../kit/errors.js";
import { byKey, groupBy } from "../kit/group.js";
import { parseRecord, readWhole, type OrMalformed } from "../kit/parse.js";
import { isCalendarDate } from "../kit/values.js";
import { checkCustomerIds } from "./ids.js";
import { checkOfferCodes, serviceOfferPairs } from "./offers.js";
import { MAX_OFFER_PAGE, serviceOfferKey, type Offer, type OfferEffect, type OfferEffectQuery, type OfferPage, type OfferSearch, type ServiceOfferDiscount } from "./offers-port.js";
import type { CustomerId } from "./port.js";
import { offerEffectRecords, offerRecord, serviceDiscountRecord } from "./rest.computed-records.js";
import type { BillingRestSource, RecordKind } from "./rest.source.js";

type Raw = Record<string, unknown>;

const badInput = (message: string) => new AdapterError("BAD_USER_INPUT", "billing", message);
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
    const { from, to, regionCode, after, first } = search;
    for (const [name, date] of [["from", from], ["to", to]] as const) {
      if (date !== undefined && !isCalendarDate(date)) throw badInput(`${name} must be an ISO date YYYY-MM-DD, got ${JSON.stringify(date)}`);
    }
    if (from !== undefined && to !== undefined && from > to) throw badInput("from must not be after to");
    if (regionCode !== undefined && !/^\d{2}(\d{2})?$/.test(regionCode)) throw badInput("regionCode must be a province (2 digits) or a local network (4 digits)");
    if (after !== null) checkOfferCodes([after]);
    if (!Number.isInteger(first) || first < 0 || first > MAX_OFFER_PAGE) throw badInput(`first must be an integer from 0 to ${MAX_OFFER_PAGE}`);
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
    if (!isCalendarDate(on)) throw badInput(`on must be an ISO date YYYY-MM-DD, got ${JSON.stringify(on)}`);
    if (ids.length === 0) return new Map();
    return groupBy(ids, await this.source.read("/v1/offers:inForce", "customerIds", ids, { on }, { ...OFFER, keyField: "customerId" }));
  }

  async getOfferEffects(offerCodes: readonly string[], query: OfferEffectQuery): Promise<Map<string, OrMalformed<OfferEffect>>> {
    const codes = checkOfferCodes(offerCodes);
    const { fromMonth, toMonth, customerIdPrefix, customerIds } = query;
    const month = /^\d{4}-(0[1-9]|1[0-2])$/;
    if (!month.test(fromMonth) || !month.test(toMonth) || fromMonth > toMonth) throw badInput("an effect's cycles must be two months YYYY-MM, the first not after the last");
    if (customerIdPrefix !== null && !/^\d{0,4}$/.test(customerIdPrefix)) throw badInput("a customer number prefix is 0 to 4 digits");
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
