import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Call } from "../../adapters/call-centre/port.js";
import { personal } from "../kit/mask.js";
import { afterArg, firstArg, pageOf } from "../kit/paging.js";
import { JSONObject } from "../kit/scalars.js";
import { words, type TouchFacts } from "../kit/touches.js";
import type { CallCentreContext } from "./context.js";
import { callsOf } from "./customer-calls.js";
import { CallCentreCall, Customer } from "./types.js";

const CALLS = { defaultFirst: 20, max: 200 };
const HELD_LINES = '@requires(fields: "profileFacts")';

@Resolver(() => Customer)
export class CustomerCallsResolver {
  @FieldResolver(() => [CallCentreCall], {
    nullable: true,
    description: "Calls to the 10000 hotline, from the call centre, newest first, a page at a time: those its agents identified as this customer's, and those from the customer's lines that no agent identified. Null, with an error naming the source, when the call centre (or the business hall, which says which lines the customer holds) cannot be read.",
  })
  @Directive(HELD_LINES)
  async calls(
    @Root() customer: Customer,
    @Arg("first", () => Int, firstArg(CALLS)) first: number,
    @Arg("after", () => String, afterArg("callId")) after: string | null | undefined,
    @Ctx() ctx: CallCentreContext,
  ): Promise<CallCentreCall[]> {
    const page = pageOf(await callsOf(customer, ctx), (c) => c.callId, first, after, CALLS, "calls");
    return page.map((call) => toCall(call, ctx.scope.pii));
  }

  /**
   * Plumbing for the contact time line (insights, @requires); hidden from consumers by @inaccessible. The summary
   * is made of the call's codes only: no number, which would be personal data there.
   */
  @FieldResolver(() => JSONObject, { nullable: true })
  @Directive(HELD_LINES)
  @Directive("@inaccessible")
  async callTouches(@Root() customer: Customer, @Ctx() ctx: CallCentreContext): Promise<TouchFacts> {
    const calls = await callsOf(customer, ctx);
    return { touches: calls.map((call) => ({ id: call.callId, kind: "CALL", at: call.startedAt, summary: callSummary(call) })) };
  }
}

/** "Hotline call: billing question, transferred (3 min)". */
export function callSummary(call: Call): string {
  const minutes = Math.max(1, Math.round(call.durationSeconds / 60));
  return `Hotline call: ${words(call.type)}, ${words(call.outcome)} (${minutes} min)`;
}

/** A call as consumers see it: the calling number masked unless the caller may see personal data. */
export function toCall(call: Call, pii: boolean): CallCentreCall {
  return {
    callId: call.callId,
    startedAt: call.startedAt,
    type: call.type,
    outcome: call.outcome,
    durationSeconds: call.durationSeconds,
    callingNumber: personal(call.callingNumber, pii),
    identified: call.customerId !== null,
    customer: call.customerId === null ? null : ({ id: call.customerId } as Customer),
    agentId: call.agentId,
  };
}
