import { Field, Float, ObjectType } from "type-graphql";
import type * as snapshot from "../../adapters/snapshot/port.js";
import { CreditListEnum, CustomerValueTierEnum, ScoreLevelEnum } from "../kit/judgement-enums.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";

const MONTH = "The month, YYYY-MM: its judgement as the snapshot of its month end (or its latest run that month) made it.";
const WHEN = "The reference date that month's judgement was computed as of.";
const UNKNOWN = "null when it could not be made that month (a source held an unreadable record)";

@ObjectType({ description: "The customer's credit at the end of one month, from the monthly judgement snapshot (npm run snapshot)." })
export class CreditMonth {
  @Field(() => String, { description: MONTH }) month!: string;
  @Field(() => LocalDate, { description: WHEN }) asOf!: string;
  @Field(() => Float, { nullable: true, description: `The credit score; ${UNKNOWN}.` }) score!: number | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `The credit level; ${UNKNOWN}.` }) level!: snapshot.ScoreLevel | null;
  @Field(() => CreditListEnum, { nullable: true, description: `The credit list; ${UNKNOWN}.` }) list!: snapshot.CreditList | null;
}

@ObjectType({ description: "The customer's value tier at the end of one month, from the monthly judgement snapshot (npm run snapshot)." })
export class ValueTierMonth {
  @Field(() => String, { description: MONTH }) month!: string;
  @Field(() => LocalDate, { description: WHEN }) asOf!: string;
  @Field(() => CustomerValueTierEnum, { nullable: true, description: `The value tier; ${UNKNOWN}.` }) tier!: snapshot.ValueTier | null;
  @Field(() => SafeInt, { nullable: true, description: `Average revenue per line per month in fen, from billing; ${UNKNOWN}.` }) arpuFen!: number | null;
  @Field(() => SafeInt, { nullable: true, description: `Revenue of the 12 months up to then in fen, from billing; ${UNKNOWN}.` }) revenue12mFen!: number | null;
}

@ObjectType({ description: "The customer's loyalty at the end of one month, from the monthly judgement snapshot (npm run snapshot)." })
export class LoyaltyMonth {
  @Field(() => String, { description: MONTH }) month!: string;
  @Field(() => LocalDate, { description: WHEN }) asOf!: string;
  @Field(() => Float, { nullable: true, description: `The loyalty score; ${UNKNOWN}, and in months judged before the snapshot kept it.` }) score!: number | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: `The loyalty level; ${UNKNOWN}, and in months judged before the snapshot kept it.` }) level!: snapshot.ScoreLevel | null;
}

@ObjectType({ description: "The customer's satisfaction at the end of one month, from the monthly judgement snapshot (npm run snapshot)." })
export class SatisfactionMonth {
  @Field(() => String, { description: MONTH }) month!: string;
  @Field(() => LocalDate, { description: WHEN }) asOf!: string;
  @Field(() => Float, { nullable: true, description: `The satisfaction score; null when no survey recent enough spoke for the customer that month, ${UNKNOWN}, and in months judged before the snapshot kept it.` })
  score!: number | null;
  @Field(() => ScoreLevelEnum, { nullable: true, description: "The satisfaction level; null as the score is." }) level!: snapshot.ScoreLevel | null;
}
