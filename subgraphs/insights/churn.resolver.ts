import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { serviceUsageFactsSchema } from "../kit/usage-facts.js";
import { checkedPart, type InsightsContext } from "./context.js";
import { ChurnEvent, CustomerRelationship, LittleUsedLine } from "./churn.types.js";
import { assessRelationship, churnEvents, littleUsedLines } from "./judgements/index.js";
import { Customer } from "./types.js";

/** As in customer.resolver.ts: each field requires exactly the facts its judgement reads. */
const requires = (...facts: string[]) => `@requires(fields: "${facts.join(" ")}")`;

@Resolver(() => Customer)
export class ChurnResolver {
  @FieldResolver(() => [ChurnEvent], {
    nullable: true,
    description:
      "流失 events (seed 002 §3.2.1.9), newest first: the business hall's completed removals and moves with their reasons, surveys saying the customer uses another carrier, " +
      "and the month billed usage fell below the customer's usual level (billing). Null, with an error naming the source, when the hall's or billing's facts cannot be read.",
  })
  @Directive(requires("billingFacts", "profileFacts"))
  churnEvents(@Root() customer: Customer, @Ctx() ctx: InsightsContext): ChurnEvent[] {
    return churnEvents(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => CustomerRelationship, {
    nullable: true,
    description:
      "客户与企业的关系: current, potential, former, a competitor's, or shared with a competitor, with the facts that decided it; computed by insights from the business hall's lines, " +
      "work orders and surveys, and for customers holding lines billing's revenue and the key-account system (potential key accounts). Null, with an error naming the source, when one cannot be read.",
  })
  @Directive(requires("billingFacts", "profileFacts", "keyAccountFacts"))
  relationshipStatus(@Root() customer: Customer, @Ctx() ctx: InsightsContext): CustomerRelationship {
    return assessRelationship(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => [LittleUsedLine], {
    nullable: true,
    description:
      "Lines installed but little used (装机但使用很少, 热装冷用): held on the reference date and for at least littleUsed.minHeldMonths, not barred, whose own usage as billing rated it " +
      "(SERV_USAGE_MONTH: calls, data and messages, basic fees left out) averages under littleUsed.maxMonthlyFen a month over the last 12 closed months (config/scoring.json); leased lines, " +
      "which billing does not rate, are left out. Computed by insights from billing's services and usage and the business hall's work orders (which date lines held). " +
      "Null, with an error naming the source, when one cannot be read.",
  })
  @Directive(requires("billingFacts", "profileFacts", "serviceUsageFacts"))
  littleUsedLines(@Root() customer: Customer, @Ctx() ctx: InsightsContext): LittleUsedLine[] {
    const usage = checkedPart(customer, "serviceUsageFacts", serviceUsageFactsSchema);
    return littleUsedLines(ctx.factsOf(customer), usage, ctx.model);
  }
}
