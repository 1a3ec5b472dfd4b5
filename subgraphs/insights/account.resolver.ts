import { GraphQLError } from "graphql";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { checkCustomer } from "../kit/scope.js";
import { Account, AccountCredit } from "./account.types.js";
import type { InsightsContext } from "./context.js";
import type { AccountBillingFacts } from "./facts.js";
import { accountBillingFactsSchema } from "./facts.schema.js";
import { assessAccountCredit } from "./judgements/index.js";

@Resolver(() => Account)
export class AccountCreditResolver {
  @FieldResolver(() => AccountCredit, {
    nullable: true,
    description: "帐户信用度, computed by insights from the account's own billing facts; null, with an error naming billing, when billing cannot be read.",
  })
  @Directive('@requires(fields: "billingFacts")')
  credit(@Root() account: Account, @Ctx() ctx: InsightsContext): AccountCredit {
    return assessAccountCredit(accountFactsOf(account), ctx.asOf, ctx.model);
  }
}

/**
 * The account's facts, checked as the customers' are (context.ts): missing when billing failed (its error is
 * reported at its own path), and never judged when they break the contract.
 */
function accountFactsOf(account: Account): AccountBillingFacts {
  const raw = account.billingFacts;
  if (raw === undefined) throw new Error(`billingFacts of account ${account.accountNo} were not fetched: the judgement's @requires must name them`);
  if (raw === null) {
    throw new GraphQLError(`billing's facts about account ${account.accountNo} could not be read, so this judgement is not made`, {
      extensions: { code: "SOURCE_UNAVAILABLE", source: "billing" },
    });
  }
  const result = accountBillingFactsSchema.safeParse(raw);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new GraphQLError(`billingFacts of account ${account.accountNo} are malformed: ${detail}`, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  }
  return result.data;
}

/**
 * The account's reference: its facts name its customer, whose scope the caller must have. They came from
 * billing, which scoped them already; judging an account of a customer the caller may not see is refused
 * all the same. Facts that are missing or unreadable are left to the field, which reports them.
 */
export async function resolveAccount(ref: Account, ctx: InsightsContext): Promise<Account> {
  const facts = ref.billingFacts;
  const owner = typeof facts === "object" && facts !== null ? (facts as { customerId?: unknown }).customerId : undefined;
  if (typeof owner === "string") await checkCustomer(ctx.scope, owner, `account ${ref.accountNo}`);
  return ref;
}
