import { AdapterError, type SourceSystem } from "./errors.js";

/** Anything that can tell a well-formed id: a RegExp or e.g. SERVICE_NO. */
export interface IdShape {
  test(id: string): boolean;
}

/**
 * Checks every id a caller asks about before any round trip, so that a typo is BAD_USER_INPUT and not
 * an empty answer that looks like "no such record"; answers each distinct id once, in first-seen order.
 * `what` names the expected id with its article, e.g. "a customer id (12 digits)".
 */
export function checkedDistinct(ids: readonly string[], shape: IdShape, what: string, source: SourceSystem): string[] {
  for (const id of ids) {
    if (typeof id !== "string" || !shape.test(id)) {
      // Cut short: the caller's text goes into logs and error extensions.
      throw new AdapterError("BAD_USER_INPUT", source, `${String(JSON.stringify(id)).slice(0, 40)} is not ${what}`);
    }
  }
  return [...new Set(ids)];
}
