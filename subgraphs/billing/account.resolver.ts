import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { ACCOUNT_NO } from "../../adapters/kit/canonical-ids.js";
import { badUserInput } from "../kit/errors.js";
import type { BillingContext } from "./context.js";
import { Account, Bill, BillItem, Customer, DunningAction, Payment, toAccount } from "./types.js";

const MAX_MONTHS = 120;

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: "A billing account by its number; null when unknown." })
  async account(@Arg("accountNo", () => ID) accountNo: string, @Ctx() ctx: BillingContext): Promise<Account | null> {
    if (!ACCOUNT_NO.test(accountNo)) throw badUserInput(`"${accountNo.slice(0, 40)}" is not an account number (88 + 12 digits)`);
    const found = await ctx.loaders.accounts.load(accountNo);
    return found && toAccount(found);
  }

  @FieldResolver(() => [Bill], { description: "Newest month first." })
  async bills(
    @Root() account: Account,
    @Arg("unpaidOnly", () => Boolean, { defaultValue: false, description: "Only bills with money still owed." }) unpaidOnly: boolean,
    @Arg("last", () => Int, { nullable: true, description: "Only the account's last N billing months." }) last: number | null | undefined,
    @Ctx() ctx: BillingContext,
  ): Promise<Bill[]> {
    if (last != null && (last < 1 || last > MAX_MONTHS)) throw badUserInput(`last must be between 1 and ${MAX_MONTHS}`);
    return ctx.loaders.bills({ unpaidOnly, ...(last != null ? { lastMonths: last } : {}) }).load(account.accountNo);
  }

  @FieldResolver(() => [Payment], { description: "Newest first." })
  async payments(@Root() account: Account, @Ctx() ctx: BillingContext): Promise<Payment[]> {
    return ctx.loaders.payments.load(account.accountNo);
  }

  @FieldResolver(() => [DunningAction], { description: "Oldest first." })
  async dunningActions(@Root() account: Account, @Ctx() ctx: BillingContext): Promise<DunningAction[]> {
    return ctx.loaders.dunning.load(account.accountNo);
  }
}

@Resolver(() => Bill)
export class BillResolver {
  @FieldResolver(() => [BillItem], { description: "What the bill is made of: fees, usage and discounts." })
  async items(@Root() bill: Bill, @Ctx() ctx: BillingContext): Promise<BillItem[]> {
    return ctx.loaders.billItems.load(bill.billNo);
  }
}

@Resolver(() => Customer)
export class CustomerAccountsResolver {
  @FieldResolver(() => [Account])
  async accounts(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<Account[]> {
    return (await ctx.loaders.accountsByCustomer.load(customer.id)).map(toAccount);
  }
}
