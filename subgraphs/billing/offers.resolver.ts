import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { MAX_OFFER_PAGE, OFFER_CODE, serviceOfferKey, type BillItem as PortBillItem, type Offer as PortOffer } from "../../adapters/billing/port.js";
import { badUserInput } from "../kit/errors.js";
import { JSONObject, LocalDate } from "../kit/scalars.js";
import { forbidden, type Scope } from "../kit/scope.js";
import type { BillingContext } from "./context.js";
import { CustomerOfferEffect, CustomerOfferRef, Offer, OfferEffect, toOffer } from "./offers.types.js";
import { BillItem, Customer } from "./types.js";

/** Offers from billing: the catalogue is no personal data and any caller may read it; what an offer took off the bills is counted over the customers the caller may see. */

const MAX_EFFECT_MONTHS = 60;

/** "YYYY-MM" of the month `back` months before the month of the ISO date. */
function monthBefore(iso: string, back: number): string {
  const month = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 - back;
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** Whose discounts an effect counts: the caller's region, or a key-account manager's portfolio; nobody's for a caller who sees no customer. */
async function effectScope(scope: Scope): Promise<{ customerIdPrefix: string | null; customerIds: string[] | null }> {
  if (scope.listRegion !== null) return { customerIdPrefix: scope.listRegion || null, customerIds: null };
  const portfolio = await scope.portfolio();
  if (!portfolio) throw forbidden("your role does not read customer data, nor figures counted over customers");
  return { customerIdPrefix: null, customerIds: [...portfolio].sort() };
}

@Resolver(() => Offer)
export class OfferResolver {
  @Query(() => [Offer], {
    nullable: "itemsAndList",
    description:
      "Billing's offer catalogue (优惠政策, OFFER), found by period and region, in code order, a page at a time: offers valid on a day or on some day of a " +
      "period, applying in a province or local network. An offer billing holds a broken record of is null in its place, with an error naming billing.",
  })
  async offers(
    @Arg("validOn", () => LocalDate, { nullable: true, description: "Only offers valid on this day (EFF_DATE to EXP_DATE); not with from or to." }) validOn: string | null | undefined,
    @Arg("from", () => LocalDate, { nullable: true, description: "Only offers valid on some day from this one on." }) from: string | null | undefined,
    @Arg("to", () => LocalDate, { nullable: true, description: "Only offers valid on some day up to this one." }) to: string | null | undefined,
    @Arg("regionCode", () => String, { nullable: true, description: "Only offers applying in this province (2 digits) or local network (4 digits) (OFFER_LATN)." })
    regionCode: string | null | undefined,
    @Arg("first", () => Int, { defaultValue: 50, description: `At most ${MAX_OFFER_PAGE}.` }) first: number,
    @Arg("after", () => String, { nullable: true, description: "The code of the last offer of the previous page." }) after: string | null | undefined,
    @Ctx() ctx: BillingContext,
  ): Promise<(Offer | Error)[]> {
    // An argument left out arrives undefined, one given as null arrives null: both are no criterion.
    if (validOn != null && (from != null || to != null)) throw badUserInput("give validOn, or from and to, not both");
    const [start, end] = validOn != null ? [validOn, validOn] : [from ?? null, to ?? null];
    if (start !== null && end !== null && start > end) throw badUserInput("from must not be after to");
    if (regionCode != null && !/^\d{2}(\d{2})?$/.test(regionCode)) throw badUserInput("regionCode must be a province (2 digits) or a local network (4 digits)");
    if (!Number.isInteger(first) || first < 0 || first > MAX_OFFER_PAGE) throw badUserInput(`first must be between 0 and ${MAX_OFFER_PAGE}`);
    if (after != null && !OFFER_CODE.test(after)) throw badUserInput(`"${after.slice(0, 40)}" is not an offer code`);
    const page = await ctx.billing.findOffers({
      ...(start !== null ? { from: start } : {}),
      ...(end !== null ? { to: end } : {}),
      ...(regionCode != null ? { regionCode } : {}),
      after: after ?? null,
      first,
    });
    return [...page.offers.values()].map((offer) => (offer instanceof Error ? offer : toOffer(offer)));
  }

  @FieldResolver(() => OfferEffect, {
    nullable: true,
    description:
      "What the offer took off the bills (实施的效果) of the customers the caller may see, over the billing cycles before the reference date's month; " +
      "null, with FORBIDDEN, for a caller who sees no customer, and with an error naming billing when billing cannot be read.",
  })
  async effect(
    @Root() offer: Offer,
    @Arg("months", () => Int, { defaultValue: 12, description: `How many billing cycles back from the reference date's month to count, 1 to ${MAX_EFFECT_MONTHS}.` }) months: number,
    @Ctx() ctx: BillingContext,
  ): Promise<OfferEffect | null> {
    if (!Number.isInteger(months) || months < 1 || months > MAX_EFFECT_MONTHS) throw badUserInput(`months must be between 1 and ${MAX_EFFECT_MONTHS}`);
    const query = { fromMonth: monthBefore(ctx.asOf, months), toMonth: monthBefore(ctx.asOf, 1), ...(await effectScope(ctx.scope)) };
    const found = await ctx.offers.effects(query).load(offer.code);
    return found && { fromMonth: query.fromMonth, toMonth: query.toMonth, discountFen: found.discountFen, customers: found.customers, services: found.services, byMonth: found.months };
  }
}

@Resolver(() => CustomerOfferRef)
export class CustomerOfferEffectResolver {
  @FieldResolver(() => CustomerOfferEffect, {
    nullable: true,
    description:
      "What this offer took off this line's bills (its effect on revenue), from billing's discount items naming the offer on the service; " +
      "null when billing knows neither, and with an error naming billing when billing cannot be read.",
  })
  async effect(@Root() ref: CustomerOfferRef, @Ctx() ctx: BillingContext): Promise<CustomerOfferEffect | null> {
    return ctx.offers.serviceDiscounts.load(serviceOfferKey(ref.serviceNo, ref.offerCode));
  }
}

@Resolver(() => BillItem)
export class BillItemOfferResolver {
  @FieldResolver(() => Offer, { nullable: true, description: "The offer a discount item came from (ACCT_ITEM.OFFER_ID); null on other items and on discounts no offer made." })
  async offer(@Root() item: PortBillItem, @Ctx() ctx: BillingContext): Promise<Offer | null> {
    if (item.offerCode === null) return null;
    const found = await ctx.offers.byCode.load(item.offerCode);
    return found && toOffer(found);
  }
}

@Resolver(() => Customer)
export class CustomerOffersInForceResolver {
  /** Plumbing for the insights subgraph's offer eligibility (@requires); hidden from consumers by @inaccessible. */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async offersInForce(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<{ offers: PortOffer[] }> {
    return { offers: await ctx.offers.inForce.load(customer.id) };
  }
}
