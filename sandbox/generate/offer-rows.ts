import { FREE_MINUTE_FEN } from "../schema/billing-offers.js";
import { dayInMonth, isoDate, localTimestamp, monthOf } from "./dates.js";
import { offerCatalogue, type CatalogueOffer } from "./offer-catalogue.js";
import type { CustomerPlan, ProductCode, ServicePlan, World } from "./plan.js";
import { Rng } from "./rng.js";
import type { RowSink } from "./sink.js";

/**
 * The offers a customer's lines took at the counter (the hall's tb_user_offer) and the discount items billing made of
 * them (ACCT_ITEM type DS naming the offer). Most customers hold one or two over the years, some none; each offer is
 * taken on the first line of its product, at the line's installation or later while the offer runs, from the first of
 * the next cycle to the end of its term, of the offer, of the line or the customer's cancellation. Drawn from a stream
 * of their own, after billing's history settled which lines were removed.
 */

export interface TakenOffer {
  /** The hall's tb_user_offer.offer_inst_id. */
  instId: number;
  offer: CatalogueOffer;
  service: ServicePlan;
  acceptDay: number;
  acceptSecond: number;
  /** First and last day it applies; endDay null when nothing ends it. */
  startDay: number;
  endDay: number | null;
}

/** One discount item of a bill. */
export interface OfferDiscount {
  servId: number;
  offerId: number;
  /** Positive: the item's AMOUNT is its negative. */
  amount: number;
}

/** Added to the seed for the customers' offer streams. */
const OFFER_STREAM = 0x796f6666;
/** Offer slots per customer: offer_inst_id is index × slots + position. */
const OFFER_SLOTS = 8;
/** How many offers a customer took over the years, by weight. */
const OFFERS_TAKEN: readonly (readonly [number, number])[] = [[0, 30], [1, 42], [2, 21], [3, 7]];
/** Share of offers taken with the line itself, when the offer ran at its installation. */
const AT_INSTALLATION = 0.4;
/** Share of offers the customer cancelled (退订) before anything else ended them. */
const CANCELLED = 0.06;

const planned = new WeakMap<CustomerPlan, TakenOffer[]>();

/**
 * The customer's offers, drawn once and then kept for the customer's plan: billing's discounts and the hall's
 * records read the same. First asked by billing's rows, once its history has removed the lines it removes.
 */
export function offersTaken(world: World, plan: CustomerPlan): readonly TakenOffer[] {
  let taken = planned.get(plan);
  if (!taken) {
    taken = drawOffers(world, plan);
    planned.set(plan, taken);
  }
  return taken;
}

function drawOffers(world: World, plan: CustomerPlan): TakenOffer[] {
  const rng = new Rng(world.seed + OFFER_STREAM, plan.index);
  const wanted = rng.weighted(OFFERS_TAKEN);
  const firstLines = new Map<ProductCode, ServicePlan>();
  for (const service of plan.services) if (!firstLines.has(service.product)) firstLines.set(service.product, service);
  const taken: TakenOffer[] = [];
  for (let n = 0; n < wanted; n++) {
    const choices: [{ offer: CatalogueOffer; service: ServicePlan; from: number; to: number }, number][] = [];
    for (const offer of offerCatalogue(world)) {
      const service = firstLines.get(offer.product);
      if (!service || !offer.regions.includes(plan.region.code) || !offer.takers.includes(plan.kind) || taken.some((x) => x.offer === offer)) continue;
      const window = takingWindow(world, offer, service);
      if (window) choices.push([{ offer, service, ...window }, offer.weight]);
    }
    if (choices.length === 0) break;
    const { offer, service, from, to } = rng.weighted(choices);
    const acceptDay = from === service.startDay && rng.chance(AT_INSTALLATION) ? from : rng.int(from, to);
    const acceptSecond = rng.int(8 * 3600, 18 * 3600);
    const startMonth = monthOf(acceptDay) + 1;
    const termEnd = offer.termMonths > 0 ? dayInMonth(startMonth + offer.termMonths, 1) - 1 : null;
    const ends = [termEnd, offer.expDay, service.removedDay].filter((day): day is number => day !== null);
    const lastMonth = monthOf(Math.min(world.asOfDay, ...ends));
    if (rng.chance(CANCELLED) && lastMonth >= startMonth) ends.push(dayInMonth(rng.int(startMonth, lastMonth) + 1, 1) - 1);
    taken.push({
      instId: plan.index * OFFER_SLOTS + n,
      offer,
      service,
      acceptDay,
      acceptSecond,
      startDay: dayInMonth(startMonth, 1),
      endDay: ends.length === 0 ? null : Math.min(...ends),
    });
  }
  return taken;
}

/**
 * The days the offer could be chosen for the line: while both run, up to the as-of date, early enough that it starts
 * (on the first of the next cycle) before the offer or the line ends. An offer for new lines only on the day the
 * line was installed. Null when there is no such day.
 */
function takingWindow(world: World, offer: CatalogueOffer, service: ServicePlan): { from: number; to: number } | null {
  const beforeMonthOf = (day: number | null) => (day === null ? Infinity : dayInMonth(monthOf(day), 1) - 1);
  const from = Math.max(service.startDay, offer.effDay);
  const to = Math.min(world.asOfDay, beforeMonthOf(offer.expDay), beforeMonthOf(service.removedDay));
  if (offer.newLines) return from === service.startDay && from <= to ? { from, to: from } : null;
  return from <= to ? { from, to } : null;
}

/**
 * The discount items of one bill of cycle `month`: each offer in force in the cycle on a service the bill charges,
 * as its method gives it (a percentage of the service's charges, a fixed reduction, free minutes at the local rate up
 * to the local calls charged), never more in all than the service's charges.
 */
export function offerDiscounts(
  taken: readonly TakenOffer[],
  month: number,
  charged: ReadonlyMap<number, number>,
  localCalls: ReadonlyMap<number, number>,
): OfferDiscount[] {
  const monthStart = dayInMonth(month, 1);
  const monthEnd = dayInMonth(month + 1, 1) - 1;
  const given = new Map<number, number>();
  const discounts: OfferDiscount[] = [];
  for (const { offer, service, startDay, endDay } of taken) {
    if (startDay > monthEnd || (endDay !== null && endDay < monthStart)) continue;
    const base = charged.get(service.servId) ?? 0;
    const wanted =
      offer.method === "P" ? Math.round((base * offer.value) / 100) : offer.method === "F" ? offer.value : Math.min(localCalls.get(service.servId) ?? 0, offer.value * FREE_MINUTE_FEN);
    const amount = Math.min(wanted, base - (given.get(service.servId) ?? 0));
    if (amount <= 0) continue;
    given.set(service.servId, (given.get(service.servId) ?? 0) + amount);
    discounts.push({ servId: service.servId, offerId: offer.id, amount });
  }
  return discounts;
}

/** The hall's record of the offers: tb_user_offer. */
export function emitUserOffers(world: World, plan: CustomerPlan, sink: RowSink, schema: string): void {
  for (const x of offersTaken(world, plan)) {
    sink.row(schema, "tb_user_offer", [
      x.instId, plan.custNo, x.service.accNbr, x.offer.code, localTimestamp(x.acceptDay, x.acceptSecond), isoDate(x.startDay),
      x.endDay === null ? null : isoDate(x.endDay),
    ]);
  }
}
