import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";
import { MAX_CREDIT_REASON, type CreditLevel, type CreditList } from "../../adapters/billing/port.js";
import { CreditListEnum, ScoreLevelEnum } from "../kit/judgement-enums.js";
import { LocalDate } from "../kit/scalars.js";
import { Customer } from "./types.js";

/**
 * A credit level set by hand, as billing's credit control keeps it. The insights subgraph shows the same
 * type in Credit.manualHistory: a shareable value type, every field and description the same in both.
 */
@ObjectType({ description: "A credit level set by hand in billing's credit control (信控, CREDIT_GRADE_HIS), or the lifting of one." })
@Directive("@shareable")
export class ManualCreditLevel {
  @Field(() => ScoreLevelEnum, { nullable: true, description: "The level set (CREDIT_GRADE A–E); null for an entry that lifted the level set by hand, so the computed one applies again." })
  level!: CreditLevel | null;
  @Field(() => CreditListEnum, { nullable: true, description: "The list set with it (LIST_TYPE R, G, B); null when none was given: the list then follows the level (config/scoring.json credit.manual)." })
  list!: CreditList | null;
  @Field(() => String, { description: "Why it was set (REASON)." }) reason!: string;
  @Field(() => String, { description: "Who set it (STAFF_CODE): the subject of the caller who set it through the graph, or credit control's staff code." }) setBy!: string;
  @Field(() => LocalDate, { description: "When it was set (SET_DATE)." }) setOn!: string;
}

@InputType({ description: "A credit level to set by hand for a customer in billing's credit control, taking precedence over the computed one, or the lifting of one." })
export class SetCreditLevelInput {
  @Field(() => ID, { description: "The customer (the hall's customer number, 12 digits); it decides whose scope the write is in." })
  customerId!: string;
  @Field(() => ScoreLevelEnum, { nullable: true, description: "The level to set; must be given: null lifts the level set by hand, so the computed one applies again." })
  level!: CreditLevel | null | undefined;
  @Field(() => CreditListEnum, { nullable: true, description: "The list to set with the level; when absent the list follows the level (VERY_HIGH and HIGH red, MEDIUM and LOW grey, VERY_LOW black). Must be absent when lifting." })
  list!: CreditList | null | undefined;
  @Field(() => String, { description: `Why, for whoever reads the customer's credit later: 1 to ${MAX_CREDIT_REASON} characters, required.` })
  reason!: string;
  @Field(() => String, { description: "The caller's key for this write, 8–64 letters, digits, _ : . - (a UUID fits): billing stores it with the record (OUT_SERIAL_NBR, unique), so a replay with the same key returns the first record and writes nothing; the same key with other data is CONFLICT." })
  idempotencyKey!: string;
}

@ObjectType({ description: "The answer of setCreditLevel: the level billing's credit control holds under the key." })
export class SetCreditLevelPayload {
  @Field(() => ManualCreditLevel, { description: "The entry as billing recorded it (CREDIT_GRADE_HIS); on a replay, the first one." })
  manualLevel!: ManualCreditLevel;
  @Field(() => Customer, { nullable: true, description: "The customer whose level it is: read its credit to see the level in force (credit.source, credit.manualHistory); its fields null, each with its error, when the systems owning them cannot be read." })
  customer!: Customer;
  @Field(() => Boolean, { description: "True when billing already held an entry under this key (a replay, or a retry after a lost answer): nothing was written this time." })
  replayed!: boolean;
}
