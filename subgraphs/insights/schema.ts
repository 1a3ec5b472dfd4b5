import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { checkCustomer } from "../kit/scope.js";
import type { InsightsContext } from "./context.js";
import { JudgementResolver } from "./customer.resolver.js";
import { CreditHistoryResolver, ValueTierHistoryResolver } from "./history.resolver.js";
import { KeyFiguresResolver } from "./key-figures.resolver.js";
import { Customer } from "./types.js";

/** The insights subgraph: judgements computed on read from the other subgraphs' facts; it owns no data. */
export function buildInsightsSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [JudgementResolver, KeyFiguresResolver, CreditHistoryResolver, ValueTierHistoryResolver],
    orphanedTypes: [Customer],
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
    },
  });
}
