import { z } from "zod";
import { CUSTOMER_ID } from "../../adapters/business-hall/port.js";
import { SNAPSHOT_ORDER_FIELDS, type SnapshotOrder, type SnapshotPosition } from "../../adapters/snapshot/port.js";
import { badUserInput } from "../kit/errors.js";

/**
 * Cursors are opaque to callers. Inside: the order they were made in and the keyset position of their
 * row (its order value and customer id), so the next page starts after that row whatever was inserted
 * since, and a cursor is never read in another order.
 */
const cursorSchema = z
  .object({
    f: z.enum(SNAPSHOT_ORDER_FIELDS),
    d: z.enum(["ASC", "DESC"]),
    v: z.union([z.number().finite(), z.string(), z.null()]),
    id: z.string().regex(CUSTOMER_ID),
  })
  .strict()
  .refine((c) => (c.f === "CUSTOMER_ID" ? c.v === c.id : typeof c.v !== "string"));

export function encodeCursor(order: SnapshotOrder, position: SnapshotPosition): string {
  return Buffer.from(JSON.stringify({ f: order.field, d: order.direction, v: position.value, id: position.customerId })).toString("base64url");
}

/** The position a cursor of this API carries, if it was made in `order`; BAD_USER_INPUT otherwise. */
export function decodeCursor(cursor: string, order: SnapshotOrder): SnapshotPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw badUserInput("after is not a cursor returned by this API");
  const { f, d, v, id } = result.data;
  if (f !== order.field || d !== order.direction) {
    throw badUserInput(`after is a cursor of a list ordered by ${f} ${d}, not ${order.field} ${order.direction}: start again without after`);
  }
  return { value: v, customerId: id };
}
