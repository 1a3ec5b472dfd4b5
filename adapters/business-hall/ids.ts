import { CUSTOMER_ID, SERVICE_NO } from "../kit/canonical-ids.js";
import { checkedDistinct } from "../kit/check-ids.js";
import { AdapterError } from "../kit/errors.js";

/** 18-character resident ID card or unified social credit code, or the older 15-digit forms of either. */
export const ID_DOCUMENT_NO = /^(\d{15}|[0-9A-Z]{18})$/;
/** Local network code "LLLL". */
export const REGION_CODE = /^\d{4}$/;

export const checkCustomerIds = (ids: readonly string[]) => checkedDistinct(ids, CUSTOMER_ID, "a customer id (12 digits)", "business-hall");
export const checkServiceNos = (ids: readonly string[]) => checkedDistinct(ids, SERVICE_NO, "a service number", "business-hall");
export const checkDocumentNos = (ids: readonly string[]) =>
  checkedDistinct(ids, ID_DOCUMENT_NO, "an ID card or business licence number", "business-hall");
/** A list filter's region: a local network (LLLL) or a whole province (PP). */
export const checkRegionFilter = (code: string) => checkedDistinct([code], /^\d{2}(\d{2})?$/, "a province (PP) or local network (LLLL)", "business-hall");

export function badInput(message: string): AdapterError {
  return new AdapterError("BAD_USER_INPUT", "business-hall", message);
}
