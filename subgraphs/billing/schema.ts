import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { AccountResolver, BillResolver, CustomerAccountsResolver } from "./account.resolver.js";
import type { BillingContext } from "./context.js";
import { CustomerBillingFactsResolver } from "./facts.resolver.js";
import { Customer, toAccount } from "./types.js";

/** The billing subgraph: accounts, bills, payments and dunning, and each customer's accounts. */
export function buildBillingSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [AccountResolver, BillResolver, CustomerAccountsResolver, CustomerBillingFactsResolver],
    orphanedTypes: [Customer],
    references: {
      Account: {
        __resolveReference: async (ref: { accountNo: string }, ctx: BillingContext) => {
          const found = await ctx.loaders.accounts.load(ref.accountNo);
          return found && toAccount(found);
        },
      },
      Customer: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
}
