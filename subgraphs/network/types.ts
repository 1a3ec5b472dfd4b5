import { Directive, Field, ID, ObjectType } from "type-graphql";
import { FAULT_TYPES } from "../../adapters/network/port.js";
import type * as net from "../../adapters/network/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { DateTime, JSONObject } from "../kit/scalars.js";

const LineState = graphqlEnum("LineState", ["UP", "DOWN", "DEGRADED", "OUT_OF_SERVICE"] satisfies net.LineState[]);
const AlarmSeverity = graphqlEnum("AlarmSeverity", ["CRITICAL", "MAJOR", "MINOR"] satisfies net.AlarmSeverity[]);
const TicketState = graphqlEnum("TicketState", ["OPEN", "DISPATCHED", "REPAIRED", "CLOSED"] satisfies net.TicketState[]);
const FaultType = graphqlEnum("FaultType", FAULT_TYPES);

@ObjectType()
export class Alarm {
  @Field(() => String) id!: string;
  @Field(() => String, { description: "Equipment alarm code, e.g. LOS, PORT_DOWN." }) code!: string;
  @Field(() => AlarmSeverity) severity!: net.AlarmSeverity;
  @Field(() => DateTime) raisedAt!: string;
  @Field(() => DateTime, { nullable: true }) clearedAt!: string | null;
}

@ObjectType({ description: "The line as network management sees it." })
export class NetworkStatus {
  @Field(() => LineState) status!: net.LineState;
  @Field(() => String, { description: "The exchange (局向) the line ends on." }) exchange!: string;
  @Field(() => String) port!: string;
  @Field(() => DateTime) lastChangedAt!: string;
  serviceNo!: string;
}

@ObjectType()
export class TroubleTicket {
  @Field(() => String) ticketNo!: string;
  @Field(() => FaultType) faultType!: net.FaultType;
  @Field(() => String) description!: string;
  @Field(() => TicketState) state!: net.TicketState;
  @Field(() => DateTime) openedAt!: string;
  @Field(() => DateTime, { nullable: true }) closedAt!: string | null;
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
