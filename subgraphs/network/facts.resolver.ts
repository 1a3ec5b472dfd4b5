import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { NetworkFacts, ServiceNetworkFacts } from "../../adapters/network/port.js";
import { JSONObject } from "../kit/scalars.js";
import type { NetworkContext } from "./context.js";
import { Customer } from "./types.js";

@Resolver(() => Customer)
export class CustomerNetworkFactsResolver {
  /**
   * Plumbing for the insights subgraph (@requires); hidden from consumers by @inaccessible. Network
   * management knows lines, not customers, so the hall's list of the customer's numbers comes first.
   */
  @FieldResolver(() => JSONObject)
  @Directive('@requires(fields: "subscriptions { serviceNo }")')
  @Directive("@inaccessible")
  async networkFacts(@Root() customer: Customer, @Ctx() ctx: NetworkContext): Promise<NetworkFacts> {
    const serviceNos = (customer.subscriptions ?? []).map((s) => s.serviceNo);
    return customerNetworkFacts(await Promise.all(serviceNos.map((n) => ctx.loaders.serviceFacts.load(n))));
  }
}

export function customerNetworkFacts(lines: readonly (ServiceNetworkFacts | null)[]): NetworkFacts {
  const known = lines.filter((l): l is ServiceNetworkFacts => l !== null);
  return {
    lines: known.filter((l) => l.status !== null).map((l) => ({ serviceNo: l.serviceNo, status: l.status! })),
    tickets: known.flatMap((l) => l.tickets.map((t) => ({ serviceNo: l.serviceNo, ...t }))),
    activeAlarms: known.reduce((sum, l) => sum + l.activeAlarms, 0),
  };
}
