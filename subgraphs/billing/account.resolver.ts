import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { ACCOUNT_NO } from "../../adapters/billing/port.js";
import { badUserInput } from "../kit/errors.js";
import { afterArg, firstArg, pageOf } from "../kit/paging.js";
import { checkCustomer } from "../kit/scope.js";
import type { BillingContext } from "./context.js";
import { Account, Bill, BillItem, Customer, DunningAction, Payment, toAccount } from "./types.js";

const MAX_MONTHS = 120;
const BILLS = { defaultFirst: 24, max: 240 };
const PAYMENTS = { defaultFirst: 50, max: 500 };
const DUNNING = { defaultFirst: 50, max: 500 };

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: "A billing account by its number; null when unknown." })
  async account(@Arg("accountNo", () => ID, { description: "Billing's account number (ACCT.ACCT_NBR): 88 + 12 digits." }) accountNo: string, @Ctx() ctx: BillingContext): Promise<Account | null> {
    if (!ACCOUNT_NO.test(accountNo)) throw badUserInput(`"${accountNo.slice(0, 40)}" is not an account number (88 + 12 digits)`);
    const found = await ctx.loaders.accounts.load(accountNo);
    if (found) await checkCustomer(ctx.scope, found.customerId, `account ${accountNo}`);
    return found && toAccount(found, ctx.scope.pii);
  }

  @FieldResolver(() => [Bill], { description: "Newest month first." })
  async bills(
    @Root() account: Account,
    @Arg("unpaidOnly", () => Boolean, { defaultValue: false, description: "Only bills with money still owed." }) unpaidOnly: boolean,
    @Arg("last", () => Int, { nullable: true, description: "Only the account's last N billing months." }) last: number | null | undefined,
    @Arg("first", () => Int, firstArg(BILLS)) first: number,
    @Arg("after", () => String, afterArg("billNo")) after: string | null | undefined,
    @Ctx() ctx: BillingContext,
  ): Promise<Bill[]> {
    if (last != null && (last < 1 || last > MAX_MONTHS)) throw badUserInput(`last must be between 1 and ${MAX_MONTHS}`);
    const bills = await ctx.loaders.bills({ unpaidOnly, ...(last != null ? { lastMonths: last } : {}) }).load(account.accountNo);
    return pageOf(bills, (b) => b.billNo, first, after, BILLS, "bills");
  }

  @FieldResolver(() => [Payment], { description: "Newest first, a page at a time." })
  async payments(
    @Root() account: Account,
    @Arg("first", () => Int, firstArg(PAYMENTS)) first: number,
    @Arg("after", () => String, afterArg("paymentId")) after: string | null | undefined,
    @Ctx() ctx: BillingContext,
  ): Promise<Payment[]> {
    return pageOf(await ctx.loaders.payments.load(account.accountNo), (p) => p.paymentId, first, after, PAYMENTS, "payments");
  }

  @FieldResolver(() => [DunningAction], { description: "Oldest first, a page at a time." })
  async dunningActions(
    @Root() account: Account,
    @Arg("first", () => Int, firstArg(DUNNING)) first: number,
    @Arg("after", () => String, afterArg("month/attempt (e.g. 2026-09/2)")) after: string | null | undefined,
    @Ctx() ctx: BillingContext,
  ): Promise<DunningAction[]> {
    return pageOf(await ctx.loaders.dunning.load(account.accountNo), (d) => `${d.month}/${d.attempt}`, first, after, DUNNING, "dunningActions");
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
  @FieldResolver(() => [Account], { nullable: true, description: "Null, with an error naming billing, when billing cannot be read." })
  async accounts(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<Account[]> {
    return (await ctx.loaders.accountsByCustomer.load(customer.id)).map((a) => toAccount(a, ctx.scope.pii));
  }
}
