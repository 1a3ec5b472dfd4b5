import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { SERVICE_NO } from "../../adapters/kit/canonical-ids.js";
import { badUserInput } from "../kit/errors.js";
import type { NetworkContext } from "./context.js";
import { Alarm, NetworkStatus, Subscription, TroubleTicket } from "./types.js";

@Resolver(() => Subscription)
export class SubscriptionNetworkResolver {
  @FieldResolver(() => NetworkStatus, { nullable: true, description: "Null when network management has no line for this number." })
  async network(@Root() subscription: Subscription, @Ctx() ctx: NetworkContext): Promise<NetworkStatus | null> {
    return ctx.loaders.lines.load(subscription.serviceNo);
  }

  @FieldResolver(() => [TroubleTicket], { description: "Oldest first, as network management lists them." })
  async troubleTickets(
    @Root() subscription: Subscription,
    @Arg("openOnly", () => Boolean, { defaultValue: false }) openOnly: boolean,
    @Ctx() ctx: NetworkContext,
  ): Promise<TroubleTicket[]> {
    return (openOnly ? ctx.loaders.openTickets : ctx.loaders.allTickets).load(subscription.serviceNo);
  }
}

@Resolver(() => NetworkStatus)
export class NetworkStatusResolver {
  @Query(() => NetworkStatus, { nullable: true, description: "A line's state straight from network management, by service number." })
  async networkStatus(@Arg("serviceNo", () => String) serviceNo: string, @Ctx() ctx: NetworkContext): Promise<NetworkStatus | null> {
    if (!SERVICE_NO.test(serviceNo)) throw badUserInput(`"${serviceNo.slice(0, 40)}" is not a service number`);
    return ctx.loaders.lines.load(serviceNo);
  }

  @FieldResolver(() => [Alarm])
  async alarms(
    @Root() line: NetworkStatus,
    @Arg("activeOnly", () => Boolean, { defaultValue: true }) activeOnly: boolean,
    @Ctx() ctx: NetworkContext,
  ): Promise<Alarm[]> {
    return (activeOnly ? ctx.loaders.activeAlarms : ctx.loaders.allAlarms).load(line.serviceNo);
  }
}
