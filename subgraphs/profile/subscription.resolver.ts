import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ProfileContext } from "./context.js";
import { Customer, Subscription, toCustomer } from "./types.js";

@Resolver(() => Subscription)
export class SubscriptionResolver {
  @FieldResolver(() => Customer, { nullable: true, description: "Null only if the hall lost the customer record." })
  async customer(@Root() subscription: Subscription, @Ctx() ctx: ProfileContext): Promise<Customer | null> {
    const found = await ctx.loaders.customers.load(subscription.customerId);
    return found && toCustomer(found, ctx.scope.pii);
  }
}
