import { Directive, Field, ID, ObjectType } from "type-graphql";
import { FAULT_TYPES } from "../../adapters/network/port.js";
import type * as net from "../../adapters/network/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { DateTime, JSONObject } from "../kit/scalars.js";

const LineState = graphqlEnum("LineState", ["UP", "DOWN", "DEGRADED", "OUT_OF_SERVICE"] satisfies net.LineState[], "A line's state in network management (lines.lineState: 1 up, 2 down, 3 degraded, 9 out of service).");
const AlarmSeverity = graphqlEnum("AlarmSeverity", ["CRITICAL", "MAJOR", "MINOR"] satisfies net.AlarmSeverity[], "An alarm's severity in network management (alarms.severity: 1 critical, 2 major, 3 minor).");
const TicketState = graphqlEnum("TicketState", ["OPEN", "DISPATCHED", "REPAIRED", "CLOSED"] satisfies net.TicketState[], "Where a trouble ticket stands in network management (tickets.state: 10 open, 20 dispatched, 30 repaired, 40 closed).");
export const FaultType = graphqlEnum("FaultType", FAULT_TYPES, "The kind of fault a trouble ticket reports, as network management classifies it (tickets.faultType).");

@ObjectType({ description: "An equipment alarm on a line, from network management (/nms/v1/alarms)." })
export class Alarm {
  @Field(() => String, { description: "Network management's alarm id (alarmId)." }) id!: string;
  @Field(() => String, { description: "Equipment alarm code, e.g. LOS, PORT_DOWN." }) code!: string;
  @Field(() => AlarmSeverity, { description: "From network management (severity)." }) severity!: net.AlarmSeverity;
  @Field(() => DateTime, { description: "When network management raised it (raisedAt)." }) raisedAt!: string;
  @Field(() => DateTime, { nullable: true, description: "When network management cleared it (clearedAt); null while it is active." }) clearedAt!: string | null;
}

@ObjectType({ description: "The line as network management sees it (/nms/v1/lines, by access number)." })
export class NetworkStatus {
  @Field(() => LineState, { description: "From network management (lineState)." }) status!: net.LineState;
  @Field(() => String, { description: "The exchange (局向) the line ends on." }) exchange!: string;
  @Field(() => String, { description: "The equipment port the line ends on, from network management (port)." }) port!: string;
  @Field(() => DateTime, { description: "When network management last saw the line change state (lastChange)." }) lastChangedAt!: string;
  serviceNo!: string;
}

@ObjectType({ description: "A fault reported on a line, from network management (/nms/v1/tickets)." })
export class TroubleTicket {
  @Field(() => String, { description: "Network management's ticket number (ticketNo)." }) ticketNo!: string;
  @Field(() => FaultType, { description: "From network management (faultType)." }) faultType!: net.FaultType;
  @Field(() => String, { description: "The fault as reported, from network management (desc)." }) description!: string;
  @Field(() => TicketState, { description: "From network management (state)." }) state!: net.TicketState;
  @Field(() => DateTime, { description: "When the ticket was opened, from network management (openedAt)." }) openedAt!: string;
  @Field(() => DateTime, { nullable: true, description: "When it was closed, from network management (closedAt); null while open." }) closedAt!: string | null;
}

/** Network management adds the line's state to the hall's subscriptions (see profile/types.ts for the name). */
@ObjectType("ServiceSubscription")
@Directive('@key(fields: "serviceNo")')
export class Subscription {
  @Field(() => String) serviceNo!: string;
  /** Whose line it is, from the hall: what network management says about a line is scoped by its holder. */
  @Field(() => ID)
  @Directive("@external")
  customerId!: string;
}

/** The customer as network management sees it: only through the service numbers the hall says they hold. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID) id!: string;
  /** The hall's facts (JSON, see ProfileFacts): network management needs only their service numbers. */
  @Field(() => JSONObject, { nullable: true })
  @Directive("@external")
  profileFacts!: unknown;
}
