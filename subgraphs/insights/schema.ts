import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { JudgementResolver } from "./customer.resolver.js";
import { Customer } from "./types.js";

/** The insights subgraph: judgements computed on read from the other subgraphs' facts; it owns no data. */
export function buildInsightsSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [JudgementResolver],
    orphanedTypes: [Customer],
    // The representation carries the facts the planner fetched for @requires.
    references: { Customer: { __resolveReference: (ref: Customer) => ref } },
  });
}
