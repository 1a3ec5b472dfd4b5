import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { MonthlyJudgement } from "../../adapters/snapshot/port.js";
import { badUserInput } from "../kit/errors.js";
import type { InsightsContext } from "./context.js";
import { CreditMonth, LoyaltyMonth, SatisfactionMonth, ValueTierMonth } from "./history.types.js";
import { Credit, Customer, Loyalty, Satisfaction, ValueTier } from "./types.js";

export const MAX_HISTORY_MONTHS = 36;

const MONTHS = { defaultValue: 12, description: `How many months back from the newest snapshot month, 1 to ${MAX_HISTORY_MONTHS}.` };
const HISTORY =
  "How the customer moved, newest month first, from the monthly judgement snapshot; months the snapshot never judged the customer are absent. " +
  "Null, with SOURCE_UNAVAILABLE naming the snapshot, when the store cannot be read: the judgement itself does not depend on it.";

/** Every customer's months of one request come from one store query (ctx.history batches them). */
function monthsOf(ctx: InsightsContext, customerId: string, months: number): Promise<MonthlyJudgement[]> {
  if (!Number.isInteger(months) || months < 1 || months > MAX_HISTORY_MONTHS) throw badUserInput(`history: months must be between 1 and ${MAX_HISTORY_MONTHS}`);
  return ctx.history(months).load(customerId);
}

@Resolver(() => Credit)
export class CreditHistoryResolver {
  @FieldResolver(() => [CreditMonth], { nullable: true, description: HISTORY })
  async history(@Root() credit: Credit, @Arg("months", () => Int, MONTHS) months: number, @Ctx() ctx: InsightsContext): Promise<CreditMonth[]> {
    return (await monthsOf(ctx, credit.customerId, months)).map((m) => ({ month: m.month, asOf: m.asOf, score: m.creditScore, level: m.creditLevel, list: m.creditList }));
  }
}

@Resolver(() => ValueTier)
export class ValueTierHistoryResolver {
  @FieldResolver(() => [ValueTierMonth], { nullable: true, description: HISTORY })
  async history(@Root() tier: ValueTier, @Arg("months", () => Int, MONTHS) months: number, @Ctx() ctx: InsightsContext): Promise<ValueTierMonth[]> {
    return (await monthsOf(ctx, tier.customerId, months)).map((m) => ({ month: m.month, asOf: m.asOf, tier: m.valueTier, arpuFen: m.arpuFen, revenue12mFen: m.revenue12mFen }));
  }
}

@Resolver(() => Loyalty)
export class LoyaltyHistoryResolver {
  @FieldResolver(() => [LoyaltyMonth], { nullable: true, description: HISTORY })
  async history(@Root() loyalty: Loyalty, @Arg("months", () => Int, MONTHS) months: number, @Ctx() ctx: InsightsContext): Promise<LoyaltyMonth[]> {
    return (await monthsOf(ctx, loyalty.customerId, months)).map((m) => ({ month: m.month, asOf: m.asOf, score: m.loyaltyScore, level: m.loyaltyLevel }));
  }
}

async function satisfactionMonths(ctx: InsightsContext, customerId: string, months: number): Promise<SatisfactionMonth[]> {
  return (await monthsOf(ctx, customerId, months)).map((m) => ({ month: m.month, asOf: m.asOf, score: m.satisfactionScore, level: m.satisfactionLevel }));
}

@Resolver(() => Satisfaction)
export class SatisfactionHistoryResolver {
  @FieldResolver(() => [SatisfactionMonth], { nullable: true, description: `${HISTORY} The same months as Customer.satisfactionHistory.` })
  async history(@Root() satisfaction: Satisfaction, @Arg("months", () => Int, MONTHS) months: number, @Ctx() ctx: InsightsContext): Promise<SatisfactionMonth[]> {
    return satisfactionMonths(ctx, satisfaction.customerId, months);
  }
}

/** The customer's satisfaction history, reachable when satisfaction itself is null now: it needs no facts, only the snapshot. */
@Resolver(() => Customer)
export class CustomerSatisfactionHistoryResolver {
  @FieldResolver(() => [SatisfactionMonth], {
    nullable: true,
    description:
      "满意度 month by month, as satisfaction.history gives it, also for a customer whose satisfaction is null now (no usable survey of the business hall's): months with no usable survey have a null score. " +
      HISTORY,
  })
  async satisfactionHistory(@Root() customer: Customer, @Arg("months", () => Int, MONTHS) months: number, @Ctx() ctx: InsightsContext): Promise<SatisfactionMonth[]> {
    return satisfactionMonths(ctx, customer.id, months);
  }
}
