import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { BillingFacts } from "../../adapters/billing/port.js";
import { JSONObject } from "../kit/scalars.js";
import type { BillingContext } from "./context.js";
import { NO_BILLING } from "./no-facts.js";
import { Customer } from "./types.js";

@Resolver(() => Customer)
export class CustomerBillingFactsResolver {
  /** Plumbing for the insights subgraph (@requires); hidden from consumers by @inaccessible. */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async billingFacts(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<BillingFacts> {
    return (await ctx.loaders.facts.load(customer.id)) ?? NO_BILLING;
  }
}
