import { GraphQLError } from "graphql";
import { z } from "zod";
import { customerParty, lineParty, type Call } from "../../adapters/call-centre/port.js";
import type { CallCentreContext } from "./context.js";
import type { Customer } from "./types.js";

/** The one part of the hall's facts read here, checked where it comes in. */
const heldServiceNos = z.object({ subscriptions: z.array(z.object({ serviceNo: z.string() })) });

/**
 * Every call of a customer, newest first: those the agents identified as the customer's, and those from the lines
 * the hall says the customer holds that no agent identified. Without the hall's word on the lines, the calls
 * nobody identified would be missing without a word, so none are given.
 */
export async function callsOf(customer: Customer, ctx: CallCentreContext): Promise<Call[]> {
  if (customer.profileFacts == null) {
    throw new GraphQLError(`the business hall's facts about customer ${customer.id} could not be read`, { extensions: { code: "SOURCE_UNAVAILABLE", source: "business-hall" } });
  }
  const serviceNos = heldServiceNos.parse(customer.profileFacts).subscriptions.map((s) => s.serviceNo);
  const parties = [customerParty(customer.id), ...new Set(serviceNos)].map((key, i) => (i === 0 ? key : lineParty(key)));
  const lists = await ctx.loaders.calls.loadMany(parties);
  const calls: Call[] = [];
  for (const list of lists) {
    if (list instanceof Error) throw list;
    calls.push(...list);
  }
  return calls.sort((a, b) => (a.startedAt !== b.startedAt ? (a.startedAt < b.startedAt ? 1 : -1) : Number(b.callId) - Number(a.callId)));
}
