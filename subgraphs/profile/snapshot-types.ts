import { Field, Float, Int, ObjectType } from "type-graphql";
import { SEGMENT_DIMENSIONS, type SegmentDimension } from "../../adapters/snapshot/port.js";
import type * as snapshot from "../../adapters/snapshot/port.js";
import { RelationshipStatusEnum } from "../kit/churn-enums.js";
import { graphqlEnum } from "../kit/enums.js";
import { AbnormalCodeEnum, ArrearsBucketEnum, BlackListStatusEnum, CreditListEnum, CustomerValueTierEnum, DunningStageEnum, ScoreLevelEnum } from "../kit/judgement-enums.js";
import { DateTime, LocalDate, SafeInt } from "../kit/scalars.js";

export const SegmentDimensionEnum = graphqlEnum(
  "SegmentDimension",
  SEGMENT_DIMENSIONS,
  "The seed's segmentations (seed 002 §3.2.1, item 10), read from the judgement snapshot: region (province, local network), kind, industry, value tier, credit list, churn-risk level, key-account relationship, satisfaction level, loyalty level, relationship status.",
);

// simpleResolvers: plain properties, read by graphql-js itself (see types.ts).
@ObjectType({ simpleResolvers: true, description: "Which judgement snapshot a list or report was read from (npm run snapshot writes it from the four systems' facts)." })
export class SnapshotAsOf {
  @Field(() => LocalDate, { description: "The reference date the snapshot's judgements were computed as of." })
  asOf!: string;
  @Field(() => DateTime, { description: "When the snapshot run that wrote them finished." })
  computedAt!: string;
}

@ObjectType({ simpleResolvers: true, description: "One dimension's value in a segment's key." })
export class SegmentKeyPart {
  @Field(() => SegmentDimensionEnum, { description: "The dimension grouped by." })
  dimension!: SegmentDimension;
  @Field(() => String, {
    nullable: true,
    description:
      "Its value in the snapshot: a region or industry code, or an enum value (CustomerKind, CustomerValueTier, CreditList, ScoreLevel, Relationship, RelationshipStatus); null for customers without one (no industry, on no list, not a key account, no survey, not judged).",
  })
  value!: string | null;
  @Field(() => String, { nullable: true, description: "The Chinese term of an enum value, as the seed names it; null for codes (regions and industries) and for no value." })
  label!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A group of customers sharing one value of every dimension asked, with its sums from the judgement snapshot." })
export class Segment {
  @Field(() => [SegmentKeyPart], { description: "One part per dimension, in the order of groupBy." })
  key!: SegmentKeyPart[];
  @Field(() => Int, { description: "Customers in the group." })
  count!: number;
  @Field(() => SafeInt, { description: "Their revenue over the last 12 months in fen (billing, as the value tier sums it); unknown amounts count as 0." })
  revenue12mFen!: number;
  @Field(() => SafeInt, { description: "What they owe past due in fen (billing's arrears); unknown amounts count as 0." })
  arrearsFen!: number;
}

@ObjectType({ simpleResolvers: true, description: "Customers the caller may see, grouped: every matching customer falls in exactly one group." })
export class SegmentReport {
  @Field(() => [Segment], { description: "The groups in key order." })
  groups!: Segment[];
  @Field(() => Int, { description: "The sum of the groups' counts: as many as customers(filter) has for the same filter." })
  totalCount!: number;
  @Field(() => SnapshotAsOf, { description: "The snapshot the report was read from." })
  snapshotAsOf!: SnapshotAsOf;
}

const JUDGED = "as the snapshot judged it; null when that judgement could not be made";

@ObjectType({
  simpleResolvers: true, description:
    "The customer's judgements as the latest judgement snapshot holds them (npm run snapshot, computed by insights' rules from the four systems): the values lists filter, order and group on. The customer's own fields (credit, valueTier …) are computed now.",
})
export class JudgementSnapshot {
  @Field(() => LocalDate, { description: "The reference date the judgements were computed as of." }) asOf!: string;
  @Field(() => DateTime, { description: "When they were computed." }) computedAt!: string;
  @Field(() => CustomerValueTierEnum, { nullable: true, description: `Value tier, ${JUDGED}.` }) valueTier!: snapshot.ValueTier | null;
  @Field(() => Float, { nullable: true, description: `Credit score, ${JUDGED}.` }) creditScore!: number | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `Credit level, ${JUDGED}.` }) creditLevel!: snapshot.ScoreLevel | null;
  @Field(() => CreditListEnum, { nullable: true, description: `Credit list, ${JUDGED}.` }) creditList!: snapshot.CreditList | null;
  @Field(() => BlackListStatusEnum, { nullable: true, description: `On the black list, whether still in service or former, ${JUDGED}; null when not on the black list.` })
  blackListStatus!: snapshot.BlackListStatus | null;
  @Field(() => Float, { nullable: true, description: `Loyalty score, ${JUDGED}.` }) loyaltyScore!: number | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `Loyalty level, ${JUDGED}.` }) loyaltyLevel!: snapshot.ScoreLevel | null;
  @Field(() => Float, { nullable: true, description: `Satisfaction score, ${JUDGED} (or the customer answered no survey).` }) satisfactionScore!: number | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `Satisfaction level, ${JUDGED} (or the customer answered no survey).` })
  satisfactionLevel!: snapshot.ScoreLevel | null;
  @Field(() => RelationshipStatusEnum, { nullable: true, description: `Relationship status, ${JUDGED}.` }) relationshipStatus!: snapshot.RelationshipStatus | null;
  @Field(() => ArrearsBucketEnum, { nullable: true, description: `Age of the oldest unpaid amount, ${JUDGED}.` }) arrearsBucket!: snapshot.ArrearsBucket | null;
  @Field(() => SafeInt, { nullable: true, description: `Arrears in fen (billing), ${JUDGED}.` }) arrearsFen!: number | null;
  @Field(() => DunningStageEnum, { nullable: true, description: `Dunning stage, ${JUDGED}.` }) dunningStage!: snapshot.DunningStage | null;
  @Field(() => Boolean, { nullable: true, description: `Whether a potential key account, ${JUDGED}.` }) potentialKeyAccount!: boolean | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `Churn-risk level, ${JUDGED}.` }) churnRiskLevel!: snapshot.ScoreLevel | null;
  @Field(() => [AbnormalCodeEnum], { description: "Abnormal flags the snapshot found; none when it could not judge." }) abnormalFlags!: snapshot.AbnormalCode[];
  @Field(() => SafeInt, { nullable: true, description: `Revenue of the last 12 months in fen (billing), ${JUDGED}.` }) revenue12mFen!: number | null;
  @Field(() => SafeInt, { nullable: true, description: `Average revenue per line per month in fen, ${JUDGED}.` }) arpuFen!: number | null;
  @Field(() => SafeInt, { nullable: true, description: `Average revenue per account per month in fen, ${JUDGED}.` }) arpaFen!: number | null;
}
