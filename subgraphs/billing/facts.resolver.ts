import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { AccountBillingFacts, BillingFacts } from "../../adapters/billing/port.js";
import { JSONObject } from "../kit/scalars.js";
import type { BillingContext } from "./context.js";
import { NO_BILLING } from "./no-facts.js";
import { Account, Customer } from "./types.js";

@Resolver(() => Customer)
export class CustomerBillingFactsResolver {
  /** Plumbing for the insights subgraph (@requires); hidden from consumers by @inaccessible. */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async billingFacts(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<BillingFacts> {
    return (await ctx.loaders.facts.load(customer.id)) ?? NO_BILLING;
  }
}

@Resolver(() => Account)
export class AccountBillingFactsResolver {
  /** The account's own facts, for the insights subgraph's account-level credit (@requires); hidden by @inaccessible. */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive("@inaccessible")
  async billingFacts(@Root() account: Account, @Ctx() ctx: BillingContext): Promise<AccountBillingFacts | null> {
    return ctx.loaders.accountFacts.load(account.accountNo);
  }
}
