import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { checkCustomer, forbidden } from "../kit/scope.js";
import type { NetworkContext } from "./context.js";
import { NetworkStatusResolver, SubscriptionNetworkResolver } from "./subscription.resolver.js";
import { CustomerNetworkFactsResolver } from "./facts.resolver.js";
import { TicketWriteResolver } from "./ticket.mutation.js";
import { CustomerFaultTouchesResolver } from "./touches.resolver.js";
import { Customer, Subscription } from "./types.js";

/** The network subgraph: line state, alarms and trouble tickets from network management. */
export function buildNetworkSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [SubscriptionNetworkResolver, NetworkStatusResolver, CustomerNetworkFactsResolver, TicketWriteResolver, CustomerFaultTouchesResolver],
    orphanedTypes: [Subscription, Customer],
    // Any well-formed reference is a subscription here; the line itself is looked up per field. Every
    // field @requires the holder, so the reference always says whose line it is.
    references: {
      ServiceSubscription: {
        __resolveReference: async (ref: Subscription, ctx: NetworkContext) => {
          if (!ref.customerId) throw forbidden(`service number ${ref.serviceNo} came without its holder`);
          await checkCustomer(ctx.scope, ref.customerId, `service number ${ref.serviceNo}`);
          return ref;
        },
      },
      // The representation carries the @requires fields (the customer's service numbers).
      Customer: {
        __resolveReference: async (ref: Customer, ctx: NetworkContext) => {
          await checkCustomer(ctx.scope, ref.id);
          return ref;
        },
      },
    },
  });
}
