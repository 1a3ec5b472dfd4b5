import { CUSTOMER_ID } from "../../adapters/business-hall/port.js";
import { badUserInput } from "../kit/errors.js";

/** Cursors are opaque to callers; inside they carry the last customer id of the page. */
export function encodeCursor(customerId: string): string {
  return Buffer.from(`customer:${customerId}`).toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const id = text.startsWith("customer:") ? text.slice("customer:".length) : "";
  if (!CUSTOMER_ID.test(id)) throw badUserInput("after is not a cursor returned by this API");
  return id;
}
