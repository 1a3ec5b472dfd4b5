import { Field, Int, ObjectType } from "type-graphql";
import type * as billing from "../../adapters/billing/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";

export const PaymentPlaceKind = graphqlEnum(
  "PaymentPlaceKind",
  ["BUSINESS_HALL", "AGENT_POINT", "BANK_BRANCH"] satisfies billing.PaymentPlaceKind[],
  "The kind of a collection point (收费点), from billing's code table (COLLECT_SITE.SITE_TYPE: H business hall 营业厅, A agent point 代办点, B bank branch 银行网点).",
);

// simpleResolvers: plain properties of the port's record, read by graphql-js itself.
@ObjectType({ simpleResolvers: true, description: "A collection point that takes payments (交费地点), from billing's code table of collection points (COLLECT_SITE)." })
export class PaymentPlace {
  @Field(() => String, { description: "The point's code in billing (COLLECT_SITE.SITE_ID)." }) code!: string;
  @Field(() => String, { description: "Its name, e.g. a hall's or a bank branch's (COLLECT_SITE.SITE_NAME)." }) name!: string;
  @Field(() => PaymentPlaceKind, { description: "Business hall, agent point or bank branch (COLLECT_SITE.SITE_TYPE)." }) kind!: billing.PaymentPlaceKind;
  @Field(() => String, { description: "The local network (本地网) it belongs to, 4 digits (COLLECT_SITE.LATN_ID)." }) localNetwork!: string;
  @Field(() => String, { nullable: true, description: "A bank branch's bank, as Account.bank.id names banks (COLLECT_SITE.BANK_ID); null for halls and agent points." })
  bankId!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "How often a customer paid at one collection point, from billing's payments (PAYMENT.SITE_ID) of all the customer's accounts." })
export class PaymentPlaceUse {
  @Field(() => PaymentPlace, { description: "The collection point (COLLECT_SITE)." }) place!: PaymentPlace;
  @Field(() => Int, { description: "Payments made there in the window." }) payments!: number;
  @Field(() => SafeInt, { description: "Their sum in fen (PAYMENT.AMOUNT)." }) amountFen!: number;
  @Field(() => LocalDate, { description: "The latest of them (PAYMENT.PAY_DATE)." }) lastPaidOn!: string;
}
