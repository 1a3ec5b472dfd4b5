import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { MAX_USAGE_PAGE, checkUsageRecordRequest } from "../../adapters/billing/port.js";
import { personal } from "../kit/mask.js";
import { SafeInt as SafeIntType } from "../kit/scalars.js";
import type { BillingContext } from "./context.js";
import { Account, AccountService, Customer } from "./types.js";
import { FeeLine, UsageRecordPage, UsageSummary, toUsageSummary } from "./usage.types.js";

/**
 * Usage and fees from billing: reached through accounts, which are scope-checked where they are reached
 * (customer.accounts, the Account reference), so a service's usage is never shown outside its customer's scope.
 */

@Resolver(() => AccountService)
export class ServiceUsageResolver {
  @FieldResolver(() => [UsageSummary], {
    nullable: true,
    description: "The service's usage per billing cycle and class (SERV_USAGE_MONTH), newest cycle first: calls, minutes, in and out, peak and off-peak, data volume, fees. Null, with an error naming billing, when billing cannot be read.",
  })
  async usage(@Root() service: AccountService, @Ctx() ctx: BillingContext): Promise<UsageSummary[]> {
    return (await ctx.loaders.usageSummaries.load(service.serviceNo)).map(toUsageSummary);
  }

  @FieldResolver(() => UsageRecordPage, {
    nullable: true,
    description: "The service's itemised records (清单) of one billing cycle, newest first, a page at a time; the other party's number is masked without the PII right. Null, with an error naming billing, when billing cannot be read.",
  })
  async usageRecords(
    @Root() service: AccountService,
    @Ctx() ctx: BillingContext,
    @Arg("month", () => String, { description: "The billing cycle, YYYY-MM." }) month: string,
    @Arg("first", () => Int, { defaultValue: 50, description: `At most this many records, 1 to ${MAX_USAGE_PAGE}.` }) first: number,
    @Arg("after", () => String, { nullable: true, description: "The nextCursor of the page before; omit for the newest records." }) after: string | null,
  ): Promise<UsageRecordPage> {
    const request = { serviceNo: service.serviceNo, month, first, after: after ?? null };
    // Checked alone first: a bad month or cursor costs this field, not the others batched with it.
    checkUsageRecordRequest(request);
    const page = await ctx.loaders.usageRecords.load(request);
    return {
      nextCursor: page.nextCursor,
      records: page.records.map(({ serviceNo: _, month: __, ...r }) => ({ ...r, otherParty: personal(r.otherParty, ctx.scope.pii) })),
    };
  }
}

@Resolver(() => Account)
export class AccountFeesResolver {
  @FieldResolver(() => [FeeLine], {
    nullable: true,
    description: "The fee composition of the account's bills over its last 12 billed cycles: per cycle and item type, newest first (ACCT_ITEM). Null, with an error naming billing, when billing cannot be read.",
  })
  async feeTrend(@Root() account: Account, @Ctx() ctx: BillingContext): Promise<FeeLine[]> {
    return ctx.loaders.feeTrends.load(account.accountNo);
  }
}

@Resolver(() => Customer)
export class CustomerFeesResolver {
  @FieldResolver(() => [FeeLine], {
    nullable: true,
    description: "The fee composition of all the customer's accounts summed per cycle and item type, over each account's last 12 billed cycles, newest first (ACCT_ITEM). Null, with an error naming billing, when billing cannot be read.",
  })
  async feeTrend(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<FeeLine[]> {
    const accounts = await ctx.loaders.accountsByCustomer.load(customer.id);
    const lines = await ctx.loaders.feeTrends.loadMany(accounts.map((a) => a.accountNo));
    const sums = new Map<string, FeeLine>();
    for (const list of lines) {
      if (list instanceof Error) throw list;
      for (const l of list) {
        const key = `${l.month}|${l.type}`;
        const line = sums.get(key) ?? { month: l.month, type: l.type, amountFen: 0 };
        line.amountFen += l.amountFen;
        sums.set(key, line);
      }
    }
    return [...sums.values()].sort((a, b) => b.month.localeCompare(a.month) || a.type.localeCompare(b.type));
  }

  @FieldResolver(() => SafeIntType, {
    nullable: true,
    description: "The customer's prepayment balance: the money held on all its accounts not yet applied to bills (the sum of ACCT.BALANCE), in fen. Null, with an error naming billing, when billing cannot be read.",
  })
  async prepaymentBalanceFen(@Root() customer: Customer, @Ctx() ctx: BillingContext): Promise<number> {
    return (await ctx.loaders.accountsByCustomer.load(customer.id)).reduce((sum, a) => sum + a.balanceFen, 0);
  }
}
