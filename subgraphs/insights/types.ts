import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import type * as j from "./judgements/index.js";
import { graphqlEnum } from "../kit/enums.js";
import { JSONObject, LocalDate, SafeInt } from "../kit/scalars.js";

const ScoreLevel = graphqlEnum("ScoreLevel", ["VERY_HIGH", "HIGH", "MEDIUM", "LOW", "VERY_LOW"] satisfies j.Level[], "Five levels on the cut points 95 / 80 / 60 / 40 (churn risk: its own, see docs/scoring.md).");
const CreditList = graphqlEnum("CreditList", ["RED", "GREY", "BLACK"] satisfies j.CreditList[], "红名单 good · 灰名单 ordinary · 黑名单 bad.");
const SatisfactionLabel = graphqlEnum("SatisfactionLabel", ["VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "VERY_DISSATISFIED"] satisfies j.SatisfactionLabel[]);
const SatisfactionGroup = graphqlEnum("SatisfactionGroup", ["SERVICE", "QUALITY", "VALUE"] satisfies j.SatisfactionGroup[]);
const CustomerValueTier = graphqlEnum("CustomerValueTier", ["LOW_LET_GO", "LOW_KEEP", "ORDINARY", "HIGH", "IMPORTANT"] satisfies j.ValueTier[]);
const DunningStage = graphqlEnum("DunningStage", ["NONE", "REMINDER", "PARTIAL_BARRING", "FULL_BARRING", "PRE_CANCELLATION", "WRITE_OFF"] satisfies j.DunningStage[]);
const BarringLevel = graphqlEnum("BarringLevel", ["NONE", "SINGLE", "DOUBLE"] satisfies j.Barring[]);
const AbnormalCode = graphqlEnum("AbnormalCode", ["SPEND_FAR_ABOVE_NORMAL", "SPEND_FAR_BELOW_NORMAL", "SUDDEN_CHANGE", "BLACK_LIST", "ARREARS_OVER_LIMIT"] satisfies j.AbnormalCode[]);

@ObjectType({ description: "One factor of a score: contributions of all factors add up to the score." })
export class Factor {
  @Field(() => String) name!: string;
  @Field(() => Float, { description: "Share of the score, 0–1; a score's weights sum to 1." }) weight!: number;
  @Field(() => Float, { description: "The factor's own sub-score, 0–100." }) value!: number;
  @Field(() => Float, { description: "weight × value, in hundredths." }) contribution!: number;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: "信用度: the seed's six factors." })
export class Credit {
  @Field(() => Float) score!: number;
  @Field(() => ScoreLevel) level!: j.Level;
  @Field(() => CreditList) list!: j.CreditList;
  @Field(() => String) listReason!: string;
  @Field(() => [Factor]) factors!: Factor[];
}

@ObjectType({ description: "忠诚度." })
export class Loyalty {
  @Field(() => Float) score!: number;
  @Field(() => ScoreLevel) level!: j.Level;
  @Field(() => [Factor]) factors!: Factor[];
}

@ObjectType()
export class SatisfactionGroupShare {
  @Field(() => SatisfactionGroup) group!: j.SatisfactionGroup;
  @Field(() => Float) contribution!: number;
}

@ObjectType({ description: "满意度 from the newest survey's nine factors." })
export class Satisfaction {
  @Field(() => Float) score!: number;
  @Field(() => ScoreLevel) level!: j.Level;
  @Field(() => SatisfactionLabel) label!: j.SatisfactionLabel;
  @Field(() => LocalDate) surveyDate!: string;
  @Field(() => [SatisfactionGroupShare]) groups!: SatisfactionGroupShare[];
  @Field(() => [Factor]) factors!: Factor[];
}

@ObjectType()
export class ValueTier {
  @Field(() => CustomerValueTier) tier!: j.ValueTier;
  @Field(() => SafeInt) arpuFen!: number;
  @Field(() => SafeInt) arpaFen!: number;
  @Field(() => SafeInt) revenue12mFen!: number;
  @Field(() => SafeInt) costToServeFen!: number;
  @Field(() => Int) monthsBilled!: number;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: "潜在大客户: revenue just under the key-account threshold." })
export class PotentialKeyAccount {
  @Field(() => Boolean) potential!: boolean;
  @Field(() => SafeInt) revenue12mFen!: number;
  @Field(() => SafeInt) thresholdFen!: number;
  @Field(() => SafeInt) bandFromFen!: number;
  @Field(() => String) reason!: string;
}

@ObjectType()
export class AgeBucket {
  @Field(() => String, { description: "0-30, 31-60, 61-90 or 90+ days past due." }) label!: string;
  @Field(() => SafeInt) amountFen!: number;
}

@ObjectType()
export class DunningRecord {
  @Field(() => Int) automaticAttempts!: number;
  @Field(() => Int) manualAttempts!: number;
  @Field(() => LocalDate, { nullable: true }) lastAttemptOn!: string | null;
}

@ObjectType()
export class ServiceArrears {
  @Field(() => String, { nullable: true, description: "Null for charges not tied to a service." }) serviceNo!: string | null;
  @Field(() => SafeInt) amountFen!: number;
}

@ObjectType()
export class AccountArrears {
  @Field(() => String) accountNo!: string;
  @Field(() => SafeInt) amountFen!: number;
}

@ObjectType({ description: "欠费: unpaid remainders of bills past their due date, as of the reference date." })
export class Arrears {
  @Field(() => SafeInt) totalFen!: number;
  @Field(() => LocalDate, { nullable: true }) oldestDueDate!: string | null;
  @Field(() => Int) daysOverdue!: number;
  @Field(() => [AgeBucket]) buckets!: AgeBucket[];
  @Field(() => DunningStage) dunningStage!: j.DunningStage;
  @Field(() => String) stageReason!: string;
  @Field(() => BarringLevel, { description: "The strongest barring billing applies for arrears now." }) billingBarring!: j.Barring;
  @Field(() => DunningRecord) dunningRecord!: DunningRecord;
  @Field(() => [ServiceArrears]) byService!: ServiceArrears[];
  @Field(() => [AccountArrears]) byAccount!: AccountArrears[];
}

@ObjectType({ description: "流失 risk: 0 no sign of leaving … 100 every sign." })
export class ChurnRisk {
  @Field(() => Float) score!: number;
  @Field(() => ScoreLevel) level!: j.Level;
  @Field(() => [String]) reasons!: string[];
  @Field(() => [Factor]) factors!: Factor[];
}

@ObjectType()
export class AbnormalFlag {
  @Field(() => AbnormalCode) code!: j.AbnormalCode;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: "异常客户: what is out of the ordinary about the customer now." })
export class Abnormal {
  @Field(() => [AbnormalFlag]) flags!: AbnormalFlag[];
}

/** The customer with the facts other subgraphs hold (external: insights owns no data). */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID) id!: string;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") billingFacts!: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") profileFacts!: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") networkFacts!: unknown;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") keyAccountFacts!: unknown;
}
