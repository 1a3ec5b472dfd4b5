import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { VisitWriteResolver } from "./visit.mutation.js";
import { checkCustomer } from "../kit/scope.js";
import { KeyAccountFiguresResolver } from "./account-figures.resolver.js";
import type { KeyAccountContext } from "./context.js";
import { CustomerKeyAccountResolver, KeyAccountResolver, ManagerResolver, MeResolver, VisitResolver } from "./key-account.resolver.js";
import { checkManager } from "./managers.js";
import { CustomerVisitTouchesResolver } from "./touches.resolver.js";
import { Customer, toManager } from "./types.js";

/** The key-account subgraph: key accounts, their managers, contracts and visits. */
export function buildKeyAccountSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [CustomerKeyAccountResolver, KeyAccountResolver, KeyAccountFiguresResolver, ManagerResolver, MeResolver, VisitResolver, VisitWriteResolver, CustomerVisitTouchesResolver],
    orphanedTypes: [Customer],
    references: {
      Customer: {
        __resolveReference: async (ref: { id: string }, ctx: KeyAccountContext) => {
          await checkCustomer(ctx.scope, ref.id);
          return { id: ref.id };
        },
      },
      KeyAccountManager: {
        __resolveReference: async (ref: { id: string }, ctx: KeyAccountContext) => {
          const found = await ctx.loaders.managers.load(ref.id);
          if (found) checkManager(ctx.scope, found);
          return found && toManager(found, ctx.scope.pii);
        },
      },
    },
  });
}
