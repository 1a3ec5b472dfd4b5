import { Directive, Field, ID, ObjectType } from "type-graphql";

/** An offer of billing's catalogue, referenced by its code; the billing subgraph resolves it. */
@ObjectType("Offer")
@Directive('@key(fields: "code", resolvable: false)')
export class OfferRef {
  @Field(() => ID) code!: string;
}

@ObjectType({ description: "One condition of an offer's eligibility rule (config/offers.json): what it asks, what the customer has, and whether that is enough." })
export class EligibilityFactor {
  @Field(() => String, {
    description:
      "The condition: customerKind, linesHeld (lines in service, 装机量), productHeld, creditLevel, creditList, spend (billed over the rule's months, 话费总额), tenure or notHeld (no line already holds the offer).",
  })
  name!: string;
  @Field(() => String, { description: "What the rule asks, e.g. \"at least 2\", \"MEDIUM or better\", \"at least 120,000 fen\"." }) required!: string;
  @Field(() => String, { description: "What the customer has, in the same terms." }) actual!: string;
  @Field(() => Boolean, { description: "Whether what the customer has is enough." }) met!: boolean;
  @Field(() => String, { description: "Why, with the numbers and the system they come from." }) reason!: string;
}

@ObjectType({
  description:
    "Whether the customer may take one offer valid where it lives (seed 002 §3.2.1.7: set by lines held, credit and total spend), computed by insights from billing's catalogue and facts and the business hall's record of the offers its lines hold.",
})
export class OfferEligibility {
  @Field(() => OfferRef, { nullable: true, description: "The offer, from billing's catalogue; null when billing cannot be read." }) offer!: OfferRef;
  @Field(() => Boolean, { description: "True when every factor is met." }) eligible!: boolean;
  @Field(() => String, { description: "Which factors were not met, or that all were." }) reason!: string;
  @Field(() => [EligibilityFactor], { description: "Each condition of the offer's rule, then notHeld; an offer without a rule of its own is judged by the rules' default." })
  factors!: EligibilityFactor[];
}
