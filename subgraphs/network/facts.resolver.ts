import { GraphQLError } from "graphql";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { z } from "zod";
import type { NetworkFacts } from "../../adapters/network/port.js";
import { JSONObject } from "../kit/scalars.js";
import type { NetworkContext } from "./context.js";
import { customerNetworkFacts } from "./customer-facts.js";
import { Customer } from "./types.js";

@Resolver(() => Customer)
export class CustomerNetworkFactsResolver {
  /**
   * Plumbing for the insights subgraph (@requires); hidden from consumers by @inaccessible. Network
   * management knows lines, not customers: the hall's facts, which the judgements fetch anyway, say
   * which numbers the customer holds.
   */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive('@requires(fields: "profileFacts")')
  @Directive("@inaccessible")
  async networkFacts(@Root() customer: Customer, @Ctx() ctx: NetworkContext): Promise<NetworkFacts> {
    // Without the hall's word on which lines the customer holds, "no lines" would be a guess.
    if (customer.profileFacts == null) {
      throw new GraphQLError(`the business hall's facts about customer ${customer.id} could not be read`, { extensions: { code: "SOURCE_UNAVAILABLE", source: "business-hall" } });
    }
    const serviceNos = heldServiceNos.parse(customer.profileFacts).subscriptions.map((s) => s.serviceNo);
    return customerNetworkFacts(await Promise.all(serviceNos.map((n) => ctx.loaders.serviceFacts.load(n))));
  }
}

/** The one part of the hall's facts read here, checked where it comes in. */
const heldServiceNos = z.object({ subscriptions: z.array(z.object({ serviceNo: z.string() })) });
