import { AdapterError } from "../kit/errors.js";

export { CUSTOMER_ID, SERVICE_NO } from "../kit/canonical-ids.js";

/** 18-character resident ID card or unified social credit code, or the older 15-digit forms of either. */
export const ID_DOCUMENT_NO = /^(\d{15}|[0-9A-Z]{18})$/;
/** Local network code "LLLL". */
export const REGION_CODE = /^\d{4}$/;

/** Checks every id before anything is sent, and asks for each distinct id once. */
export function checkIds(ids: readonly string[], format: { test(value: string): boolean }, what: string): string[] {
  for (const id of ids) {
    if (typeof id !== "string" || !format.test(id)) throw badInput(`not a ${what}: ${JSON.stringify(id)?.slice(0, 40)}`);
  }
  return [...new Set(ids)];
}

export function badInput(message: string): AdapterError {
  return new AdapterError("BAD_USER_INPUT", "business-hall", message);
}
