import { Field, Float, Int, ObjectType } from "type-graphql";
import type * as snapshot from "../../adapters/snapshot/port.js";
import { ScoreLevelEnum } from "../kit/judgement-enums.js";
import { SegmentKeyPart, SnapshotAsOf } from "./snapshot-types.js";

// simpleResolvers: plain properties, read by graphql-js itself (see types.ts).
@ObjectType({ simpleResolvers: true, description: "How many customers of a group were at one level." })
export class LevelCount {
  @Field(() => ScoreLevelEnum, { description: "The level, on the cut points 95 / 80 / 60 / 40." }) level!: snapshot.ScoreLevel;
  @Field(() => String, { description: "The seed's term of the level for this judgement, e.g. 满意 or 忠诚." }) label!: string;
  @Field(() => Int, { description: "Customers at the level." }) count!: number;
}

@ObjectType({ simpleResolvers: true, description: "How one judgement fell over a group's customers in one month." })
export class LevelDistribution {
  @Field(() => Int, { description: "Customers the judgement was made for (for satisfaction: with a survey recent enough); the levels' counts add up to it." }) judged!: number;
  @Field(() => Float, { nullable: true, description: "The judged customers' mean score, 0–100; null when none was judged." }) averageScore!: number | null;
  @Field(() => [LevelCount], { description: "Every level, highest first, 0 when nobody was at it." }) levels!: LevelCount[];
}

@ObjectType({ simpleResolvers: true, description: "A group's satisfaction and loyalty at the end of one month, from the monthly judgement snapshot." })
export class LevelHistoryMonth {
  @Field(() => String, { description: "The month, YYYY-MM." }) month!: string;
  @Field(() => Int, { description: "The group's customers the snapshot judged that month." }) customers!: number;
  @Field(() => LevelDistribution, { description: "满意度 levels (seed 002 §3.2.1.3)." }) satisfaction!: LevelDistribution;
  @Field(() => LevelDistribution, { description: "忠诚度 levels (seed 002 §3.2.1.4)." }) loyalty!: LevelDistribution;
}

@ObjectType({ simpleResolvers: true, description: "One group of customers (one value of every dimension asked) and its months." })
export class LevelHistoryGroup {
  @Field(() => [SegmentKeyPart], { description: "One part per dimension, in the order of groupBy; empty when grouped by nothing." }) key!: SegmentKeyPart[];
  @Field(() => [LevelHistoryMonth], { description: "Oldest month first; months the snapshot judged none of the group are absent." }) months!: LevelHistoryMonth[];
}

@ObjectType({ simpleResolvers: true, description: "Satisfaction and loyalty of groups of customers month by month (seed 002 §3.2.1.3–4: 不同时期, 客户群)." })
export class LevelHistoryReport {
  @Field(() => [LevelHistoryGroup], { description: "The groups in key order." }) groups!: LevelHistoryGroup[];
  @Field(() => SnapshotAsOf, { description: "The latest snapshot run, whose rows decide the groups and the filter." }) snapshotAsOf!: SnapshotAsOf;
}
