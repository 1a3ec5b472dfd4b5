import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import type { KeyAccountContext } from "./context.js";
import { CustomerKeyAccountResolver, KeyAccountResolver, ManagerResolver, VisitResolver } from "./key-account.resolver.js";
import { Customer } from "./types.js";

/** The key-account subgraph: key accounts, their managers, contracts and visits. */
export function buildKeyAccountSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [CustomerKeyAccountResolver, KeyAccountResolver, ManagerResolver, VisitResolver],
    orphanedTypes: [Customer],
    references: {
      Customer: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      KeyAccountManager: { __resolveReference: (ref: { id: string }, ctx: KeyAccountContext) => ctx.loaders.managers.load(ref.id) },
    },
  });
}
