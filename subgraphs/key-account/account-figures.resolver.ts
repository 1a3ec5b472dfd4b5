import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { KEY_ACCOUNT_ID } from "../../adapters/key-account/port.js";
import { badUserInput } from "../kit/errors.js";
import { checkCustomer } from "../kit/scope.js";
import type { KeyAccountContext } from "./context.js";
import { contractsEndingWithin, lastVisitOf } from "./portfolio.js";
import { Contract, KeyAccount, toKeyAccount, Visit } from "./types.js";

const MAX_WITHIN_DAYS = 3_650;

/** What a manager checks first about an account: when it was last visited, which contracts run out soon, and looking one up by its number. */
@Resolver(() => KeyAccount)
export class KeyAccountFiguresResolver {
  @Query(() => KeyAccount, { nullable: true, description: "A key account by the key-account system's own number (DK + 10 digits); null when unknown, FORBIDDEN when its customer is outside the caller's scope." })
  async keyAccount(@Arg("id", () => ID, { description: "The key-account system's number of the account (KHBH), DK + 10 digits." }) id: string, @Ctx() ctx: KeyAccountContext): Promise<KeyAccount | null> {
    if (!KEY_ACCOUNT_ID.test(id)) throw badUserInput(`"${id.slice(0, 40)}" is not a key account id (DK + 10 digits)`);
    const found = await ctx.loaders.keyAccounts.load(id);
    if (!found) return null;
    await checkCustomer(ctx.scope, found.customerId, `key account ${id}`);
    return toKeyAccount(found);
  }

  @FieldResolver(() => Visit, { nullable: true, description: "The latest visit the key-account system records up to today; null when the account was never visited." })
  async lastVisit(@Root() account: KeyAccount, @Ctx() ctx: KeyAccountContext): Promise<Visit | null> {
    return lastVisitOf(await ctx.loaders.visits.load(account.id), ctx.asOf);
  }

  @FieldResolver(() => [Contract], { description: "The account's active contracts (key-account system) that expire between today and withinDays from now, soonest first." })
  async contractsEnding(
    @Root() account: KeyAccount,
    @Arg("withinDays", () => Int, { defaultValue: 90, description: `Days from today, 0 to ${MAX_WITHIN_DAYS}; 90 by default.` }) withinDays: number,
    @Ctx() ctx: KeyAccountContext,
  ): Promise<Contract[]> {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_WITHIN_DAYS) throw badUserInput(`contractsEnding: withinDays must be between 0 and ${MAX_WITHIN_DAYS}`);
    return contractsEndingWithin(await ctx.loaders.contracts.load(account.id), ctx.asOf, withinDays);
  }
}
