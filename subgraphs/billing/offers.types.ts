import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import type * as billing from "../../adapters/billing/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { LocalDate, SafeInt } from "../kit/scalars.js";
import { BillingProduct } from "./types.js";

const OfferMethod = graphqlEnum(
  "OfferMethod",
  ["PERCENT_OFF", "FIXED_REDUCTION", "FREE_MINUTES"] satisfies billing.OfferMethod[],
  "How an offer discounts (实施的方式), from billing (OFFER.METHOD: P a percentage off the service's charges of a cycle, F a fixed reduction per cycle, M free local-call minutes per cycle).",
);

@ObjectType({ description: "Why an offer is made (实施的目的), from billing's code table OFFER_PURPOSE." })
export class OfferPurpose {
  @Field(() => String, { description: "Billing's purpose code (PURPOSE_CODE), two digits." }) code!: string;
  @Field(() => String, { description: "Billing's name of the purpose (PURPOSE_NAME)." }) name!: string;
}

@ObjectType({ description: "A local network (本地网) where an offer applies, from billing (OFFER_LATN, and its code table LATN)." })
export class OfferRegion {
  @Field(() => String, { description: "Province + local network, 4 digits (LATN_ID), as the customer's region code." }) code!: string;
  @Field(() => String, { description: "Billing's name of the local network (LATN_NAME)." }) name!: string;
}

@ObjectType({ description: "What an offer took off the bills in one billing cycle: its discount items of that cycle." })
export class OfferEffectMonth {
  @Field(() => String, { description: "The billing cycle, YYYY-MM (BILL.BILLING_CYCLE_ID)." }) month!: string;
  @Field(() => SafeInt, { description: "Revenue given up that cycle, in fen: the offer's discount items (ACCT_ITEM type DS naming it) negated." }) discountFen!: number;
  @Field(() => Int, { description: "Customers whose bills of that cycle carry one of its discounts." }) customers!: number;
}

@ObjectType({
  description:
    "An offer's effect on revenue (实施的效果) over the customers the caller may see: billing's discount items that name it (ACCT_ITEM.OFFER_ID), added up by billing.",
})
export class OfferEffect {
  @Field(() => String, { description: "The first billing cycle counted, YYYY-MM." }) fromMonth!: string;
  @Field(() => String, { description: "The last billing cycle counted, YYYY-MM: the month before the reference date's." }) toMonth!: string;
  @Field(() => SafeInt, { description: "Revenue given up, in fen: the sum of its discount items, negated." }) discountFen!: number;
  @Field(() => Int, { description: "Customers whose bills carry one of its discounts: those who hold it, as billing sees them." }) customers!: number;
  @Field(() => Int, { description: "Services whose bills carry one of its discounts." }) services!: number;
  @Field(() => [OfferEffectMonth], { description: "The same per billing cycle, oldest first; cycles without a discount are left out." }) byMonth!: OfferEffectMonth[];
}

/** An offer of billing's catalogue, as the graph serves it; `effect` is resolved on demand. */
@ObjectType({ description: "An offer policy (优惠政策) of billing's catalogue (OFFER): what, why, for whom, when, where and how it discounts." })
@Directive('@key(fields: "code")')
export class Offer {
  @Field(() => ID, { description: "Billing's offer code (OFFER_CODE), e.g. YH0007; the business hall records it on the lines that take the offer." }) code!: string;
  @Field(() => String, { description: "Billing's name of the offer (OFFER_NAME)." }) name!: string;
  @Field(() => OfferPurpose, { description: "Why it is made (OFFER.PURPOSE_CODE, OFFER_PURPOSE)." }) purpose!: billing.OfferPurpose;
  @Field(() => BillingProduct, { description: "The product whose services it discounts (OFFER.PRODUCT_ID)." }) product!: billing.Product;
  @Field(() => OfferMethod, { description: "How it discounts (OFFER.METHOD)." }) method!: billing.OfferMethod;
  @Field(() => Int, { nullable: true, description: "The percent taken off the service's charges of each cycle (METHOD_VALUE); null unless PERCENT_OFF." }) percentOff!: number | null;
  @Field(() => SafeInt, { nullable: true, description: "Fen taken off each cycle, at most the service's charges (METHOD_VALUE); null unless FIXED_REDUCTION." }) reductionFen!: number | null;
  @Field(() => Int, { nullable: true, description: "Free local-call minutes each cycle, valued at billing's local rate up to the cycle's local calls (METHOD_VALUE); null unless FREE_MINUTES." })
  freeMinutes!: number | null;
  @Field(() => Int, { nullable: true, description: "Billing cycles a customer keeps it from its start (TERM_MONTHS); null for as long as the offer runs." }) termMonths!: number | null;
  @Field(() => String, { description: "Whom it is for (实施的对象), billing's own words (TARGET_DESC)." }) target!: string;
  @Field(() => LocalDate, { description: "The first day it applies (EFF_DATE)." }) validFrom!: string;
  @Field(() => LocalDate, { nullable: true, description: "The last day it applies (EXP_DATE); null when it runs with no end set." }) validTo!: string | null;
  @Field(() => [OfferRegion], { description: "The local networks where it applies (实施的地区, OFFER_LATN), in code order." }) regions!: billing.OfferRegion[];
}

export function toOffer(o: billing.Offer): Offer {
  return {
    code: o.code,
    name: o.name,
    purpose: o.purpose,
    product: o.product,
    method: o.method,
    percentOff: o.method === "PERCENT_OFF" ? o.value : null,
    reductionFen: o.method === "FIXED_REDUCTION" ? o.value : null,
    freeMinutes: o.method === "FREE_MINUTES" ? o.value : null,
    termMonths: o.termMonths,
    target: o.target,
    validFrom: o.validFrom,
    validTo: o.validTo,
    regions: o.regions,
  };
}

@ObjectType({ description: "What one offer took off one service's bills, from billing: its discount items on that service (ACCT_ITEM type DS naming the offer)." })
export class CustomerOfferEffect {
  @Field(() => SafeInt, { description: "Revenue given up, in fen: the discount items negated, over the cycles before the reference date's month." }) discountFen!: number;
  @Field(() => Int, { description: "Billing cycles with such a discount." }) months!: number;
  @Field(() => String, { nullable: true, description: "The first of them, YYYY-MM; null when none." }) firstMonth!: string | null;
  @Field(() => String, { nullable: true, description: "The last of them, YYYY-MM; null when none." }) lastMonth!: string | null;
}

/** The business hall's record of an offer taken on a line; the profile subgraph owns it, billing adds what it took off the bills. */
@ObjectType("CustomerOffer")
@Directive('@key(fields: "serviceNo offerCode")')
export class CustomerOfferRef {
  @Field(() => String) serviceNo!: string;
  @Field(() => String) offerCode!: string;
}
