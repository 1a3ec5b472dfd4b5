import DataLoader from "dataloader";
import type { BillingPort, Offer, OfferEffect, OfferEffectQuery, ServiceBilling, ServiceOfferDiscount } from "../../adapters/billing/port.js";
import { listLoader, mapLoader } from "../kit/loaders.js";

/** Per-request loaders of billing's offers: each kind of read is one batch per tick, whatever the number of offers or customers. */
export interface OfferLoaders {
  byCode: DataLoader<string, Offer | null>;
  /** The offers valid on the reference date in each customer's local network. */
  inForce: DataLoader<string, Offer[]>;
  /** What each offer took off each service's bills, by `serviceOfferKey`, over the cycles before the reference date's month. */
  serviceDiscounts: DataLoader<string, ServiceOfferDiscount | null>;
  /** Billing's own record of services, for the scope of a customer's offer reached by its key. */
  services: DataLoader<string, ServiceBilling | null>;
  /** One loader per distinct effect query, so each is still one batch. */
  effects(query: OfferEffectQuery): DataLoader<string, OfferEffect | null>;
}

export function offerLoaders(billing: BillingPort, asOf: string): OfferLoaders {
  const effectLoaders = new Map<string, DataLoader<string, OfferEffect | null>>();
  return {
    byCode: mapLoader((codes) => billing.getOffers(codes), null),
    inForce: listLoader((ids) => billing.getOffersInForce(ids, asOf)),
    serviceDiscounts: mapLoader((keys) => billing.getServiceOfferDiscounts(keys, { before: asOf }), null),
    services: mapLoader((nos) => billing.getServices(nos), null),
    effects(query) {
      const key = JSON.stringify([query.fromMonth, query.toMonth, query.customerIdPrefix, query.customerIds]);
      let loader = effectLoaders.get(key);
      if (!loader) {
        loader = mapLoader((codes) => billing.getOfferEffects(codes, query), null);
        effectLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
