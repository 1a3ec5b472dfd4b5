import { Ctx, Directive, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { LocalDate } from "../kit/scalars.js";
import type { InsightsContext } from "./context.js";
import {
  assessAbnormal,
  assessArrears,
  assessChurnRisk,
  assessCredit,
  assessLoyalty,
  assessPotentialKeyAccount,
  assessSatisfaction,
  assessValueTier,
} from "./judgements/index.js";
import { Abnormal, Arrears, ChurnRisk, Credit, Customer, Loyalty, PotentialKeyAccount, Satisfaction, ValueTier } from "./types.js";

/**
 * The facts each judgement reads (its own and those of the judgements it builds on): the planner then
 * fetches only the sources a query needs, each once per level. A missing name fails the tests loudly.
 */
const requires = (...facts: string[]) => `@requires(fields: "${facts.join(" ")}")`;
const BILLING_PROFILE = requires("billingFacts", "profileFacts");

@Resolver(() => Customer)
export class JudgementResolver {
  @Query(() => LocalDate, { nullable: true, description: "The reference date every judgement is computed as of (arrears ages, 12-month windows)." })
  judgementsAsOf(@Ctx() ctx: InsightsContext): string {
    return ctx.asOf;
  }

  @FieldResolver(() => Credit, { nullable: true, description: "信用度, computed by insights from billing and business-hall facts; null, with an error naming the source, when one cannot be read." })
  @Directive(BILLING_PROFILE)
  credit(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Credit {
    return { ...assessCredit(ctx.factsOf(customer), ctx.model), customerId: customer.id };
  }

  @FieldResolver(() => Loyalty, { nullable: true, description: "忠诚度, computed by insights from billing and business-hall facts; null, with an error naming the source, when one cannot be read." })
  @Directive(BILLING_PROFILE)
  loyalty(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Loyalty {
    return { ...assessLoyalty(ctx.factsOf(customer), ctx.model), customerId: customer.id };
  }

  @FieldResolver(() => Satisfaction, { nullable: true, description: "Null when the customer has no usable survey; satisfactionMissingReason says why." })
  @Directive(requires("profileFacts"))
  satisfaction(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Satisfaction | null {
    const { result } = assessSatisfaction(ctx.factsOf(customer), ctx.model);
    return result && { ...result, customerId: customer.id };
  }

  @FieldResolver(() => String, { nullable: true, description: "Why satisfaction is null; null when it is not." })
  @Directive(requires("profileFacts"))
  satisfactionMissingReason(@Root() customer: Customer, @Ctx() ctx: InsightsContext): string | null {
    return assessSatisfaction(ctx.factsOf(customer), ctx.model).reason;
  }

  @FieldResolver(() => ValueTier, { nullable: true, description: "价值分级, computed by insights from all four systems' facts; null, with an error naming the source, when one cannot be read." })
  @Directive(requires("billingFacts", "profileFacts", "networkFacts", "keyAccountFacts"))
  valueTier(@Root() customer: Customer, @Ctx() ctx: InsightsContext): ValueTier {
    return { ...assessValueTier(ctx.factsOf(customer), ctx.model), customerId: customer.id };
  }

  @FieldResolver(() => PotentialKeyAccount, { nullable: true, description: "潜在大客户, computed by insights from billing, business-hall and key-account facts; null, with an error naming the source, when one cannot be read." })
  @Directive(requires("billingFacts", "profileFacts", "keyAccountFacts"))
  potentialKeyAccount(@Root() customer: Customer, @Ctx() ctx: InsightsContext): PotentialKeyAccount {
    return assessPotentialKeyAccount(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => Arrears, { nullable: true, description: "欠费, computed by insights from billing's facts; null, with an error naming billing, when it cannot be read." })
  @Directive(requires("billingFacts"))
  arrears(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Arrears {
    return assessArrears(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => ChurnRisk, { nullable: true, description: "流失 risk, computed by insights from billing and business-hall facts; null, with an error naming the source, when one cannot be read." })
  @Directive(BILLING_PROFILE)
  churnRisk(@Root() customer: Customer, @Ctx() ctx: InsightsContext): ChurnRisk {
    return assessChurnRisk(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => Abnormal, { nullable: true, description: "异常客户 flags, computed by insights from billing and business-hall facts; null, with an error naming the source, when one cannot be read." })
  @Directive(BILLING_PROFILE)
  abnormal(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Abnormal {
    return assessAbnormal(ctx.factsOf(customer), ctx.model);
  }
}
