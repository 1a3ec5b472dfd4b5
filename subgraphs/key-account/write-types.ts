import { Field, ID, InputType, ObjectType } from "type-graphql";
import type * as ka from "../../adapters/key-account/port.js";
import { LocalDate } from "../kit/scalars.js";
import { KeyAccount, Visit, VisitMethod } from "./types.js";

/** What the key-account system's visit notes (DKH_BFJL.BFNR, VARCHAR(400)) hold. */
export const MAX_NOTES = 400;

@InputType({ description: "A visit made to a key account, to be recorded in the key-account system (DKH_BFJL) under the account's own manager." })
export class RecordVisitInput {
  @Field(() => ID, { description: "The key account visited: the key-account system's number (KHBH, DK + 10 digits), as KeyAccount.id gives it. Its manager decides who may record the visit." })
  keyAccountId!: string;
  @Field(() => LocalDate, { description: "The day of the visit (BFRQ): today or earlier." })
  date!: string;
  @Field(() => VisitMethod, { description: "How the visit was made (BFFS)." })
  method!: ka.VisitMethod;
  @Field(() => String, { description: `What was discussed (BFNR), at most ${MAX_NOTES} characters, trimmed; may be empty.` })
  notes!: string;
  @Field(() => String, {
    description:
      "The caller's key for this write, 8–64 letters, digits, _ : . - (a UUID fits): the key-account system stores it with the visit (WBLSH, unique), so a replay with the same key returns the first visit and records none; the same key with other data is CONFLICT.",
  })
  idempotencyKey!: string;
}

@ObjectType({ description: "The answer of recordVisit: the visit the key-account system holds under the key." })
export class RecordVisitPayload {
  @Field(() => Visit, { description: "The visit as the key-account system recorded it (DKH_BFJL); on a replay, the first one." })
  visit!: Visit;
  @Field(() => KeyAccount, { description: "The key account visited, from the key-account system (DKH_KHXX)." })
  keyAccount!: KeyAccount;
  @Field(() => Boolean, { description: "True when the key-account system already held a visit under this key (a replay, or a retry after a lost answer): nothing was recorded this time." })
  replayed!: boolean;
}
