import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { localNetworkOfExchange, SERVICE_NO } from "../../adapters/network/port.js";
import { badUserInput } from "../kit/errors.js";
import { afterArg, firstArg, pageOf } from "../kit/paging.js";
import { forbidden } from "../kit/scope.js";
import type { NetworkContext } from "./context.js";
import { Alarm, NetworkStatus, Subscription, TroubleTicket } from "./types.js";

const TICKETS = { defaultFirst: 20, max: 200 };
const HOLDER = '@requires(fields: "customerId")';

@Resolver(() => Subscription)
export class SubscriptionNetworkResolver {
  @FieldResolver(() => NetworkStatus, { nullable: true, description: "Null when network management has no line for this number." })
  @Directive(HOLDER)
  async network(@Root() subscription: Subscription, @Ctx() ctx: NetworkContext): Promise<NetworkStatus | null> {
    return ctx.loaders.lines.load(subscription.serviceNo);
  }

  @FieldResolver(() => [TroubleTicket], { nullable: true, description: "Oldest first, as network management lists them, a page at a time." })
  @Directive(HOLDER)
  async troubleTickets(
    @Root() subscription: Subscription,
    @Arg("openOnly", () => Boolean, { defaultValue: false, description: "Only tickets not yet closed: open, dispatched, or repaired awaiting confirmation (network management's state=open)." }) openOnly: boolean,
    @Arg("first", () => Int, firstArg(TICKETS)) first: number,
    @Arg("after", () => String, afterArg("ticketNo")) after: string | null | undefined,
    @Ctx() ctx: NetworkContext,
  ): Promise<TroubleTicket[]> {
    const tickets = await (openOnly ? ctx.loaders.openTickets : ctx.loaders.allTickets).load(subscription.serviceNo);
    return pageOf(tickets, (t) => t.ticketNo, first, after, TICKETS, "troubleTickets");
  }
}

@Resolver(() => NetworkStatus)
export class NetworkStatusResolver {
  @Query(() => NetworkStatus, { nullable: true, description: "A line's state straight from network management, by service number." })
  async networkStatus(@Arg("serviceNo", () => String, { description: "The service (access) number, as the business hall and billing write it." }) serviceNo: string, @Ctx() ctx: NetworkContext): Promise<NetworkStatus | null> {
    if (!SERVICE_NO.test(serviceNo)) throw badUserInput(`"${serviceNo.slice(0, 40)}" is not a service number`);
    const line = await ctx.loaders.lines.load(serviceNo);
    // Network management knows lines, not their holders: the exchange says which local network a line is in.
    if (line && !ctx.scope.allowsRegion(localNetworkOfExchange(line.exchange) ?? "")) throw forbidden(`service number ${serviceNo} is outside your scope`);
    return line;
  }

  @FieldResolver(() => [Alarm], { description: "The line's alarms from network management, as it lists them." })
  async alarms(
    @Root() line: NetworkStatus,
    @Arg("activeOnly", () => Boolean, { defaultValue: true, description: "Only alarms not yet cleared." }) activeOnly: boolean,
    @Ctx() ctx: NetworkContext,
  ): Promise<Alarm[]> {
    return (activeOnly ? ctx.loaders.activeAlarms : ctx.loaders.allAlarms).load(line.serviceNo);
  }
}
