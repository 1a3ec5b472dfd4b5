import { CUSTOMER_ID } from "../kit/canonical-ids.js";
import { AdapterError } from "../kit/errors.js";

/**
 * The shapes of the ids the key-account system is asked about, checked before any round trip so that
 * a caller's typo is a BAD_USER_INPUT rather than an empty answer.
 */
export const KEY_ACCOUNT_ID = /^DK\d{10}$/;
export const MANAGER_ID = /^JL\d{8}$/;

/** The system keeps the hall's customer number prefixed "KH". */
export const legacyCustomerNo = (customerId: string): string => "KH" + customerId;

export function customerIdOf(legacy: string): string | null {
  return /^KH\d{12}$/.test(legacy) ? legacy.slice(2) : null;
}

function distinctChecked(ids: readonly string[], shape: RegExp, what: string): string[] {
  for (const id of ids) {
    if (typeof id !== "string" || !shape.test(id)) {
      throw new AdapterError("BAD_USER_INPUT", "key-account", `${JSON.stringify(id)} is not ${what}`);
    }
  }
  return [...new Set(ids)];
}

export const checkKeyAccountIds = (ids: readonly string[]) => distinctChecked(ids, KEY_ACCOUNT_ID, "a key account id (DK + 10 digits)");
export const checkManagerIds = (ids: readonly string[]) => distinctChecked(ids, MANAGER_ID, "an account manager id (JL + 8 digits)");
export const checkCustomerIds = (ids: readonly string[]) => distinctChecked(ids, CUSTOMER_ID, "a customer id (12 digits)");
