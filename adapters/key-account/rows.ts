import { z } from "zod";
import { KEY_ACCOUNT_ID, MANAGER_ID, customerIdOf } from "./ids.js";
import type {
  AccountManager,
  Contract,
  ContractStatus,
  KeyAccount,
  KeyAccountLevel,
  KeyAccountType,
  Relationship,
  Visit,
  VisitMethod,
} from "./port.js";
import { bigintId, code, integer, readAs } from "../kit/values.js";
import { slashDate } from "./values.js";

/** The code tables of sandbox/schema/key-account.ts, the only meanings we accept. */
export const KHLX: Record<string, KeyAccountType> = { "1": "INDIVIDUAL", "2": "ENTERPRISE" };
export const KHJB: Record<string, KeyAccountLevel> = { "1": "NATIONAL", "2": "PROVINCIAL", "3": "MUNICIPAL" };
export const GXLX: Record<string, Relationship> = { "1": "BUY_OUT", "2": "COOPERATIVE" };
/** ZT of DKH_KHXX (有效/撤销) and of DKH_KHJL (在岗/离岗) alike. */
export const ZT_ACTIVE: Record<string, boolean> = { "1": true, "0": false };
export const HT_ZT: Record<string, ContractStatus> = { "1": "ACTIVE", "2": "EXPIRED", "3": "TERMINATED" };
export const BFFS: Record<string, VisitMethod> = { "1": "ON_SITE", "2": "PHONE", "3": "MEETING" };

const keyAccountId = z.string().regex(KEY_ACCOUNT_ID, "not a key account id (DK + 10 digits)");
const managerId = z.string().regex(MANAGER_ID, "not an account manager id (JL + 8 digits)");
const text = z.string().trim().min(1, "must not be empty");

export const keyAccountRow = z
  .object({
    KHBH: keyAccountId,
    KHMC: text,
    KHLX: code(KHLX),
    KHJB: code(KHJB),
    GXLX: code(GXLX),
    KHJL: managerId,
    YYKHH: readAs(customerIdOf, "a customer number KH + 12 digits"),
    RWRQ: slashDate,
    ZT: code(ZT_ACTIVE),
  })
  .transform(
    (row): KeyAccount => ({
      id: row.KHBH,
      customerId: row.YYKHH,
      name: row.KHMC,
      type: row.KHLX,
      level: row.KHJB,
      relationship: row.GXLX,
      managerId: row.KHJL,
      recognisedOn: row.RWRQ,
      active: row.ZT,
    }),
  );

export const managerRow = z
  .object({
    JLBH: managerId,
    XM: text,
    LXDH: z.string().trim().regex(/^\+?[\d-]{5,20}$/, "not a phone number"),
    SSQY: z.string().trim().regex(/^\d{4}$/, "not a local network code LLLL"),
    ZT: code(ZT_ACTIVE),
  })
  .transform(
    (row): AccountManager => ({ id: row.JLBH, name: row.XM, phone: row.LXDH, regionCode: row.SSQY, active: row.ZT }),
  );

export const contractRow = z
  .object({
    HTBH: text,
    KHBH: keyAccountId,
    HTMC: text,
    QSRQ: slashDate,
    DQRQ: slashDate,
    HTJE: integer.refine((n) => n >= 0, "must not be negative"),
    ZT: code(HT_ZT),
  })
  .transform((row, ctx): Contract => {
    if (row.DQRQ < row.QSRQ) ctx.addIssue({ code: "custom", path: ["DQRQ"], message: "expires before it was signed" });
    return {
      contractNo: row.HTBH,
      keyAccountId: row.KHBH,
      title: row.HTMC,
      signedOn: row.QSRQ,
      expiresOn: row.DQRQ,
      amountFen: row.HTJE,
      status: row.ZT,
    };
  });

export const visitRow = z
  .object({
    BFBH: bigintId,
    KHBH: keyAccountId,
    JLBH: managerId,
    BFRQ: slashDate,
    BFFS: code(BFFS),
    BFNR: z.string(),
  })
  .transform(
    (row): Visit => ({
      visitId: row.BFBH,
      keyAccountId: row.KHBH,
      managerId: row.JLBH,
      date: row.BFRQ,
      method: row.BFFS,
      notes: row.BFNR,
    }),
  );
