import { Field, ID, InputType, ObjectType } from "type-graphql";
import type * as billing from "../../adapters/billing/port.js";
import { SafeInt } from "../kit/scalars.js";
import { Account, DunningAction, DunningMethod, DunningResult, Payment, PaymentChannel } from "./types.js";

/** The largest payment the graph records (¥1,000,000); a larger sum is entered in billing itself. */
export const MAX_PAYMENT_FEN = 100_000_000;
const KEY = "The caller's key for this write, 8–64 letters, digits, _ : . - (a UUID fits): billing stores it with the record (OUT_SERIAL_NBR, unique), so a replay with the same key returns the first record and writes nothing; the same key with other data is CONFLICT.";

@InputType({ description: "Money received on an account, to be recorded in billing (PAYMENT) dated today and allocated to no bill." })
export class RecordPaymentInput {
  @Field(() => ID, { description: "The billing account paid (ACCT.ACCT_NBR, 88 + 12 digits); it decides whose customer the write is for." })
  accountNo!: string;
  @Field(() => SafeInt, { description: `The amount received, in fen: a whole number from 1 to ${MAX_PAYMENT_FEN}.` })
  amountFen!: number;
  @Field(() => PaymentChannel, { description: "Where the money came in: HALL, BANK or WEB. PREPAID_DEDUCTION is billing's own and refused." })
  channel!: billing.PaymentChannel;
  @Field(() => String, {
    nullable: true,
    description:
      "The collection point that took the money (PaymentPlace.code, billing's COLLECT_SITE.SITE_ID), stored as the payment's place: one of the account's local network, a business hall or agent point for HALL, a bank branch for BANK; WEB takes none. Absent or null: no place recorded.",
  })
  placeCode?: string | null;
  @Field(() => String, { description: KEY })
  idempotencyKey!: string;
}

@ObjectType({ description: "The answer of recordPayment: the payment billing holds under the key." })
export class RecordPaymentPayload {
  @Field(() => Payment, { description: "The payment as billing recorded it (PAYMENT); on a replay, the first one." })
  payment!: Payment;
  @Field(() => Account, { description: "The account paid, from billing (ACCT)." })
  account!: Account;
  @Field(() => Boolean, { description: "True when billing already held a payment under this key (a replay, or a retry after a lost answer): nothing was written this time." })
  replayed!: boolean;
}

@InputType({ description: "A contact made to collect a month's arrears (催缴), to be recorded in billing (DUNNING) dated today as that month's next attempt." })
export class RecordDunningContactInput {
  @Field(() => ID, { description: "The billing account dunned (ACCT.ACCT_NBR, 88 + 12 digits); it decides whose customer the write is for." })
  accountNo!: string;
  @Field(() => String, { description: "The billing cycle dunned, YYYY-MM (DUNNING.BILLING_CYCLE_ID): the account must still owe on it (ACCT_ITEM_OWE)." })
  month!: string;
  @Field(() => DunningMethod, { description: "How the customer was contacted: AUTOMATIC (SMS, IVR) or MANUAL (call, letter, visit)." })
  method!: billing.DunningMethod;
  @Field(() => DunningResult, { description: "Whether the contact reached the customer." })
  result!: billing.DunningResult;
  @Field(() => String, { description: KEY })
  idempotencyKey!: string;
}

@ObjectType({ description: "The answer of recordDunningContact: the dunning record billing holds under the key." })
export class RecordDunningContactPayload {
  @Field(() => DunningAction, { description: "The attempt as billing recorded it (DUNNING), numbered after the month's earlier ones; on a replay, the first one." })
  dunningAction!: DunningAction;
  @Field(() => Account, { description: "The account dunned, from billing (ACCT)." })
  account!: Account;
  @Field(() => Boolean, { description: "True when billing already held a dunning record under this key (a replay, or a retry after a lost answer): nothing was written this time." })
  replayed!: boolean;
}
