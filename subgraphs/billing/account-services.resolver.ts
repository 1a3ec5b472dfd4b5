import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { BillingContext } from "./context.js";
import { Account, AccountService, Bill, CreditStain, Customer, Settlement, toAccountService } from "./types.js";

/** What billing keeps about an account's services, a bill's recovery and a customer's stains; each batched per request. */

@Resolver(() => Account)
export class AccountServicesResolver {
  @FieldResolver(() => [AccountService], {
    nullable: true,
    description: "The services the account pays for (SERV_ACCT links in force), by service number and item group; null, with an error naming billing, when a link cannot be read.",
  })
  async services(@Root() account: Account, @Ctx() ctx: BillingContext): Promise<AccountService[]> {
    return (await ctx.loaders.servicesByAccount.load(account.accountNo)).map(toAccountService);
  }
}

@Resolver(() => Bill)
export class BillSettlementsResolver {
  @FieldResolver(() => [Settlement], {
    nullable: true,
    description: "When and how much of the bill was recovered: the write-offs (销帐) that settled it, oldest first; empty while nothing was. Null, with an error naming billing, when a write-off cannot be read.",
  })
  async settlements(@Root() bill: Bill, @Ctx() ctx: BillingContext): Promise<Settlement[]> {
    return ctx.loaders.settlements.load(bill.billNo);
  }
}

@Resolver(() => Customer)
export class CustomerStainsResolver {
  @FieldResolver(() => [CreditStain], {
    nullable: true,
    description:
      "The stops of the customer's services billing records (SERV_STOP) started on or before the reference date, newest first: the credit stains the credit judgement weighs. Null, with an error naming billing, when billing cannot be read.",
  })
  async creditStains(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<CreditStain[]> {
    const stops = await ctx.loaders.suspensionsByCustomer.load(customer.id);
    return stops
      .filter((stop) => stop.from <= ctx.asOf)
      .map((stop) => ({ serviceNo: stop.serviceNo, kind: stop.reason, from: stop.from, until: stop.until, subscription: { serviceNo: stop.serviceNo } }));
  }
}
