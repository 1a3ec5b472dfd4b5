import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { JSONObject } from "../kit/scalars.js";
import { startOfCarrierDay, words, type TouchFacts } from "../kit/touches.js";
import type { KeyAccountContext } from "./context.js";
import { Customer } from "./types.js";

@Resolver(() => Customer)
export class CustomerVisitTouchesResolver {
  /**
   * Plumbing for the contact time line (insights, @requires); hidden from consumers by @inaccessible: the
   * account manager's visit records (DKH_BFJL), kept by the day; none for a customer that is no key account.
   */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async visitTouches(@Root() customer: Customer, @Ctx() ctx: KeyAccountContext): Promise<TouchFacts> {
    const keyAccount = await ctx.loaders.byCustomer.load(customer.id);
    if (keyAccount === null) return { touches: [] };
    const visits = await ctx.loaders.visits.load(keyAccount.id);
    return { touches: visits.map((v) => ({ id: v.visitId, kind: "VISIT", at: startOfCarrierDay(v.date), summary: `Account manager visit: ${words(v.method)}` })) };
  }
}
