import { Field, ID, InputType, ObjectType } from "type-graphql";
import type * as hall from "../../adapters/business-hall/port.js";
import { Complaint, ComplaintType } from "./types.js";

/** What the hall's complaint content (VARCHAR(400)) holds. */
export const MAX_CONTENT = 400;

@InputType({ description: "A complaint a customer makes, to be filed with the business hall (AddComplaint)." })
export class RecordComplaintInput {
  @Field(() => ID, { description: "The customer complaining: the business hall's customer number, 12 digits. It decides whose customer the write is for." })
  customerId!: string;
  @Field(() => String, { nullable: true, description: "One of that customer's own service numbers, when the complaint is about one line; the business hall checks it is theirs." })
  serviceNo?: string | null;
  @Field(() => ComplaintType, { description: "What the complaint is about, as the business hall classifies it." })
  type!: hall.ComplaintType;
  @Field(() => String, { description: `What the customer said, 1–${MAX_CONTENT} characters, trimmed as the business hall stores it.` })
  content!: string;
  @Field(() => String, {
    description:
      "The caller's key for this write, 8–64 letters, digits, _ : . - (a UUID fits): the business hall stores it with the complaint (ClientSerial, unique), so a replay with the same key returns the first complaint and files none; the same key with other data is CONFLICT.",
  })
  idempotencyKey!: string;
}

@ObjectType({ description: "The answer of recordComplaint: the complaint the business hall holds under the key." })
export class RecordComplaintPayload {
  @Field(() => Complaint, { description: "The complaint as the business hall filed it; on a replay, the first one." })
  complaint!: Complaint;
  @Field(() => ID, { description: "The customer the complaint is filed for (the business hall's customer number)." })
  customerId!: string;
  @Field(() => Boolean, { description: "True when the business hall already held a complaint under this key (RepeatFlag Y: a replay, or a retry after a lost answer): nothing was filed this time." })
  replayed!: boolean;
}
