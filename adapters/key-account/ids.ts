import { CUSTOMER_ID } from "../kit/canonical-ids.js";
import { checkedDistinct } from "../kit/check-ids.js";

/** The key-account system's own ids. */
export const KEY_ACCOUNT_ID = /^DK\d{10}$/;
export const MANAGER_ID = /^JL\d{8}$/;

/** The system keeps the hall's customer number prefixed "KH". */
export const legacyCustomerNo = (customerId: string): string => "KH" + customerId;

export function customerIdOf(legacy: string): string | null {
  return /^KH\d{12}$/.test(legacy) ? legacy.slice(2) : null;
}

export const checkKeyAccountIds = (ids: readonly string[]) =>
  checkedDistinct(ids, KEY_ACCOUNT_ID, "a key account id (DK + 10 digits)", "key-account");
export const checkManagerIds = (ids: readonly string[]) =>
  checkedDistinct(ids, MANAGER_ID, "an account manager id (JL + 8 digits)", "key-account");
export const checkCustomerIds = (ids: readonly string[]) => checkedDistinct(ids, CUSTOMER_ID, "a customer id (12 digits)", "key-account");
