import { Field, Int, ObjectType } from "type-graphql";
import { DateTime, SafeInt } from "../kit/scalars.js";

@ObjectType({ description: "The customer's faults still open in network management (its trouble tickets over the lines the business hall says the customer holds); computed by insights from network facts." })
export class OpenFaults {
  @Field(() => Int, { description: "Trouble tickets network management has not closed: open, dispatched, or repaired and awaiting the customer's confirmation." })
  count!: number;

  @Field(() => Int, { description: "Of those, the ones not repaired yet (network management's states OPEN and DISPATCHED)." })
  unrepaired!: number;

  @Field(() => DateTime, { nullable: true, description: "When network management opened the oldest of them; null when none is open." })
  oldestOpenedAt!: string | null;

  @Field(() => [String], { description: "The service numbers (as the business hall writes them) with an open ticket, each once." })
  serviceNos!: string[];
}

@ObjectType({ description: "One closed billing month of the customer's revenue, from billing's bills; ARPU and ARPA use the value tier's definitions (docs/scoring.md) over that month." })
export class RevenueMonth {
  @Field(() => String, { description: "The billing month (billing's cycle), YYYY-MM." })
  month!: string;

  @Field(() => Boolean, { description: "Whether billing holds any bill of the customer for this month; false months have revenue 0 and no ARPU or ARPA." })
  billed!: boolean;

  @Field(() => SafeInt, { description: "The month's billed amount over all the customer's accounts (billing's bills), in fen." })
  revenueFen!: number;

  @Field(() => SafeInt, { nullable: true, description: "Revenue per user: the month's revenue over the services the customer holds in billing (at least one), in fen, rounded half up; null in an unbilled month." })
  arpuFen!: number | null;

  @Field(() => SafeInt, { nullable: true, description: "Revenue per account: the month's revenue over the customer's accounts in force in billing (at least one), in fen, rounded half up; null in an unbilled month." })
  arpaFen!: number | null;
}
