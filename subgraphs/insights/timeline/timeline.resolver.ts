import { GraphQLError } from "graphql";
import { Arg, Directive, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { z } from "zod";
import { badUserInput } from "../../kit/errors.js";
import { touchFactsSchema, type TouchFact } from "../../kit/touches.js";
import { Customer } from "../types.js";
import { CHANNEL_SOURCE, decodeCursor, timelinePage, TOUCH_CHANNELS, type ChannelTouches, type TouchChannel as Channel } from "./compose.js";
import { dunningFactsSchema, dunningTouches } from "./dunning.js";
import { ContactTimeline, ContactTimelineSource, TouchChannel } from "./types.js";

const TOUCHES = { defaultFirst: 20, max: 200 };

/** Where each channel's touches arrive on the representation, and how they become touches. */
const CHANNEL_FIELDS: Record<Channel, { field: keyof Customer; read: (raw: unknown) => TouchFact[] }> = {
  HALL: { field: "hallTouches", read: (raw) => touchFactsSchema.parse(raw).touches },
  CALL_CENTRE: { field: "callTouches", read: (raw) => touchFactsSchema.parse(raw).touches },
  FAULT_LINE: { field: "faultTouches", read: (raw) => touchFactsSchema.parse(raw).touches },
  DUNNING: { field: "billingFacts", read: (raw) => dunningTouches(dunningFactsSchema.parse(raw)) },
  KEY_ACCOUNT_VISIT: { field: "visitTouches", read: (raw) => touchFactsSchema.parse(raw).touches },
};

@Resolver(() => Customer)
export class ContactTimelineResolver {
  @FieldResolver(() => ContactTimeline, {
    nullable: true,
    description: "Every touch from the business hall (complaints, surveys, work orders), the call centre, the fault line, dunning and key-account visits, newest first, a page at a time (seed 002 §1.1.2, §2.2). Composed by insights from the touches each system's subgraph hands it; a system that cannot be read costs only its own touches: it is in unreadChannels, with an error naming it at sources.read.",
  })
  @Directive('@requires(fields: "hallTouches callTouches faultTouches billingFacts visitTouches")')
  contactTimeline(
    @Root() customer: Customer,
    @Arg("first", () => Int, { defaultValue: TOUCHES.defaultFirst, description: `At most ${TOUCHES.max}.` }) first: number,
    @Arg("after", () => String, { nullable: true, description: "The cursor of the last touch of the previous page (endCursor)." }) after: string | null | undefined,
    @Arg("channels", () => [TouchChannel], { nullable: true, description: "Only these channels; every channel when absent." }) channels: Channel[] | null | undefined,
  ): ContactTimeline {
    if (!Number.isInteger(first) || first < 0 || first > TOUCHES.max) throw badUserInput(`contactTimeline: first must be between 0 and ${TOUCHES.max}`);
    const cursor = after == null ? null : decodeCursor(after);
    if (after != null && cursor === null) throw badUserInput("contactTimeline: after must be the cursor of a touch of this time line");
    const asked = TOUCH_CHANNELS.filter((c) => channels == null || channels.includes(c));
    const page = timelinePage(asked.map((channel) => touchesOf(customer, channel)), first, cursor);
    return {
      touches: page.touches,
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
      unreadChannels: page.unread,
      sources: asked.map((channel) => ({ channel, system: CHANNEL_SOURCE[channel], readable: !page.unread.includes(channel) })),
    };
  }
}

@Resolver(() => ContactTimelineSource)
export class ContactTimelineSourceResolver {
  @FieldResolver(() => Boolean, { nullable: true, description: "True when the system was read; null, with an error naming the system (extensions.source), when it could not be this time." })
  read(@Root() source: ContactTimelineSource): boolean {
    if (!source.readable) {
      throw new GraphQLError(`${source.system} could not be read, so the time line lacks its ${source.channel} touches`, { extensions: { code: "SOURCE_UNAVAILABLE", source: source.system } });
    }
    return true;
  }
}

/** One channel's touches from the representation: null when its system failed (its fetch's error is its own). */
function touchesOf(customer: Customer, channel: Channel): ChannelTouches {
  const { field, read } = CHANNEL_FIELDS[channel];
  const raw = customer[field];
  if (raw === undefined) throw new Error(`${field} of customer ${customer.id} was not fetched: contactTimeline's @requires must name it`);
  if (raw === null) return { channel, touches: null };
  try {
    return { channel, touches: read(raw) };
  } catch (error) {
    // A subgraph broke the touches contract: an internal fault, logged in full and masked for callers.
    const detail = (error as z.ZodError).issues?.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") ?? String(error);
    throw new GraphQLError(`${field} of customer ${customer.id} are malformed: ${detail}`, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  }
}
