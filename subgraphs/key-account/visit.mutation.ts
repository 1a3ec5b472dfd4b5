import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { IDEMPOTENCY_KEY, KEY_ACCOUNT_ID } from "../../adapters/key-account/port.js";
import { badUserInput } from "../kit/errors.js";
import { writeThrough } from "../kit/write-errors.js";
import { checkFormat, checkIdempotencyKey, checkText } from "../kit/write-input.js";
import { checkWriteRole, checkWriteTarget } from "../kit/write-scope.js";
import type { KeyAccountContext } from "./context.js";
import { toKeyAccount } from "./types.js";
import { MAX_NOTES, RecordVisitInput, RecordVisitPayload } from "./write-types.js";

@Resolver()
export class VisitWriteResolver {
  @Mutation(() => RecordVisitPayload, {
    nullable: true,
    description:
      "Records a visit to a key account in the key-account system, under the account's own manager. ka-manager (accounts it manages) and admin; keyed by idempotencyKey. Null, with the error at its path, when refused.",
  })
  async recordVisit(
    @Arg("input", () => RecordVisitInput, { description: "The visit: key account, day, method, notes and the caller's idempotency key." }) input: RecordVisitInput,
    @Ctx() ctx: KeyAccountContext,
  ): Promise<RecordVisitPayload | null> {
    checkWriteRole(ctx.scope, "recordVisit");
    const keyAccountId = checkFormat("input.keyAccountId", input.keyAccountId, KEY_ACCOUNT_ID, "a key account number (DK + 10 digits)");
    const notes = checkText("input.notes", input.notes, MAX_NOTES, { optional: true });
    const idempotencyKey = checkIdempotencyKey("input.idempotencyKey", input.idempotencyKey, IDEMPOTENCY_KEY);
    const account = await ctx.loaders.keyAccounts.load(keyAccountId);
    if (!account) throw badUserInput(`input.keyAccountId ${keyAccountId} is not a key account the key-account system knows`);
    await checkWriteTarget(ctx.scope, "recordVisit", { customerId: account.customerId, managerId: account.managerId, what: `key account ${keyAccountId}` });
    // The visit is the account's manager's, never an argument: for a ka-manager that is the caller itself.
    const { record, replayed } = await writeThrough("recordVisit", () =>
      ctx.keyAccounts.recordVisit({ keyAccountId, managerId: account.managerId, date: input.date, method: input.method, notes, idempotencyKey }),
    );
    return { visit: record, keyAccount: toKeyAccount(account), replayed };
  }
}
