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

/** Every judgement reads from all four sources' facts; the planner fetches each source once per level. */
const FACTS = '@requires(fields: "billingFacts profileFacts networkFacts keyAccountFacts")';

@Resolver(() => Customer)
export class JudgementResolver {
  @Query(() => LocalDate, { description: "The reference date every judgement is computed as of (arrears ages, 12-month windows)." })
  judgementsAsOf(@Ctx() ctx: InsightsContext): string {
    return ctx.asOf;
  }

  @FieldResolver(() => Credit)
  @Directive(FACTS)
  credit(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Credit {
    return assessCredit(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => Loyalty)
  @Directive(FACTS)
  loyalty(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Loyalty {
    return assessLoyalty(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => Satisfaction, { nullable: true, description: "Null when the customer has no usable survey; satisfactionMissingReason says why." })
  @Directive(FACTS)
  satisfaction(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Satisfaction | null {
    return assessSatisfaction(ctx.factsOf(customer), ctx.model).result;
  }

  @FieldResolver(() => String, { nullable: true, description: "Why satisfaction is null; null when it is not." })
  @Directive(FACTS)
  satisfactionMissingReason(@Root() customer: Customer, @Ctx() ctx: InsightsContext): string | null {
    return assessSatisfaction(ctx.factsOf(customer), ctx.model).reason;
  }

  @FieldResolver(() => ValueTier)
  @Directive(FACTS)
  valueTier(@Root() customer: Customer, @Ctx() ctx: InsightsContext): ValueTier {
    return assessValueTier(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => PotentialKeyAccount)
  @Directive(FACTS)
  potentialKeyAccount(@Root() customer: Customer, @Ctx() ctx: InsightsContext): PotentialKeyAccount {
    return assessPotentialKeyAccount(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => Arrears)
  @Directive(FACTS)
  arrears(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Arrears {
    return assessArrears(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => ChurnRisk)
  @Directive(FACTS)
  churnRisk(@Root() customer: Customer, @Ctx() ctx: InsightsContext): ChurnRisk {
    return assessChurnRisk(ctx.factsOf(customer), ctx.model);
  }

  @FieldResolver(() => Abnormal)
  @Directive(FACTS)
  abnormal(@Root() customer: Customer, @Ctx() ctx: InsightsContext): Abnormal {
    return assessAbnormal(ctx.factsOf(customer), ctx.model);
  }
}
