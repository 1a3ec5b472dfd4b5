import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { CALL_ID, type Call } from "../../adapters/call-centre/port.js";
import { badUserInput } from "../kit/errors.js";
import { checkCustomer, forbidden } from "../kit/scope.js";
import { toCall } from "./calls.resolver.js";
import type { CallCentreContext } from "./context.js";
import { CallCentreCall } from "./types.js";

@Resolver(() => CallCentreCall)
export class CallQueryResolver {
  @Query(() => CallCentreCall, {
    nullable: true,
    description: "One call to the 10000 hotline straight from the call centre, by its serial; null when the centre has no such call. Scoped by the customer the agent identified, or else by the customer the business hall says holds the calling line; a call from a line nobody holds only callers of every region may see.",
  })
  async callCentreCall(@Arg("callId", () => String, { description: "The call centre's call serial (CALL_SEQ), up to 18 digits." }) callId: string, @Ctx() ctx: CallCentreContext): Promise<CallCentreCall | null> {
    if (!CALL_ID.test(callId)) throw badUserInput(`"${callId.slice(0, 40)}" is not a call serial (up to 18 digits)`);
    const call = await ctx.loaders.call.load(callId);
    if (call === null) return null;
    await checkCall(call, ctx);
    return toCall(call, ctx.scope.pii);
  }
}

/** The caller may see a call when they may see its customer: the one identified, or the holder of the line it came from. */
async function checkCall(call: Call, ctx: CallCentreContext): Promise<void> {
  const what = `call ${call.callId}`;
  if (call.customerId !== null) return checkCustomer(ctx.scope, call.customerId, what);
  const holder = await ctx.loaders.holders.load(call.callingNumber);
  if (holder !== null) return checkCustomer(ctx.scope, holder, what);
  if (!ctx.scope.allowsRegion("")) throw forbidden(`${what} is outside your scope`);
}
