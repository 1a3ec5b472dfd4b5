import { GraphQLError } from "graphql";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { z } from "zod";
import { JSONObject } from "../kit/scalars.js";
import { words, type TouchFacts } from "../kit/touches.js";
import type { NetworkContext } from "./context.js";
import { Customer } from "./types.js";

/** The one part of the hall's facts read here, checked where it comes in. */
const heldServiceNos = z.object({ subscriptions: z.array(z.object({ serviceNo: z.string() })) });

@Resolver(() => Customer)
export class CustomerFaultTouchesResolver {
  /**
   * Plumbing for the contact time line (insights, @requires); hidden from consumers by @inaccessible: every
   * trouble ticket of the lines the hall says the customer holds, any age, as the fault line's touches.
   */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive('@requires(fields: "profileFacts")')
  @Directive("@inaccessible")
  async faultTouches(@Root() customer: Customer, @Ctx() ctx: NetworkContext): Promise<TouchFacts> {
    // Without the hall's word on which lines the customer holds, "no faults" would be a guess.
    if (customer.profileFacts == null) {
      throw new GraphQLError(`the business hall's facts about customer ${customer.id} could not be read`, { extensions: { code: "SOURCE_UNAVAILABLE", source: "business-hall" } });
    }
    const serviceNos = [...new Set(heldServiceNos.parse(customer.profileFacts).subscriptions.map((s) => s.serviceNo))];
    const tickets = (await Promise.all(serviceNos.map((n) => ctx.loaders.allTickets.load(n)))).flat();
    return { touches: tickets.map((t) => ({ id: t.ticketNo, kind: "TROUBLE_TICKET", at: t.openedAt, summary: `Fault reported: ${words(t.faultType)}, ticket ${words(t.state)}` })) };
  }
}
