import { Field, InputType, ObjectType } from "type-graphql";
import type * as net from "../../adapters/network/port.js";
import { FaultType, TroubleTicket } from "./types.js";

/** What network management's ticket description (VARCHAR(400)) holds. */
export const MAX_DESCRIPTION = 400;

@InputType({ description: "A fault a customer reports on a line, to be opened as a trouble ticket in network management (POST /nms/v1/tickets)." })
export class OpenTroubleTicketInput {
  @Field(() => String, { description: "The line at fault: its service (access) number as the business hall and billing write it. The business hall's holder of the line decides whose customer the write is for." })
  serviceNo!: string;
  @Field(() => FaultType, { description: "The kind of fault reported, as network management classifies it." })
  faultType!: net.FaultType;
  @Field(() => String, { description: `What the customer reported, 1–${MAX_DESCRIPTION} characters, trimmed.` })
  description!: string;
  @Field(() => String, {
    description:
      "The caller's key for this write, 8–64 letters, digits, _ : . - (a UUID fits): network management stores it with the ticket (X-Ext-Ref, unique), so a replay with the same key returns the first ticket and opens none; the same key with other data is CONFLICT.",
  })
  idempotencyKey!: string;
}

@ObjectType({ description: "The answer of openTroubleTicket: the ticket network management holds under the key." })
export class OpenTroubleTicketPayload {
  @Field(() => TroubleTicket, { description: "The ticket as network management opened it; on a replay, the first one, in its state now." })
  ticket!: TroubleTicket;
  @Field(() => String, { description: "The line the ticket is for (its service number)." })
  serviceNo!: string;
  @Field(() => Boolean, { description: "True when network management already held a ticket under this key (a replay, or a retry after a lost answer): nothing was opened this time." })
  replayed!: boolean;
}
