/**
 * The graph's clean identifiers, the same for every adapter and subgraph. Each legacy system spells
 * them its own way; its adapter maps to and from these.
 */

/** The business hall's customer number: local network (4 digits) + sequence (8 digits). */
export const CUSTOMER_ID = /^\d{12}$/;
/** Billing's account number: "88" + 12 digits. */
export const ACCOUNT_NO = /^88\d{12}$/;
/** An offer of billing's catalogue (OFFER_CODE), as the business hall records it too: two capitals and 4 to 8 digits, e.g. YH0007. */
export const OFFER_CODE = /^[A-Z]{2}\d{4,8}$/;

// Chinese area codes are three digits when they start 01/02 (010, 020–029) and four otherwise.
const AREA_CODE = "0(?:[12]\\d|[3-9]\\d{2})";
const FIXED_LINE = new RegExp(`^${AREA_CODE}\\d{8}$`);
const MOBILE = /^1\d{10}$/;
const BROADBAND = new RegExp(`^AD${AREA_CODE}\\d{8}$`);
const LEASED_LINE = /^ZX\d{12}$/;

export type ServiceProduct = "FIXED_LINE" | "MOBILE" | "BROADBAND" | "LEASED_LINE";

/** Which product a service number's shape says it is, or null when it is not a service number. */
export function productOfServiceNo(serviceNo: string): ServiceProduct | null {
  if (FIXED_LINE.test(serviceNo)) return "FIXED_LINE";
  if (MOBILE.test(serviceNo)) return "MOBILE";
  if (BROADBAND.test(serviceNo)) return "BROADBAND";
  if (LEASED_LINE.test(serviceNo)) return "LEASED_LINE";
  return null;
}

/** A service number: fixed line (area code + 8), mobile (11 digits from 1), "AD" broadband, "ZX" leased line. */
export const SERVICE_NO = { test: (serviceNo: string): boolean => productOfServiceNo(serviceNo) !== null };
