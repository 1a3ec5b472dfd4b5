import { buildFederatedSubgraph, type FederatedSubgraph } from "../kit/federation.js";
import { checkCustomer } from "../kit/scope.js";
import { CallQueryResolver } from "./call.query.js";
import { CustomerCallsResolver } from "./calls.resolver.js";
import type { CallCentreContext } from "./context.js";
import { Customer } from "./types.js";

/** The call-centre subgraph: calls to the 10000 hotline, from the call centre's export. */
export function buildCallCentreSubgraph(): Promise<FederatedSubgraph> {
  return buildFederatedSubgraph({
    resolvers: [CustomerCallsResolver, CallQueryResolver],
    orphanedTypes: [Customer],
    references: {
      // The representation carries the @requires fields (the hall's facts, for the customer's lines).
      Customer: {
        __resolveReference: async (ref: Customer, ctx: CallCentreContext) => {
          await checkCustomer(ctx.scope, ref.id);
          return ref;
        },
      },
    },
  });
}
