import { GraphQLError } from "graphql";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { z } from "zod";
import type { InsightsContext } from "./context.js";
import { assessOfferEligibility, type HeldOffer, type OfferInForce } from "./judgements/offer-eligibility.js";
import { OfferEligibility } from "./offer-eligibility.types.js";
import { Customer } from "./types.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "not an ISO date");
/** Billing's offers valid where the customer lives (Customer.offersInForce): what eligibility reads of each. */
const offersInForceSchema = z.object({
  offers: z.array(z.object({ code: z.string().min(1), product: z.enum(["FIXED_LINE", "MOBILE", "BROADBAND", "LEASED_LINE"]) })),
}) satisfies z.ZodType<{ offers: OfferInForce[] }>;
/** The hall's record of the offers the customer's lines took (Customer.heldOffers). */
const heldOffersSchema = z.object({
  offers: z.array(z.object({ serviceNo: z.string().min(1), offerCode: z.string().min(1), startDate: isoDate, endDate: isoDate.nullable() })),
}) satisfies z.ZodType<{ offers: HeldOffer[] }>;

/** A part the planner fetched for @requires: null when its source failed (its error is at its own path), never judged from half. */
function checked<T>(customer: Customer, field: "offersInForce" | "heldOffers", source: string, schema: z.ZodType<T>): T {
  const raw = customer[field];
  if (raw === undefined) throw new Error(`${field} of customer ${customer.id} was not fetched: the field's @requires must name it`);
  if (raw === null) {
    throw new GraphQLError(`${source}'s facts about customer ${customer.id} could not be read, so offer eligibility is not judged`, { extensions: { code: "SOURCE_UNAVAILABLE", source } });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new GraphQLError(`${field} of customer ${customer.id} are malformed: ${detail}`, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  }
  return result.data;
}

@Resolver(() => Customer)
export class OfferEligibilityResolver {
  @FieldResolver(() => [OfferEligibility], {
    nullable: true,
    description:
      "Eligibility for each offer valid on the reference date in the customer's local network (billing's catalogue), by the rules of config/offers.json " +
      "(lines held, product, credit, spend, tenure; docs/scoring.md), factor by factor, computed by insights; offers a line already holds are not eligible. " +
      "Null, with an error naming the source, when billing or the business hall cannot be read.",
  })
  @Directive('@requires(fields: "billingFacts profileFacts offersInForce heldOffers")')
  offerEligibility(@Root() customer: Customer, @Ctx() ctx: InsightsContext): OfferEligibility[] {
    const { offers } = checked(customer, "offersInForce", "billing", offersInForceSchema);
    const { offers: held } = checked(customer, "heldOffers", "business-hall", heldOffersSchema);
    return assessOfferEligibility(ctx.factsOf(customer), offers, held, ctx.offerRules, ctx.model).map(({ offerCode, ...result }) => ({ ...result, offer: { code: offerCode } }));
  }
}
