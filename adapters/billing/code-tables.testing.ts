/**
 * Billing's code tables as sandbox/schema/billing.ts documents them, written out independently of the adapter's
 * (rows.ts), for tests that read the tables directly and compare: a code the adapter maps wrongly then shows.
 */
export const PAY_METHOD: Record<string, string> = { C: "CASH", B: "BANK_DEBIT", P: "PREPAID", A: "AGENT" };
export const BILL_STATE: Record<string, string> = { U: "UNPAID", A: "PARTLY_PAID", P: "PAID" };
export const PRODUCT: Record<number, string> = { 10: "FIXED_LINE", 20: "MOBILE", 30: "BROADBAND", 40: "LEASED_LINE" };
export const SERV_STATE: Record<string, string> = { F0A: "ACTIVE", F0T: "BARRED", F0X: "REMOVED" };
export const STOP_FLAG: Record<string, string> = { "0": "NONE", "1": "SINGLE", "2": "DOUBLE" };
export const STOP_TYPE: Record<string, string> = { "1": "ARREARS_SINGLE", "2": "ARREARS_DOUBLE", "3": "ILLEGAL_USE", "4": "FACILITY_DAMAGE" };
export const DUN_METHOD: Record<string, string> = { A: "AUTOMATIC", M: "MANUAL" };
export const PAY_CHANNEL: Record<string, string> = { H: "HALL", B: "BANK", W: "WEB", P: "PREPAID_DEDUCTION" };
export const SITE_TYPE: Record<string, string> = { H: "BUSINESS_HALL", A: "AGENT_POINT", B: "BANK_BRANCH" };

/** A payment's place as billing's tables give it: PAYMENT.SITE_ID and its COLLECT_SITE row, read as `site_*` columns. */
export function placeOfRow(row: Record<string, unknown>): { code: string; name: string; kind: string; localNetwork: string; bankId: string | null } | null {
  if (row.SITE_ID === null) return null;
  const bank = String(row.site_bank).trim();
  return { code: String(row.SITE_ID), name: String(row.site_name), kind: SITE_TYPE[String(row.site_type)] as string, localNetwork: String(row.site_latn), bankId: bank === "" ? null : bank };
}
/** The columns placeOfRow reads, for a query joining COLLECT_SITE as `st`. */
export const PLACE_COLUMNS = `st."LATN_ID" AS site_latn, st."SITE_TYPE" AS site_type, st."SITE_NAME" AS site_name, st."BANK_ID" AS site_bank`;
export const ITEM_TYPE: Record<string, string> = { BF: "BASIC_FEE", LC: "LOCAL_CALLS", LD: "LONG_DISTANCE", DT: "DATA", VA: "VALUE_ADDED", DS: "DISCOUNT" };
