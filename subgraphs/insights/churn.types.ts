import { Field, Int, ObjectType } from "type-graphql";
import type * as j from "./judgements/index.js";
import { ChurnEventKindEnum, CompetitorEnum, RelationshipStatusEnum, RemovalReasonEnum } from "../kit/churn-enums.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";
import { ProductEnum } from "./product.enum.js";

@ObjectType({ description: "A sign of the customer leaving (流失, seed 002 §3.2.1.9), computed by insights from the business hall's work orders and surveys and billing's bills." })
export class ChurnEvent {
  @Field(() => ChurnEventKindEnum, { description: "Removal or move (the hall's completed work orders), usage falling below the customer's usual level (billing), or a survey saying they use another carrier (the hall)." })
  kind!: j.ChurnEventKind;
  @Field(() => LocalDate, { description: "When: the work order's completion day, the survey's date, or the first day of the billing month usage fell below the level." })
  on!: string;
  @Field(() => String, { nullable: true, description: "The line removed or moved; null for the customer's usage and surveys." }) serviceNo!: string | null;
  @Field(() => String, { nullable: true, description: "The business hall's work order (OrderNo); null for usage and surveys." }) workOrderNo!: string | null;
  @Field(() => RemovalReasonEnum, { nullable: true, description: "Why the line was removed (流失原因), from the hall's removal order; null for other events and when none was recorded." })
  removalReason!: j.RemovalReason | null;
  @Field(() => CompetitorEnum, { nullable: true, description: "Where a line removed to a competitor went (流失的方向); null otherwise." }) competitor!: j.Competitor | null;
  @Field(() => String, { description: "What happened, with the numbers and records behind it." }) reason!: string;
}

@ObjectType({ description: "客户与企业的关系 (seed 002 §3.2.1.10 §2), computed by insights from the business hall's lines, work orders and surveys, and billing's revenue for potential key accounts (docs/scoring.md)." })
export class CustomerRelationship {
  @Field(() => RelationshipStatusEnum, { description: "The first rule that holds: potential (never held a line), a competitor's, former; then, holding lines, shared with a competitor, potential (a potential key account), current." })
  status!: j.RelationshipStatus;
  @Field(() => String, { description: "The rule that decided." }) reason!: string;
  @Field(() => [String], { description: "Every fact the rules read: lines held, the newest removal, the newest usable survey, and for holders the potential key account's revenue." })
  facts!: string[];
}

@ObjectType({ description: "A line installed but little used (装机但使用很少, 热装冷用; seed 002 §1.1.2 8)), computed by insights from billing's services and the usage billing rated on each line." })
export class LittleUsedLine {
  @Field(() => String, { description: "The line's service number." }) serviceNo!: string;
  @Field(() => ProductEnum, { description: "Its product, from billing." }) product!: j.LittleUsedLine["product"];
  @Field(() => LocalDate, { description: "When billing started serving it." }) startedOn!: string;
  @Field(() => Int, { description: "Months of the 12-month window the customer held it." }) monthsHeld!: number;
  @Field(() => SafeInt, {
    description: "What billing's rating charged for the line's own usage over the months held in the window, in fen: calls, data and messages of all call classes (SERV_USAGE_MONTH.FEE); basic fees are not usage.",
  })
  billedFen!: number;
  @Field(() => Int, { description: "Calls, data sessions and messages billing rated on the line over those months, incoming ones included (SERV_USAGE_MONTH.RECORDS)." }) usageRecords!: number;
  @Field(() => SafeInt, { description: "billedFen over monthsHeld, in fen." }) averageMonthlyFen!: number;
  @Field(() => String, { description: "Why it counts as little used, with the numbers." }) reason!: string;
}
