import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { CustomerOffer as HallOffer } from "../../adapters/business-hall/port.js";
import { afterArg, firstArg, pageOf } from "../kit/paging.js";
import { JSONObject } from "../kit/scalars.js";
import { checkCustomer } from "../kit/scope.js";
import type { ProfileContext } from "./context.js";
import { CustomerOffer, toCustomerOffer } from "./offers.types.js";
import { Customer, Subscription, toSubscription } from "./types.js";

const OFFERS = { defaultFirst: 20, max: 100 };

/** The offers the customer's lines took at the counter, as the business hall records them; reached through the customer, whose scope is checked there. */
@Resolver(() => Customer)
export class CustomerOffersResolver {
  @FieldResolver(() => [CustomerOffer], {
    description: "A page of the offers (优惠) the customer's lines took at the business hall's counter (QueryUserOfferList), in the order they were chosen, ended ones included.",
  })
  async offers(
    @Root() customer: Customer,
    @Arg("first", () => Int, firstArg(OFFERS)) first: number,
    @Arg("after", () => String, afterArg("id")) after: string | null | undefined,
    @Ctx() ctx: ProfileContext,
  ): Promise<CustomerOffer[]> {
    return pageOf((await ctx.loaders.offers.load(customer.id)).map(toCustomerOffer), (o) => o.id, first, after, OFFERS, "offers");
  }

  /** Plumbing for the insights subgraph's offer eligibility (@requires); hidden from consumers by @inaccessible. */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async heldOffers(@Root() customer: Customer, @Ctx() ctx: ProfileContext): Promise<{ offers: HallOffer[] }> {
    return { offers: await ctx.loaders.offers.load(customer.id) };
  }
}

@Resolver(() => CustomerOffer)
export class CustomerOfferResolver {
  @FieldResolver(() => Subscription, { nullable: true, description: "The line that took the offer, from the business hall (QueryUserByServNo); null when the hall no longer has it." })
  async subscription(@Root() offer: CustomerOffer, @Ctx() ctx: ProfileContext): Promise<Subscription | null> {
    const found = await ctx.loaders.subscriptions.load(offer.serviceNo);
    return found && toSubscription(found);
  }
}

/** A line's offer reached by its key: found among its holder's offers, for a caller who may see that customer. */
export async function resolveCustomerOffer(ref: { serviceNo: string; offerCode: string }, ctx: ProfileContext): Promise<CustomerOffer | null> {
  const customerId = await ctx.loaders.customerIdByServiceNo.load(ref.serviceNo);
  if (customerId === null) return null;
  await checkCustomer(ctx.scope, customerId, `service number ${ref.serviceNo}`);
  const found = (await ctx.loaders.offers.load(customerId)).find((o) => o.serviceNo === ref.serviceNo && o.offerCode === ref.offerCode);
  return found ? toCustomerOffer(found) : null;
}
