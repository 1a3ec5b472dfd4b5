import { Field, InputType } from "type-graphql";
import { z } from "zod";
import type * as hall from "../../adapters/business-hall/port.js";
import { SNAPSHOT_ORDER_FIELDS, type SnapshotFilter, type SnapshotOrder } from "../../adapters/snapshot/port.js";
import type * as snapshot from "../../adapters/snapshot/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { badUserInput } from "../kit/errors.js";
import {
  AbnormalCodeEnum,
  ABNORMAL_CODES,
  ArrearsBucketEnum,
  BlackListStatusEnum,
  CREDIT_LISTS,
  CreditListEnum,
  CustomerValueTierEnum,
  DUNNING_STAGES,
  DunningStageEnum,
  SCORE_LEVELS,
  ScoreLevelEnum,
  VALUE_TIERS,
} from "../kit/judgement-enums.js";
import { ARREARS_BUCKETS, BLACK_LIST_STATUSES, RELATIONSHIP_STATUSES } from "../../adapters/snapshot/port.js";
import { RelationshipStatusEnum } from "../kit/churn-enums.js";
import { CustomerKind, Education, ProductCode } from "./types.js";

const CustomerOrderField = graphqlEnum(
  "CustomerOrderField",
  SNAPSHOT_ORDER_FIELDS,
  "What customers are listed by: the hall's customer number, or a figure of the judgement snapshot (credit score, 12-month revenue, arrears, ARPU).",
);
const OrderDirection = graphqlEnum("OrderDirection", ["ASC", "DESC"] satisfies SnapshotOrder["direction"][], "Ascending or descending; ties are broken by customer number in the same direction.");

const NOTE = "From the judgement snapshot (npm run snapshot); the list then says how old it is in snapshotAsOf.";

@InputType({ description: "Criteria for customers: every criterion given must hold. The first four are the business hall's own; the others read the judgement snapshot." })
export class CustomerFilter {
  @Field(() => String, { nullable: true, description: "A province (2 digits) or a local network (4 digits) of the hall's region code." })
  regionCode?: string | null;
  @Field(() => CustomerKind, { nullable: true, description: "The hall's kind of customer." })
  kind?: hall.CustomerKind | null;
  @Field(() => String, { nullable: true, description: "The hall's industry code (GB/T 4754 section letter), e.g. J for finance." })
  industryCode?: string | null;
  @Field(() => Education, { nullable: true, description: "The hall's recorded education." })
  education?: hall.Education | null;
  @Field(() => ProductCode, { nullable: true, description: `Customers holding at least one line of this product, not removed. ${NOTE}` })
  productCode?: hall.ProductCode | null;
  @Field(() => CustomerValueTierEnum, { nullable: true, description: `The value tier (insights, from billing). ${NOTE}` })
  valueTier?: snapshot.ValueTier | null;
  @Field(() => CreditListEnum, { nullable: true, description: `The credit list (insights, from billing and the hall). ${NOTE}` })
  creditList?: snapshot.CreditList | null;
  @Field(() => BlackListStatusEnum, {
    nullable: true,
    description: `Black-listed customers still in service (IN_SERVICE, 在用客户黑名单: holding a service billing has not removed) or former ones (FORMER, 非在用客户黑名单: holding none), as Credit.blackListStatus judges them (insights, from billing's services and credit control). ${NOTE}`,
  })
  blackListStatus?: snapshot.BlackListStatus | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `The credit level. ${NOTE}` })
  creditLevel?: snapshot.ScoreLevel | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `The loyalty level. ${NOTE}` })
  loyaltyLevel?: snapshot.ScoreLevel | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `The satisfaction level from the hall's surveys (customers without a survey have none). ${NOTE}` })
  satisfactionLevel?: snapshot.ScoreLevel | null;
  @Field(() => RelationshipStatusEnum, { nullable: true, description: `The customer's relationship to the carrier: current, potential, former, a competitor's, shared with one (insights, from the hall's lines, work orders and surveys). ${NOTE}` })
  relationshipStatus?: snapshot.RelationshipStatus | null;
  @Field(() => ArrearsBucketEnum, { nullable: true, description: `Age of the oldest unpaid amount in billing. ${NOTE}` })
  arrearsBucket?: snapshot.ArrearsBucket | null;
  @Field(() => DunningStageEnum, { nullable: true, description: `The dunning stage the rules give billing's arrears. ${NOTE}` })
  dunningStage?: snapshot.DunningStage | null;
  @Field(() => Boolean, { nullable: true, description: `Whether the customer is a potential key account (revenue just under the threshold). ${NOTE}` })
  potentialKeyAccount?: boolean | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `The churn-risk level. ${NOTE}` })
  churnRiskLevel?: snapshot.ScoreLevel | null;
  @Field(() => AbnormalCodeEnum, { nullable: true, description: `Customers carrying this abnormal flag. ${NOTE}` })
  abnormalFlag?: snapshot.AbnormalCode | null;
}

@InputType({ description: "The order of a customer list; customer number ascending when absent." })
export class CustomerOrder {
  @Field(() => CustomerOrderField, { defaultValue: "CUSTOMER_ID", description: "The figure listed by." })
  field!: snapshot.SnapshotOrderField;
  @Field(() => OrderDirection, { defaultValue: "ASC", description: "Ascending or descending." })
  direction!: SnapshotOrder["direction"];
}

export const DEFAULT_ORDER: SnapshotOrder = { field: "CUSTOMER_ID", direction: "ASC" };

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const level = optional(z.enum(SCORE_LEVELS));

/** The filter as it arrives: GraphQL has checked the enums; the codes are checked here, absent and null alike mean "any". */
const filterSchema = z.object({
  regionCode: optional(z.string().regex(/^\d{2}(\d{2})?$/, "regionCode must be a province (2 digits) or a local network (4 digits)")),
  kind: optional(z.enum(CustomerKind)),
  industryCode: optional(z.string().regex(/^[A-Z0-9]{1,4}$/, "industryCode must be 1 to 4 capital letters or digits, e.g. J")),
  education: optional(z.enum(Education)),
  productCode: optional(z.enum(ProductCode)),
  valueTier: optional(z.enum(VALUE_TIERS)),
  creditList: optional(z.enum(CREDIT_LISTS)),
  blackListStatus: optional(z.enum(BLACK_LIST_STATUSES)),
  creditLevel: level,
  loyaltyLevel: level,
  satisfactionLevel: level,
  relationshipStatus: optional(z.enum(RELATIONSHIP_STATUSES)),
  arrearsBucket: optional(z.enum(ARREARS_BUCKETS)),
  dunningStage: optional(z.enum(DUNNING_STAGES)),
  potentialKeyAccount: optional(z.boolean()),
  churnRiskLevel: level,
  abnormalFlag: optional(z.enum(ABNORMAL_CODES)),
});

/** The criteria only the snapshot can answer; the others the hall answers itself. */
const HALL_CRITERIA = ["regionCode", "kind", "industryCode", "education"] as const satisfies readonly (keyof hall.CustomerFilter)[];

/** The checked filter without its absent criteria; BAD_USER_INPUT naming the first bad one. */
export function checkedFilter(input: CustomerFilter | null | undefined): SnapshotFilter {
  const result = filterSchema.safeParse({ ...input });
  if (!result.success) throw badUserInput(`filter: ${result.error.issues[0]?.message ?? "not a filter"}`);
  return Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined)) as SnapshotFilter;
}

/** The filter as the hall takes it, or null when it names a criterion only the snapshot holds. */
export function hallFilterOf(filter: SnapshotFilter): hall.CustomerFilter | null {
  const keys = Object.keys(filter);
  if (keys.some((key) => !(HALL_CRITERIA as readonly string[]).includes(key))) return null;
  return filter as hall.CustomerFilter;
}

export function checkedOrder(input: CustomerOrder | null | undefined): SnapshotOrder {
  return input ? { field: input.field ?? DEFAULT_ORDER.field, direction: input.direction ?? DEFAULT_ORDER.direction } : DEFAULT_ORDER;
}
