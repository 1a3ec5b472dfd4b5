import { Directive, Field, Float, ID, ObjectType } from "type-graphql";
import type * as j from "./judgements/index.js";
import { CreditListEnum, ScoreLevelEnum } from "../kit/judgement-enums.js";
import { JSONObject } from "../kit/scalars.js";
import { Factor } from "./types.js";

@ObjectType({
  description:
    "帐户信用度 (seed 002 §3.2.1.11): the credit of one account, computed by insights from that account's own billing (its bills and write-offs, payment method, credit limit or balance, the suspensions of the services it pays for), on the customer credit model's factors (docs/scoring.md). Levels set by hand are the customer's and do not apply.",
})
export class AccountCredit {
  @Field(() => Float, { description: "0–100: Σ weight × value of the factors, rounded to hundredths." }) score!: number;
  @Field(() => ScoreLevelEnum, { description: "The score on the cut points 95 / 80 / 60 / 40." }) level!: j.Level;
  @Field(() => CreditListEnum, { description: "BLACK for recent illegal use on a service the account pays for or a score below 40, RED from 80, GREY between (config/scoring.json credit.lists)." }) list!: j.CreditList;
  @Field(() => String, { description: "The list rule that decided." }) listReason!: string;
  @Field(() => [Factor], { description: "The customer credit's six factors; customer kind and products held, which belong to the customer, at the neutral values of config/scoring.json credit.accountLevel, their reasons saying so." }) factors!: Factor[];
}

/** The account with the facts the billing subgraph holds for it (external: insights owns no data). */
@ObjectType()
@Directive('@key(fields: "accountNo")')
export class Account {
  @Field(() => ID) accountNo!: string;
  @Field(() => JSONObject, { nullable: true }) @Directive("@external") billingFacts!: unknown;
}
