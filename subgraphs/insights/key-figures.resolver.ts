import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { badUserInput } from "../kit/errors.js";
import type { InsightsContext } from "./context.js";
import { assessOpenFaults } from "./judgements/open-faults.js";
import { MAX_TREND_MONTHS, revenueTrend } from "./judgements/revenue-trend.js";
import { OpenFaults, RevenueMonth } from "./key-figures.types.js";
import { Customer } from "./types.js";

/**
 * The figures a key-account manager glances at per customer on the move: open faults, and revenue with
 * ARPU and ARPA month by month. Computed like the judgements, from the facts the planner fetches.
 */
@Resolver(() => Customer)
export class KeyFiguresResolver {
  @FieldResolver(() => OpenFaults, { nullable: true, description: "Faults still open on the customer's lines, computed by insights from network management's trouble tickets; null when network management or the business hall cannot be read." })
  @Directive('@requires(fields: "networkFacts")')
  openFaults(@Root() customer: Customer, @Ctx() ctx: InsightsContext): OpenFaults {
    return assessOpenFaults(ctx.factsOf(customer));
  }

  @FieldResolver(() => [RevenueMonth], { nullable: true, description: "Revenue, ARPU and ARPA month by month, oldest first, over the closed billing months before the reference date (judgementsAsOf); computed by insights from billing's bills, services and accounts, and the business hall's work orders, which date the services held on the reference date. Null when billing or the business hall cannot be read." })
  @Directive('@requires(fields: "billingFacts profileFacts")')
  revenueTrend(
    @Root() customer: Customer,
    @Arg("months", () => Int, { defaultValue: MAX_TREND_MONTHS, description: `How many months, 1 to ${MAX_TREND_MONTHS} (billing's facts carry each account's last ${MAX_TREND_MONTHS} billing months).` }) months: number,
    @Ctx() ctx: InsightsContext,
  ): RevenueMonth[] {
    if (!Number.isInteger(months) || months < 1 || months > MAX_TREND_MONTHS) throw badUserInput(`revenueTrend: months must be between 1 and ${MAX_TREND_MONTHS}`);
    return revenueTrend(ctx.factsOf(customer), months);
  }
}
