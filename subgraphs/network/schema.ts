import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { NetworkStatusResolver, SubscriptionNetworkResolver } from "./subscription.resolver.js";
import { CustomerNetworkFactsResolver } from "./facts.resolver.js";
import { Customer, Subscription } from "./types.js";

/** The network subgraph: line state, alarms and trouble tickets from network management. */
export function buildNetworkSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [SubscriptionNetworkResolver, NetworkStatusResolver, CustomerNetworkFactsResolver],
    orphanedTypes: [Subscription, Customer],
    // Any well-formed reference is a subscription here; the line itself is looked up per field.
    references: {
      ServiceSubscription: { __resolveReference: (ref: { serviceNo: string }) => ({ serviceNo: ref.serviceNo }) },
      // The representation carries the @requires fields (the customer's service numbers).
      Customer: { __resolveReference: (ref: Customer) => ref },
    },
  });
}
