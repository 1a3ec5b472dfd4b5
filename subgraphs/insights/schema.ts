import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { checkCustomer } from "../kit/scope.js";
import { AccountCreditResolver, resolveAccount } from "./account.resolver.js";
import { Account } from "./account.types.js";
import type { InsightsContext } from "./context.js";
import { JudgementResolver } from "./customer.resolver.js";
import { ChurnResolver } from "./churn.resolver.js";
import { CreditHistoryResolver, CustomerSatisfactionHistoryResolver, LoyaltyHistoryResolver, SatisfactionHistoryResolver, ValueTierHistoryResolver } from "./history.resolver.js";
import { KeyFiguresResolver } from "./key-figures.resolver.js";
import { OfferEligibilityResolver } from "./offer-eligibility.resolver.js";
import { ContactTimelineResolver, ContactTimelineSourceResolver } from "./timeline/timeline.resolver.js";
import { Customer } from "./types.js";

/** The insights subgraph: judgements computed on read from the other subgraphs' facts; it owns no data. */
export function buildInsightsSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [JudgementResolver, KeyFiguresResolver, CreditHistoryResolver, ValueTierHistoryResolver, LoyaltyHistoryResolver, SatisfactionHistoryResolver, CustomerSatisfactionHistoryResolver, ChurnResolver, ContactTimelineResolver, ContactTimelineSourceResolver, AccountCreditResolver,
      OfferEligibilityResolver],
    orphanedTypes: [Customer, Account],
    // The representation carries the facts the planner fetched for @requires.
    // The facts came through the gateway's signed path from sources that scoped them; judging a customer
    // the caller may not see is refused all the same.
    references: {
      Customer: {
        __resolveReference: async (ref: Customer, ctx: InsightsContext) => {
          await checkCustomer(ctx.scope, ref.id);
          return ref;
        },
      },
      Account: { __resolveReference: resolveAccount },
    },
  });
}
