import { ACCOUNT_NO, CUSTOMER_ID, SERVICE_NO } from "../kit/canonical-ids.js";
import { checkedDistinct } from "../kit/check-ids.js";

/** Billing's own bill number: the BIGINT BILL_ID as decimal text. */
export const BILL_NO = /^\d{1,18}$/;

/** Billing spells the hall's customer number "LLLL-NNNNNNNN". */
export function custCodeOf(customerId: string): string {
  return `${customerId.slice(0, 4)}-${customerId.slice(4)}`;
}

export function customerIdOf(custCode: string): string | null {
  return /^\d{4}-\d{8}$/.test(custCode) ? custCode.replace("-", "") : null;
}

export const checkAccountNos = (ids: readonly string[]) =>
  checkedDistinct(ids, ACCOUNT_NO, "an account number (88 + 12 digits)", "billing");
export const checkCustomerIds = (ids: readonly string[]) => checkedDistinct(ids, CUSTOMER_ID, "a customer id (12 digits)", "billing");
export const checkBillNos = (ids: readonly string[]) => checkedDistinct(ids, BILL_NO, "a bill number", "billing");
export const checkServiceNos = (ids: readonly string[]) => checkedDistinct(ids, SERVICE_NO, "a service number", "billing");
