import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { CALL_OUTCOMES, CALL_TYPES } from "../../adapters/call-centre/port.js";
import type * as cc from "../../adapters/call-centre/port.js";
import { graphqlEnum } from "../kit/enums.js";
import { DateTime, JSONObject } from "../kit/scalars.js";

export const CallType = graphqlEnum("CallType", CALL_TYPES, "Why the customer called the 10000 hotline, as the call centre's agent coded it (call_type: ZX inquiry, TS complaint, ZA fault report, CF billing question, XH cancellation intent).");
export const CallOutcome = graphqlEnum("CallOutcome", CALL_OUTCOMES, "How the call centre left the call (result_code: 1 resolved on the call, 2 transferred to another department, 3 a call back owed).");

/** The customer as the call centre sees it: its own customer number, and the lines the hall says the customer holds. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID) id!: string;
  /** The hall's facts (JSON, see ProfileFacts): the call centre needs only the service numbers the customer holds. */
  @Field(() => JSONObject, { nullable: true })
  @Directive("@external")
  profileFacts!: unknown;
}

@ObjectType({ description: "A call to the 10000 hotline, from the call centre (呼叫中心, its call export)." })
export class CallCentreCall {
  @Field(() => String, { description: "The call centre's call serial (CALL_SEQ)." }) callId!: string;
  @Field(() => DateTime, { description: "When the call came in (START_TIME, the centre's local time, UTC+8)." }) startedAt!: string;
  @Field(() => CallType, { description: "From the call centre (CALL_TYPE)." }) type!: cc.CallType;
  @Field(() => CallOutcome, { description: "From the call centre (RESULT_CODE)." }) outcome!: cc.CallOutcome;
  @Field(() => Int, { description: "How long the agent talked with the caller, in seconds (TALK_SECS)." }) durationSeconds!: number;
  @Field(() => String, { description: "The number the call came from, as a service number (CALLER_NO, without the country code the switch sometimes adds); personal data, masked without the PII right." }) callingNumber!: string;
  @Field(() => Boolean, { description: "Whether the agent identified the caller as a customer (CUST_CODE); false for a call from a customer's line by someone the agent did not identify." }) identified!: boolean;
  @Field(() => Customer, { nullable: true, description: "The customer the agent identified the caller as (CUST_CODE); null when the agent did not." }) customer!: Customer | null;
  @Field(() => String, { description: "The agent's staff number (AGENT_NO)." }) agentId!: string;
}
