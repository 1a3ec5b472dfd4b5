import type { OrMalformed } from "../errors.js";
import type { CustomerId, Product, ServiceNo } from "./port.js";

/**
 * Offers as billing keeps them (优惠政策): the catalogue of the discounts rating and billing apply, where and when each
 * applies, and what each took off the bills (its discount items). Every read takes many keys and costs one round trip;
 * a record that cannot be read is its key's MALFORMED_RECORD error, the other keys are served.
 */

/** How an offer discounts (实施的方式): a percentage off the service's charges, a fixed reduction, free local minutes. */
export type OfferMethod = "PERCENT_OFF" | "FIXED_REDUCTION" | "FREE_MINUTES";

export interface OfferPurpose {
  /** Billing's purpose code (OFFER_PURPOSE.PURPOSE_CODE), two digits. */
  code: string;
  name: string;
}

export interface OfferRegion {
  /** The local network, "LLLL". */
  code: string;
  name: string;
}

export interface Offer {
  /** Billing's offer code (OFFER_CODE), e.g. "YH0007". */
  code: string;
  name: string;
  purpose: OfferPurpose;
  /** The product whose services it discounts. */
  product: Product;
  method: OfferMethod;
  /** PERCENT_OFF: the percent (1–100); FIXED_REDUCTION: fen per billing cycle; FREE_MINUTES: minutes per cycle. */
  value: number;
  /** Billing cycles a customer keeps it from its start; null for as long as the offer runs. */
  termMonths: number | null;
  /** Whom it is for (实施的对象), billing's own words. */
  target: string;
  validFrom: string;
  /** The last day it applies; null when it runs with no end set. */
  validTo: string | null;
  /** The local networks where it applies, by code; at least one. */
  regions: OfferRegion[];
}

/** Which offers to find: each criterion given must hold. */
export interface OfferSearch {
  /** Offers valid on at least one day from `from` to `to` (ISO dates, both included); an absent bound is open. */
  from?: string;
  to?: string;
  /** A province (2 digits) or a local network (4): offers applying somewhere in it. */
  regionCode?: string;
  /** The code of the previous page's last offer; null for the first page. */
  after: string | null;
  /** Page size, 0 to MAX_OFFER_PAGE. */
  first: number;
}

export const MAX_OFFER_PAGE = 200;

export interface OfferPage {
  /** By code, in code order; an offer that cannot be read is its error in its place. */
  offers: Map<string, OrMalformed<Offer>>;
  hasNextPage: boolean;
}

/** Whose discounts an effect adds up, and over which billing cycles. */
export interface OfferEffectQuery {
  /** The first and last billing cycle counted, "YYYY-MM", both included. */
  fromMonth: string;
  toMonth: string;
  /** Only customers whose number starts so ("" or null: all). */
  customerIdPrefix: string | null;
  /** Only these customers (a key-account manager's portfolio); null: no such limit. */
  customerIds: readonly CustomerId[] | null;
}

/** What an offer took off the bills of the customers counted: the sum of its discount items. */
export interface OfferEffect {
  /** Revenue given up, in fen: the discount items' amounts negated. */
  discountFen: number;
  /** Customers and services whose bills carry one of its discounts. */
  customers: number;
  services: number;
  /** The same per billing cycle, oldest first; cycles without a discount are left out. */
  months: { month: string; discountFen: number; customers: number }[];
}

/** What one offer took off one service's bills: its discount items on the service. */
export interface ServiceOfferDiscount {
  /** Revenue given up, in fen. */
  discountFen: number;
  /** Billing cycles with a discount, and the first and last of them ("YYYY-MM"; null when none). */
  months: number;
  firstMonth: string | null;
  lastMonth: string | null;
}

/** The key of one service's offer in getServiceOfferDiscounts: "serviceNo|offerCode". */
export const serviceOfferKey = (serviceNo: ServiceNo, offerCode: string) => `${serviceNo}|${offerCode}`;

export interface OfferPort {
  /** Offers by code; codes billing does not know are absent. */
  getOffers(offerCodes: readonly string[]): Promise<Map<string, OrMalformed<Offer>>>;
  /** A page of the offers matching the search, in code order (keyset paging), one round trip. */
  findOffers(search: OfferSearch): Promise<OfferPage>;
  /** The offers valid on the ISO date `on` in each customer's local network (billing's CUST.LATN_ID), in code order. */
  getOffersInForce(customerIds: readonly CustomerId[], on: string): Promise<Map<CustomerId, OrMalformed<Offer[]>>>;
  /**
   * Each offer's discounts on the bills of the customers and cycles asked, added up by billing in one aggregate
   * statement; an offer that discounted nothing has zeros, an unknown code is absent.
   */
  getOfferEffects(offerCodes: readonly string[], query: OfferEffectQuery): Promise<Map<string, OrMalformed<OfferEffect>>>;
  /**
   * What each offer took off each service's bills (keys from `serviceOfferKey`), over the cycles before the month of
   * the ISO date `before` when it is given; zeros when nothing, absent for a service or offer billing does not know.
   */
  getServiceOfferDiscounts(keys: readonly string[], query?: { before?: string }): Promise<Map<string, OrMalformed<ServiceOfferDiscount>>>;
}
