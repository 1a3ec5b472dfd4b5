import { Field, ObjectType } from "type-graphql";
import { graphqlEnum } from "../../kit/enums.js";
import { TOUCH_KINDS, type TouchKind as Kind } from "../../kit/touches.js";
import { TOUCH_CHANNELS, type TouchChannel as Channel } from "./compose.js";

export const TouchChannel = graphqlEnum(
  "TouchChannel",
  TOUCH_CHANNELS,
  "Where the carrier touched the customer: HALL (business hall: complaints, surveys, work orders), CALL_CENTRE (the 10000 hotline), FAULT_LINE (network management's trouble tickets), DUNNING (billing's dunning record), KEY_ACCOUNT_VISIT (the account manager's visits).",
);

export const TouchKind = graphqlEnum(
  "TouchKind",
  TOUCH_KINDS,
  "What record a touch is: at the business hall a COMPLAINT, a satisfaction SURVEY or a WORK_ORDER (installation, removal, move, transfer: tb_work_order); a hotline CALL (call centre); a TROUBLE_TICKET (network management); a DUNNING action (billing); an account manager's VISIT (key-account system).",
);

@ObjectType({ description: "One contact with the customer, from the system that recorded it." })
export class ContactTouch {
  @Field(() => TouchChannel, { description: "Where the contact was made." }) channel!: Channel;
  @Field(() => TouchKind, { description: "What record it is, from the system that recorded it: the hall's complaints, surveys and work orders share the HALL channel." }) kind!: Kind;
  @Field(() => String, { description: "When, ISO 8601 in the carrier's zone with its offset (2026-11-02T09:30:15+08:00): a work order when the hall accepted it; records kept by the day (surveys, dunning, visits) are at the start of their day." }) at!: string;
  @Field(() => String, { description: "What happened, in a few words made of the record's codes (never its free text nor a phone number)." }) summary!: string;
  @Field(() => String, { description: "The record's id in its system: complaint, survey or work order number (hall), call serial (call centre), ticket number (network), account/cycle/attempt (billing), visit number (key-account system)." }) sourceId!: string;
  @Field(() => String, { description: "Pass as `after` to get the touches after this one." }) cursor!: string;
}

@ObjectType({ description: "One channel of the time line and whether its system could be read this time." })
export class ContactTimelineSource {
  @Field(() => TouchChannel, { description: "The channel." }) channel!: Channel;
  @Field(() => String, { description: "The legacy system its touches come from, as errors name it." }) system!: string;
  /** Whether the channel's touches arrived; `read` answers it, or throws the error naming the system. */
  readable!: boolean;
}

@ObjectType({ description: "Every touch of the customer across the carrier's channels, newest first, a page at a time. Computed by insights from the touches each system's subgraph hands it; a system that cannot be read costs only its own touches." })
export class ContactTimeline {
  @Field(() => [ContactTouch], { description: "This page's touches, newest first; ties in time by channel, then by the record's id." }) touches!: ContactTouch[];
  @Field(() => Boolean, { description: "Whether more touches follow this page." }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: "The cursor of this page's last touch; null for an empty page." }) endCursor!: string | null;
  @Field(() => [TouchChannel], { description: "The channels asked for whose system could not be read this time: their touches are missing from the pages, and each has an error at `sources`." }) unreadChannels!: Channel[];
  @Field(() => [ContactTimelineSource], { description: "Each channel asked for, with its system." }) sources!: ContactTimelineSource[];
}
