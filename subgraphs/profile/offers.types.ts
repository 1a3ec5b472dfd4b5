import { Directive, Field, ID, ObjectType } from "type-graphql";
import type * as hall from "../../adapters/business-hall/port.js";
import { DateTime, LocalDate } from "../kit/scalars.js";

/** An offer of billing's catalogue, referenced by its code; the billing subgraph resolves it. */
@ObjectType("Offer")
@Directive('@key(fields: "code", resolvable: false)')
export class OfferRef {
  @Field(() => ID) code!: string;
}

/** An offer a line took at the counter; the billing subgraph adds what it took off the line's bills. */
@ObjectType({
  description:
    "An offer (优惠) of billing's catalogue chosen for one of the customer's lines at the business hall's counter (用户优惠, QueryUserOfferList); billing adds its effect on revenue.",
})
@Directive('@key(fields: "serviceNo offerCode")')
export class CustomerOffer {
  @Field(() => String, { description: "The hall's own number of this offer taken (OfferInstId)." }) id!: string;
  @Field(() => String, { description: "The line that took it (ServNo)." }) serviceNo!: string;
  @Field(() => String, { description: "Billing's offer code (OfferCode), as the hall recorded it." }) offerCode!: string;
  @Field(() => OfferRef, { nullable: true, description: "The offer in billing's catalogue: purpose, method, validity, regions; null when billing cannot be read or does not know the code." })
  offer!: OfferRef;
  @Field(() => DateTime, { description: "When it was chosen at the counter (AcceptTime)." }) acceptedAt!: string;
  @Field(() => LocalDate, { description: "The first day it applies (EffDate): the first of the billing cycle after it was chosen." }) startDate!: string;
  @Field(() => LocalDate, {
    nullable: true,
    description: "The last day it applies (ExpDate): the end of its term, of the offer, of the line, or the customer's cancellation, whichever came first; null when none is set.",
  })
  endDate!: string | null;
}

export function toCustomerOffer(o: hall.CustomerOffer): CustomerOffer {
  return { id: o.id, serviceNo: o.serviceNo, offerCode: o.offerCode, offer: { code: o.offerCode }, acceptedAt: o.acceptedAt, startDate: o.startDate, endDate: o.endDate };
}
