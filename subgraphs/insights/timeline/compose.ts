import type { TouchFact, TouchKind } from "../../kit/touches.js";

/** Where a touch was made, in the order a tie at one instant is shown. */
export const TOUCH_CHANNELS = ["HALL", "CALL_CENTRE", "FAULT_LINE", "DUNNING", "KEY_ACCOUNT_VISIT"] as const;
export type TouchChannel = (typeof TOUCH_CHANNELS)[number];

/** The legacy system each channel's touches come from, named as in every error. */
export const CHANNEL_SOURCE: Readonly<Record<TouchChannel, string>> = {
  HALL: "business-hall",
  CALL_CENTRE: "call-centre",
  FAULT_LINE: "network",
  DUNNING: "billing",
  KEY_ACCOUNT_VISIT: "key-account",
};

export interface Touch {
  channel: TouchChannel;
  kind: TouchKind;
  /** ISO 8601 in the carrier's zone, whole seconds: "2026-11-02T09:30:15+08:00". */
  at: string;
  summary: string;
  sourceId: string;
  cursor: string;
}

/** One channel's touches as they arrived: null when its system could not be read this time. */
export interface ChannelTouches {
  channel: TouchChannel;
  touches: readonly TouchFact[] | null;
}

export interface TimelinePage {
  touches: Touch[];
  hasNextPage: boolean;
  endCursor: string | null;
  /** The channels asked for whose system could not be read, in channel order. */
  unread: TouchChannel[];
}

/** A touch's place in the time line: newest first, then by channel, then by the source's id, highest first. */
interface Key {
  ms: number;
  channel: number;
  id: string;
}

/**
 * One page of the contact time line: every readable channel's touches merged newest first, `first` of them after
 * the cursor `after` (a keyset: the page after a touch stays right however many touches are added before it).
 * A channel that could not be read costs its own touches only, and is named in `unread`.
 */
export function timelinePage(channels: readonly ChannelTouches[], first: number, after: Key | null): TimelinePage {
  const all = channels.flatMap(({ channel, touches }) => (touches ?? []).map((t) => ({ channel, fact: t, key: { ms: Date.parse(t.at), channel: TOUCH_CHANNELS.indexOf(channel), id: t.id } })));
  all.sort((a, b) => compare(a.key, b.key));
  const start = after === null ? 0 : all.findIndex((t) => compare(t.key, after) > 0);
  const rest = start < 0 ? [] : all.slice(start);
  const page = rest.slice(0, first).map(({ channel, fact, key }) => ({ channel, kind: fact.kind, at: carrierSeconds(key.ms), summary: fact.summary, sourceId: fact.id, cursor: encodeCursor(key) }));
  return {
    touches: page,
    hasNextPage: rest.length > first,
    endCursor: page.at(-1)?.cursor ?? null,
    unread: channels.filter((c) => c.touches === null).map((c) => c.channel),
  };
}

function compare(a: Key, b: Key): number {
  if (a.ms !== b.ms) return b.ms - a.ms;
  if (a.channel !== b.channel) return a.channel - b.channel;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** An instant as ISO 8601 in the carrier's zone (UTC+8), to the second. */
function carrierSeconds(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The cursor of a touch: its key, opaque to consumers. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.ms, TOUCH_CHANNELS[key.channel], key.id])).toString("base64url");
}

/** The key a cursor stands for, or null when it is no cursor of ours. */
export function decodeCursor(cursor: string): Key | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [ms, channel, id] = value as unknown[];
    const index = TOUCH_CHANNELS.indexOf(channel as TouchChannel);
    if (!Number.isSafeInteger(ms) || index < 0 || typeof id !== "string" || id.length === 0) return null;
    return { ms: ms as number, channel: index, id };
  } catch {
    return null;
  }
}
