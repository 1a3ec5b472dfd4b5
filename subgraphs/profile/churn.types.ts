import { Field, InputType, Int, ObjectType } from "type-graphql";
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from "../../adapters/business-hall/port.js";
import type * as hall from "../../adapters/business-hall/port.js";
import { ChurnEventKindEnum, CompetitorEnum, RemovalReasonEnum } from "../kit/churn-enums.js";
import { graphqlEnum } from "../kit/enums.js";
import { DateTime, LocalDate } from "../kit/scalars.js";
import { CustomerKind, Education, ProductCode } from "./types.js";

const WorkOrderTypeEnum = graphqlEnum(
  "WorkOrderType",
  WORK_ORDER_TYPES,
  "What a business-hall work order (工单) does to a line: installation 装机, removal 拆机, move 移机, transfer of ownership 过户 (OrderType 01–04).",
);
const WorkOrderStatusEnum = graphqlEnum(
  "WorkOrderStatus",
  WORK_ORDER_STATUSES,
  "Where a work order stands in the business hall: accepted 受理, dispatched 派单, completed 竣工, cancelled 撤单 (Status 0–3).",
);

// simpleResolvers: plain properties, read by graphql-js itself (see types.ts).
@ObjectType({ simpleResolvers: true, description: "A work order (工单) the business hall accepted for one of the customer's lines (QueryWorkOrderList)." })
export class WorkOrder {
  @Field(() => String, { description: "The hall's work order number (OrderNo)." }) orderNo!: string;
  @Field(() => String, { description: "The line the order is for (ServNo)." }) serviceNo!: string;
  @Field(() => WorkOrderTypeEnum, { description: "From the business hall (OrderType)." }) type!: hall.WorkOrderType;
  @Field(() => WorkOrderStatusEnum, { description: "From the business hall (Status)." }) status!: hall.WorkOrderStatus;
  @Field(() => DateTime, { description: "When the hall accepted it (AcceptTime)." }) acceptedAt!: string;
  @Field(() => LocalDate, { nullable: true, description: "The day it was carried out (FinishDate); null unless completed." }) completedOn!: string | null;
  @Field(() => RemovalReasonEnum, { nullable: true, description: "On a removal, why (ReasonCode); null on other orders and when the hall recorded none." })
  removalReason!: hall.RemovalReason | null;
  @Field(() => CompetitorEnum, { nullable: true, description: "On a removal to a competitor, which one (CompetitorCode); null otherwise." }) competitor!: hall.Competitor | null;
  @Field(() => String, {
    nullable: true,
    description:
      "On a transfer of ownership, the customer number of the one who gave the line up (OldCustNo); null on other orders, and when the caller may not see that customer.",
  })
  previousCustomerId!: string | null;
}

@InputType({ description: "Criteria of a churn summary: every criterion given must hold. All are the business hall's own." })
export class ChurnFilter {
  @Field(() => String, { nullable: true, description: "A province (2 digits) or a local network (4 digits) of the hall's region code of the customer." })
  regionCode?: string | null;
  @Field(() => CustomerKind, { nullable: true, description: "The hall's kind of customer." })
  kind?: hall.CustomerKind | null;
  @Field(() => String, { nullable: true, description: "The hall's industry code, e.g. J." })
  industryCode?: string | null;
  @Field(() => Education, { nullable: true, description: "The hall's recorded education." })
  education?: hall.Education | null;
  @Field(() => ProductCode, { nullable: true, description: "The product of the line removed or moved; for surveys, customers holding a line of it." })
  productCode?: hall.ProductCode | null;
}

@ObjectType({ simpleResolvers: true, description: "Lines lost one way for one reason in the period: one group of a churn summary." })
export class ChurnGroup {
  @Field(() => ChurnEventKindEnum, { description: "REMOVAL or MOVE: the work orders counted." }) kind!: "REMOVAL" | "MOVE";
  @Field(() => RemovalReasonEnum, { nullable: true, description: "Why the lines were removed; null for moves and for removals the hall recorded no reason for." })
  removalReason!: hall.RemovalReason | null;
  @Field(() => String, { nullable: true, description: "The seed's term of the reason (流失原因); null without a reason." }) reasonLabel!: string | null;
  @Field(() => CompetitorEnum, { nullable: true, description: "Where the lines went (流失的方向), for removals to a competitor; null otherwise." }) competitor!: hall.Competitor | null;
  @Field(() => Int, { description: "Lines removed or moved." }) lines!: number;
  @Field(() => Int, { description: "Distinct customers among them." }) customers!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "流失 direction and composition (seed 002 §1.1.2 3), §3.2.1.9) over the customers the caller may see, counted by the business hall (QueryChurnStat) from its work orders and surveys.",
})
export class ChurnSummary {
  @Field(() => LocalDate, { description: "First day of the period." }) from!: string;
  @Field(() => LocalDate, { description: "Last day of the period." }) to!: string;
  @Field(() => Int, { description: "Lines removed (拆机) in the period: the sum of the REMOVAL groups." }) linesRemoved!: number;
  @Field(() => Int, { description: "Lines moved (移机) in the period: the sum of the MOVE groups." }) linesMoved!: number;
  @Field(() => Int, { description: "Lines removed to a competitor (转网) in the period." }) linesToCompetitors!: number;
  @Field(() => Int, { description: "Customers whose survey in the period says they also use another carrier (the hall's surveys)." }) customersUsingCompetitors!: number;
  @Field(() => [ChurnGroup], { description: "By kind, reason and competitor, in that order." }) groups!: ChurnGroup[];
}
