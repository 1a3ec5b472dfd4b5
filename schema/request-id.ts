import { randomUUID } from "node:crypto";
import { redact } from "./logging.js";

/**
 * Every request has one id, from the gateway's door to the last legacy call: the gateway takes the
 * caller's `x-request-id` when it is well-formed, makes one otherwise, returns it in its answer and
 * passes it to every subgraph it calls, and every log line of the request carries it.
 */
export const REQUEST_ID_HEADER = "x-request-id";

/** Letters, digits and `._:-`, up to 128: what proxies and clients generate (UUIDs, hex, ULIDs). */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The caller's id when it is well-formed and holds nothing shaped like personal data; a new one otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && WELL_FORMED.test(value) && redact(value) === value ? value : randomUUID();
}
