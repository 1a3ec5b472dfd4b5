import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { ACCOUNT_NO, IDEMPOTENCY_KEY, PAYMENT_PLACE_CODE, PLACE_KINDS, type Account as AccountRecord } from "../../adapters/billing/port.js";
import { badUserInput } from "../kit/errors.js";
import { writeThrough } from "../kit/write-errors.js";
import { checkAmountFen, checkFormat, checkIdempotencyKey } from "../kit/write-input.js";
import { checkWriteRole, checkWriteTarget, type WriteName } from "../kit/write-scope.js";
import type { BillingContext } from "./context.js";
import { toAccount } from "./types.js";
import {
  MAX_PAYMENT_FEN,
  RecordDunningContactInput,
  RecordDunningContactPayload,
  RecordPaymentInput,
  RecordPaymentPayload,
} from "./write-types.js";

/**
 * The account a billing write is for, once the caller may write to it: read first (one round trip), since
 * its customer decides the scope. An unknown account is the caller's mistake, refused before any write.
 */
async function writableAccount(ctx: BillingContext, write: WriteName, accountNo: string): Promise<AccountRecord> {
  const account = await ctx.loaders.accounts.load(accountNo);
  if (!account) throw badUserInput(`input.accountNo ${accountNo} is not an account billing knows`);
  await checkWriteTarget(ctx.scope, write, { customerId: account.customerId, what: `account ${accountNo}` });
  return account;
}

@Resolver()
export class BillingWriteResolver {
  @Mutation(() => RecordPaymentPayload, {
    nullable: true,
    description: "Records money received on an account in billing. agent (the account's customer in its region) and admin; keyed by idempotencyKey. Null, with the error at its path, when refused.",
  })
  async recordPayment(
    @Arg("input", () => RecordPaymentInput, { description: "The payment: account, amount, channel, the collection point when known and the caller's idempotency key." }) input: RecordPaymentInput,
    @Ctx() ctx: BillingContext,
  ): Promise<RecordPaymentPayload | null> {
    checkWriteRole(ctx.scope, "recordPayment");
    const accountNo = checkFormat("input.accountNo", input.accountNo, ACCOUNT_NO, "an account number (88 + 12 digits)");
    const amountFen = checkAmountFen("input.amountFen", input.amountFen, MAX_PAYMENT_FEN);
    if (input.channel === "PREPAID_DEDUCTION") throw badUserInput("input.channel PREPAID_DEDUCTION is billing's own deduction from a prepaid balance, never recorded from outside");
    const placeCode = input.placeCode == null ? null : checkFormat("input.placeCode", input.placeCode, PAYMENT_PLACE_CODE, "a collection point's code (1 to 10 capitals and digits)");
    if (placeCode !== null && PLACE_KINDS[input.channel].length === 0) throw badUserInput(`input.placeCode: a ${input.channel} payment is taken at no collection point`);
    const idempotencyKey = checkIdempotencyKey("input.idempotencyKey", input.idempotencyKey, IDEMPOTENCY_KEY);
    const account = await writableAccount(ctx, "recordPayment", accountNo);
    const { record, replayed } = await writeThrough("recordPayment", () =>
      ctx.billing.recordPayment({ accountNo, amountFen, channel: input.channel, placeCode, idempotencyKey }),
    );
    return { payment: record, account: toAccount(account, ctx.scope.pii), replayed };
  }

  @Mutation(() => RecordDunningContactPayload, {
    nullable: true,
    description: "Records a contact made to collect a month's arrears in billing. agent (the account's customer in its region) and admin; keyed by idempotencyKey. Null, with the error at its path, when refused.",
  })
  async recordDunningContact(
    @Arg("input", () => RecordDunningContactInput, { description: "The contact: account, month dunned, method, result and the caller's idempotency key." })
    input: RecordDunningContactInput,
    @Ctx() ctx: BillingContext,
  ): Promise<RecordDunningContactPayload | null> {
    checkWriteRole(ctx.scope, "recordDunningContact");
    const accountNo = checkFormat("input.accountNo", input.accountNo, ACCOUNT_NO, "an account number (88 + 12 digits)");
    const month = checkFormat("input.month", input.month, /^\d{4}-(0[1-9]|1[0-2])$/, "a billing month YYYY-MM");
    const idempotencyKey = checkIdempotencyKey("input.idempotencyKey", input.idempotencyKey, IDEMPOTENCY_KEY);
    const account = await writableAccount(ctx, "recordDunningContact", accountNo);
    const { record, replayed } = await writeThrough("recordDunningContact", () =>
      ctx.billing.recordDunningContact({ accountNo, month, method: input.method, result: input.result, idempotencyKey }),
    );
    return { dunningAction: record, account: toAccount(account, ctx.scope.pii), replayed };
  }
}
