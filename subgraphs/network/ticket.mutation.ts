import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IDEMPOTENCY_KEY, SERVICE_NO } from "../../adapters/network/port.js";
import { badUserInput } from "../kit/errors.js";
import { writeThrough } from "../kit/write-errors.js";
import { checkFormat, checkIdempotencyKey, checkText } from "../kit/write-input.js";
import { checkWriteRole, checkWriteTarget } from "../kit/write-scope.js";
import type { NetworkContext } from "./context.js";
import { MAX_DESCRIPTION, OpenTroubleTicketInput, OpenTroubleTicketPayload } from "./write-types.js";

@Resolver()
export class TicketWriteResolver {
  @Mutation(() => OpenTroubleTicketPayload, {
    nullable: true,
    description:
      "Opens a trouble ticket for a line in network management. agent (the line's holder in its region), ka-manager (a holder in its portfolio) and admin; keyed by idempotencyKey. Null, with the error at its path, when refused.",
  })
  async openTroubleTicket(
    @Arg("input", () => OpenTroubleTicketInput, { description: "The fault: line, fault type, what the customer said and the caller's idempotency key." })
    input: OpenTroubleTicketInput,
    @Ctx() ctx: NetworkContext,
  ): Promise<OpenTroubleTicketPayload | null> {
    checkWriteRole(ctx.scope, "openTroubleTicket");
    const serviceNo = checkFormat("input.serviceNo", input.serviceNo, SERVICE_NO, "a service number");
    const description = checkText("input.description", input.description, MAX_DESCRIPTION);
    const idempotencyKey = checkIdempotencyKey("input.idempotencyKey", input.idempotencyKey, IDEMPOTENCY_KEY);
    // Network management knows lines, not holders: the hall says whose line it is (one round trip), never an argument.
    const holder = await ctx.loaders.holders.load(serviceNo);
    if (!holder) throw badUserInput(`input.serviceNo ${serviceNo} is not a line the business hall knows`);
    await checkWriteTarget(ctx.scope, "openTroubleTicket", { customerId: holder, what: `service number ${serviceNo}` });
    const { record, replayed } = await writeThrough("openTroubleTicket", () =>
      ctx.network.openTroubleTicket({ serviceNo, faultType: input.faultType, description, idempotencyKey }),
    );
    return { ticket: record, serviceNo: record.serviceNo, replayed };
  }
}
