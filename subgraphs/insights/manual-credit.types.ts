import { Directive, Field, ObjectType } from "type-graphql";
import type * as j from "./judgements/index.js";
import { graphqlEnum } from "../kit/enums.js";
import { CreditListEnum, ScoreLevelEnum } from "../kit/judgement-enums.js";
import { LocalDate } from "../kit/scalars.js";

export const CreditSource = graphqlEnum("CreditSource", ["COMPUTED", "MANUAL"] satisfies j.CreditSource[], "Where a credit's level and list come from: COMPUTED by insights from the factors, or MANUAL, set by hand in billing's credit control (信控), which takes precedence.");
/** Registered once with the other judgement enums: the profile subgraph's lists filter on it too. */
export { BlackListStatusEnum as BlackListStatus } from "../kit/judgement-enums.js";

/**
 * A credit level set by hand, as billing's credit control keeps it. The billing subgraph answers setCreditLevel
 * with the same type: a shareable value type, every field and description the same in both.
 */
@ObjectType({ description: "A credit level set by hand in billing's credit control (信控, CREDIT_GRADE_HIS), or the lifting of one." })
@Directive("@shareable")
export class ManualCreditLevel {
  @Field(() => ScoreLevelEnum, { nullable: true, description: "The level set (CREDIT_GRADE A–E); null for an entry that lifted the level set by hand, so the computed one applies again." })
  level!: j.Level | null;
  @Field(() => CreditListEnum, { nullable: true, description: "The list set with it (LIST_TYPE R, G, B); null when none was given: the list then follows the level (config/scoring.json credit.manual)." })
  list!: j.CreditList | null;
  @Field(() => String, { description: "Why it was set (REASON)." }) reason!: string;
  @Field(() => String, { description: "Who set it (STAFF_CODE): the subject of the caller who set it through the graph, or credit control's staff code." }) setBy!: string;
  @Field(() => LocalDate, { description: "When it was set (SET_DATE)." }) setOn!: string;
}
