import { ACCOUNT_NO, CUSTOMER_ID, productOfServiceNo } from "../kit/canonical-ids.js";
import { AdapterError } from "../kit/errors.js";

/**
 * The ids billing is asked about, checked before any round trip so that a caller's typo is a
 * BAD_USER_INPUT, not an empty answer that looks like "no such account".
 */
export const BILL_NO = /^\d{1,18}$/;

/** Billing spells the hall's customer number "LLLL-NNNNNNNN". */
export function custCodeOf(customerId: string): string {
  return `${customerId.slice(0, 4)}-${customerId.slice(4)}`;
}

export function customerIdOf(custCode: string): string | null {
  return /^\d{4}-\d{8}$/.test(custCode) ? custCode.replace("-", "") : null;
}

function distinctChecked(ids: readonly string[], valid: (id: string) => boolean, what: string): string[] {
  for (const id of ids) {
    if (typeof id !== "string" || !valid(id)) {
      throw new AdapterError("BAD_USER_INPUT", "billing", `${JSON.stringify(id)} is not ${what}`);
    }
  }
  return [...new Set(ids)];
}

export const checkAccountNos = (ids: readonly string[]) =>
  distinctChecked(ids, (id) => ACCOUNT_NO.test(id), "an account number (88 + 12 digits)");
export const checkCustomerIds = (ids: readonly string[]) =>
  distinctChecked(ids, (id) => CUSTOMER_ID.test(id), "a customer id (12 digits)");
export const checkBillNos = (ids: readonly string[]) => distinctChecked(ids, (id) => BILL_NO.test(id), "a bill number");
export const checkServiceNos = (ids: readonly string[]) =>
  distinctChecked(ids, (id) => productOfServiceNo(id) !== null, "a service number");
