import { z } from "zod";
import { ACCOUNT_NO, SERVICE_NO, productOfServiceNo } from "../kit/canonical-ids.js";
import { BILL_NO, customerIdOf } from "./ids.js";
import type {
  Account,
  AccountService,
  Barring,
  Bill,
  BillItem,
  BillItemType,
  BillState,
  CreditLevel,
  CreditList,
  DunningAction,
  DunningMethod,
  DunningResult,
  ManualCreditGrade,
  Payment,
  PaymentChannel,
  PaymentMethod,
  Product,
  ServiceBilling,
  ServiceNo,
  ServiceStatus,
  Settlement,
  Suspension,
  SuspensionReason,
} from "./port.js";
import { bigintId, code, integer, readAs } from "../kit/values.js";
import { compactDate, compactDateOrNone, cycleMonth } from "./values.js";
import { placeColumns, placeOf } from "./place-rows.js";

/** The code tables of sandbox/schema/billing.ts, the only meanings we accept. */
export const PAY_METHOD: Record<string, PaymentMethod> = { C: "CASH", B: "BANK_DEBIT", P: "PREPAID", A: "AGENT" };
export const ACCT_STATE: Record<string, Account["status"]> = { A: "ACTIVE", X: "CLOSED" };
export const PRODUCT_ID: Record<string, Product> = { "10": "FIXED_LINE", "20": "MOBILE", "30": "BROADBAND", "40": "LEASED_LINE" };
export const SERV_STATE: Record<string, ServiceStatus> = { F0A: "ACTIVE", F0T: "BARRED", F0X: "REMOVED" };
export const STOP_FLAG: Record<string, Barring> = { "0": "NONE", "1": "SINGLE", "2": "DOUBLE" };
export const BILL_STATE: Record<string, BillState> = { U: "UNPAID", A: "PARTLY_PAID", P: "PAID" };
export const ITEM_TYPE: Record<string, BillItemType> = {
  BF: "BASIC_FEE",
  LC: "LOCAL_CALLS",
  LD: "LONG_DISTANCE",
  DT: "DATA",
  VA: "VALUE_ADDED",
  DS: "DISCOUNT",
};
export const DUN_METHOD: Record<string, DunningMethod> = { A: "AUTOMATIC", M: "MANUAL" };
export const DUN_RESULT: Record<string, DunningResult> = { S: "REACHED", F: "FAILED" };
export const STOP_TYPE: Record<string, SuspensionReason> = {
  "1": "ARREARS_SINGLE",
  "2": "ARREARS_DOUBLE",
  "3": "ILLEGAL_USE",
  "4": "FACILITY_DAMAGE",
};
export const PAY_CHANNEL: Record<string, PaymentChannel> = { H: "HALL", B: "BANK", W: "WEB", P: "PREPAID_DEDUCTION" };
/** CREDIT_GRADE_HIS.CREDIT_GRADE: "0" lifts the grade set by hand. */
export const CREDIT_GRADE: Record<string, CreditLevel | null> = { A: "VERY_HIGH", B: "HIGH", C: "MEDIUM", D: "LOW", E: "VERY_LOW", "0": null };
/** CREDIT_GRADE_HIS.LIST_TYPE: "0" no list given. */
export const LIST_TYPE: Record<string, CreditList | null> = { R: "RED", G: "GREY", B: "BLACK", "0": null };

const accountNo = z.string().regex(ACCOUNT_NO, "not an account number (88 + 12 digits)");
const serviceNo = z.string().refine((s) => SERVICE_NO.test(s), "not a service number");
const billNo = z.union([z.string().regex(BILL_NO), z.number().int().nonnegative()]).transform(String);
const customerId = readAs(customerIdOf, "a customer code LLLL-NNNNNNNN");
/** A reference that must lead somewhere: a LEFT JOIN that found nothing arrives as null. */
const present = <S extends z.ZodType>(schema: S, what: string) =>
  z.unknown().transform((value, ctx): z.output<S> => {
    if (value === null || value === undefined) {
      ctx.addIssue({ code: "custom", message: `dangling reference: no ${what}` });
      return z.NEVER;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });
const nonNegative = integer.refine((n) => n >= 0, "must not be negative");

export const accountRow = z
  .object({
    ACCT_ID: bigintId,
    ACCT_NBR: accountNo,
    CUST_CODE: present(customerId, "CUST row"),
    // Names come padded from fixed-width columns and exports; the padding is no part of the name.
    ACCT_NAME: z.string().trim().min(1),
    PAY_METHOD: code(PAY_METHOD),
    BANK_ID: z.string(),
    BANK_ACCT: z.string(),
    CREDIT_LIMIT: nonNegative,
    BALANCE: integer,
    STATE: code(ACCT_STATE),
    CREATED_DATE: compactDate,
  })
  .superRefine((row, ctx) => {
    // Both bank columns or neither: half a bank mandate cannot be debited.
    if ((row.BANK_ID.trim() === "") !== (row.BANK_ACCT.trim() === "")) {
      ctx.addIssue({ code: "custom", path: ["BANK_ACCT"], message: "bank id and bank account must be both set or both empty" });
    }
  })
  .transform(
    (row): Account => ({
      accountNo: row.ACCT_NBR,
      serialNo: row.ACCT_ID,
      customerId: row.CUST_CODE,
      name: row.ACCT_NAME,
      paymentMethod: row.PAY_METHOD,
      bank: row.BANK_ID.trim() === "" ? null : { id: row.BANK_ID.trim(), account: row.BANK_ACCT.trim() },
      creditLimitFen: row.CREDIT_LIMIT,
      balanceFen: row.BALANCE,
      status: row.STATE,
      openedOn: row.CREATED_DATE,
    }),
  );

const billColumns = z.object({
  BILL_ID: billNo,
  ACCT_NBR: accountNo,
  BILLING_CYCLE_ID: cycleMonth,
  // Discounts never exceed the charges: a bill below zero is a broken record, not a credit.
  BILL_AMOUNT: nonNegative,
  DUE_DATE: compactDate,
  STATE: code(BILL_STATE),
  /** Sum of ACCT_ITEM_OWE.OWE_AMOUNT for the bill, null when nothing is owed. */
  OWED: z.union([integer, z.null()]),
});

function toBill(row: z.output<typeof billColumns>, ctx: z.RefinementCtx): Bill {
  const owed = row.OWED ?? 0;
  const problem = billContradiction(row.BILL_AMOUNT, owed, row.STATE);
  if (problem) ctx.addIssue({ code: "custom", path: ["STATE"], message: problem });
  return {
    billNo: row.BILL_ID,
    accountNo: row.ACCT_NBR,
    month: row.BILLING_CYCLE_ID,
    amountFen: row.BILL_AMOUNT,
    paidFen: row.BILL_AMOUNT - owed,
    dueDate: row.DUE_DATE,
    state: row.STATE,
  };
}

export const billRow = billColumns.transform(toBill);

/** A bill with the services its items are charged to, as the billing facts carry it. */
export const billWithServicesRow = billColumns
  .extend({
    /** ACC_NBR of each service the bill's items charge; a null entry is an item charged to a missing SERV row. */
    SERV_NBRS: z.array(z.union([serviceNo, z.null()])),
  })
  .transform((row, ctx): Bill & { serviceNos: ServiceNo[] } => {
    if (row.SERV_NBRS.includes(null)) {
      ctx.addIssue({ code: "custom", path: ["ACCT_ITEM", "SERV_ID"], message: "dangling reference: no SERV row" });
    }
    return { ...toBill(row, ctx), serviceNos: row.SERV_NBRS.filter((n): n is string => n !== null) };
  });

/** Why a bill's state cannot be true of its amount and arrears, or null when it can. */
export function billContradiction(amount: number, owed: number, state: BillState): string | null {
  if (owed < 0) return `arrears of ${owed} fen are negative`;
  if (owed > Math.max(amount, 0)) return `arrears of ${owed} fen exceed the bill amount ${amount}`;
  const paid = amount - owed;
  if (state === "PAID" && owed !== 0) return `state PAID but ${owed} fen still owed`;
  if (state === "UNPAID" && paid !== 0) return `state UNPAID but ${paid} fen paid`;
  if (state === "PARTLY_PAID" && (owed === 0 || paid === 0)) return `state PARTLY_PAID but ${paid} of ${amount} fen paid`;
  return null;
}

export const billItemRow = z
  .object({
    BILL_ID: billNo,
    ACCT_ITEM_TYPE_ID: code(ITEM_TYPE),
    ACC_NBR: present(serviceNo, "SERV row"),
    AMOUNT: integer,
    /** ACCT_ITEM.OFFER_ID, and the code of the OFFER row it names (null when there is none). */
    OFFER_ID: z.union([bigintId, z.null()]),
    OFFER_CODE: z.union([z.string().trim(), z.null()]),
  })
  .superRefine((row, ctx) => {
    if (row.OFFER_ID === null) return;
    if (row.OFFER_CODE === null) ctx.addIssue({ code: "custom", path: ["OFFER_ID"], message: "dangling reference: no OFFER row" });
    if (row.ACCT_ITEM_TYPE_ID !== "DISCOUNT") ctx.addIssue({ code: "custom", path: ["OFFER_ID"], message: `an offer on a ${row.ACCT_ITEM_TYPE_ID} item` });
  })
  .transform(
    (row): BillItem => ({ billNo: row.BILL_ID, type: row.ACCT_ITEM_TYPE_ID, serviceNo: row.ACC_NBR, amountFen: row.AMOUNT, offerCode: row.OFFER_CODE }),
  );

export const paymentRow = z
  .object({
    PAYMENT_ID: bigintId,
    ACCT_NBR: accountNo,
    BILL_ID: z.union([billNo, z.null()]),
    // Money received; a non-positive "payment" would silently shrink what a customer is shown to have paid.
    AMOUNT: integer.refine((n) => n > 0, "must be positive"),
    PAY_DATE: compactDate,
    PAY_CHANNEL: code(PAY_CHANNEL),
    ...placeColumns,
  })
  .transform(
    (row, ctx): Payment => ({
      paymentId: row.PAYMENT_ID,
      accountNo: row.ACCT_NBR,
      billNo: row.BILL_ID,
      amountFen: row.AMOUNT,
      paidOn: row.PAY_DATE,
      channel: row.PAY_CHANNEL,
      place: placeOf(row, row.PAY_CHANNEL, ctx),
    }),
  );

/**
 * A write-off (销帐): money of the account that billing's write-off run applied to one bill, on the run's
 * date. What was written off on a bill never exceeds its amount (checked with the bill, facts.ts).
 */
export const writeOffRow = z
  .object({
    WRITE_OFF_ID: bigintId,
    WRITE_OFF_DATE: compactDate,
    // A write-off of nothing, or a negative one, would hide a reversal billing never records this way.
    AMOUNT: integer.refine((n) => n > 0, "must be positive"),
  })
  .transform((row): Settlement => ({ on: row.WRITE_OFF_DATE, amountFen: row.AMOUNT }));

export const dunningRow = z
  .object({
    ACCT_NBR: accountNo,
    BILLING_CYCLE_ID: cycleMonth,
    DUN_METHOD: code(DUN_METHOD),
    ATTEMPT_NO: integer.refine((n) => n >= 1, "must be 1 or more"),
    DUN_DATE: compactDate,
    DUN_RESULT: code(DUN_RESULT),
  })
  .transform(
    (row): DunningAction => ({
      accountNo: row.ACCT_NBR,
      month: row.BILLING_CYCLE_ID,
      method: row.DUN_METHOD,
      attempt: row.ATTEMPT_NO,
      date: row.DUN_DATE,
      result: row.DUN_RESULT,
    }),
  );

/**
 * SERV_ACCT.STATE: A the link is in force, X it ended (the DDL leaves it undocumented; ACCT.STATE's letters).
 * Read in SQL (serviceSelect), which keeps the accounts of links in force and collects any other code.
 */
export const LINK_STATE = { inForce: "A", ended: "X" } as const;

/** Billing's item groups (帐目组) are its own configuration: two digits, "00" for all of a service's items. */
export const ITEM_GROUP = /^\d{2}$/;

/**
 * One link of an account to a service (SERV_ACCT) with billing's record of the service: `inForce` says whether
 * the link still holds (ended links are kept for history). A link to a missing SERV row arrives with nulls.
 */
export const accountServiceRow = z
  .object({
    ACCT_NBR: accountNo,
    LINK_STATE: z.string().transform((state, ctx) => {
      const code = state.trim();
      if (code !== LINK_STATE.inForce && code !== LINK_STATE.ended) ctx.addIssue({ code: "custom", message: `unknown code ${code}` });
      return code === LINK_STATE.inForce;
    }),
    ITEM_GROUP: z.string().transform((group) => group.trim()).pipe(z.string().regex(ITEM_GROUP, "not an item group (two digits)")),
    ACC_NBR: present(serviceNo, "SERV row"),
    PRODUCT_ID: code(PRODUCT_ID),
    STATE: code(SERV_STATE),
    STOP_FLAG: code(STOP_FLAG),
    COMPLETED_DATE: compactDate,
  })
  .transform((row, ctx): AccountService & { inForce: boolean } => {
    const shape = productOfServiceNo(row.ACC_NBR);
    if (shape !== row.PRODUCT_ID) {
      ctx.addIssue({ code: "custom", path: ["PRODUCT_ID"], message: `product ${row.PRODUCT_ID} but the number is a ${shape}` });
    }
    const problem = serviceContradiction(row.STATE, row.STOP_FLAG);
    if (problem) ctx.addIssue({ code: "custom", path: ["STOP_FLAG"], message: problem });
    return {
      accountNo: row.ACCT_NBR,
      serviceNo: row.ACC_NBR,
      itemGroup: row.ITEM_GROUP,
      product: row.PRODUCT_ID,
      status: row.STATE,
      barring: row.STOP_FLAG,
      startedOn: row.COMPLETED_DATE,
      inForce: row.LINK_STATE,
    };
  });

export const serviceRow = z
  .object({
    ACC_NBR: serviceNo,
    CUST_CODE: present(customerId, "CUST row"),
    PRODUCT_ID: code(PRODUCT_ID),
    STATE: code(SERV_STATE),
    STOP_FLAG: code(STOP_FLAG),
    COMPLETED_DATE: compactDate,
    /** ACCT_NBR of the accounts linked in force; null entries are links to a missing ACCT row. */
    ACCT_NBRS: z.array(z.union([accountNo, z.null()])),
    /** SERV_ACCT states outside LINK_STATE, to reject rather than guess at. */
    BAD_LINK_STATES: z.array(z.string()),
  })
  .transform((row, ctx): ServiceBilling => {
    const shape = productOfServiceNo(row.ACC_NBR);
    if (shape !== row.PRODUCT_ID) {
      ctx.addIssue({ code: "custom", path: ["PRODUCT_ID"], message: `product ${row.PRODUCT_ID} but the number is a ${shape}` });
    }
    const problem = serviceContradiction(row.STATE, row.STOP_FLAG);
    if (problem) ctx.addIssue({ code: "custom", path: ["STOP_FLAG"], message: problem });
    if (row.BAD_LINK_STATES.length > 0) {
      ctx.addIssue({ code: "custom", path: ["SERV_ACCT", "STATE"], message: `unknown codes ${row.BAD_LINK_STATES.join(", ")}` });
    }
    if (row.ACCT_NBRS.includes(null)) {
      ctx.addIssue({ code: "custom", path: ["SERV_ACCT", "ACCT_ID"], message: "dangling reference: no ACCT row" });
    }
    return {
      serviceNo: row.ACC_NBR,
      customerId: row.CUST_CODE,
      product: row.PRODUCT_ID,
      status: row.STATE,
      barring: row.STOP_FLAG,
      startedOn: row.COMPLETED_DATE,
      accountNos: row.ACCT_NBRS.filter((n): n is string => n !== null),
    };
  });

/** A barred service must carry a barring level and a service in use must not; removal ends both. */
export function serviceContradiction(status: ServiceStatus, barring: Barring): string | null {
  if (status === "ACTIVE" && barring !== "NONE") return `state ACTIVE but ${barring} barring`;
  if (status === "BARRED" && barring === "NONE") return "state BARRED without a barring level";
  return null;
}

export const suspensionRow = z
  .object({
    ACC_NBR: serviceNo,
    STOP_TYPE: code(STOP_TYPE),
    STOP_DATE: compactDate,
    RESUME_DATE: compactDateOrNone,
  })
  .transform((row, ctx): Suspension => {
    if (row.RESUME_DATE !== null && row.RESUME_DATE < row.STOP_DATE) {
      ctx.addIssue({ code: "custom", path: ["RESUME_DATE"], message: "resumed before it was stopped" });
    }
    return { serviceNo: row.ACC_NBR, reason: row.STOP_TYPE, from: row.STOP_DATE, until: row.RESUME_DATE };
  });

/**
 * A credit grade set by hand (CREDIT_GRADE_HIS). A row lifting the grade sets no list: a list without a
 * level to go with it cannot be meant.
 */
export const creditGradeRow = z
  .object({
    GRADE_HIS_ID: bigintId,
    CREDIT_GRADE: code(CREDIT_GRADE),
    LIST_TYPE: code(LIST_TYPE),
    REASON: z.string().trim().min(1, "must not be blank"),
    STAFF_CODE: z.string().trim().min(1, "must not be blank"),
    SET_DATE: compactDate,
  })
  .transform((row, ctx): ManualCreditGrade => {
    if (row.CREDIT_GRADE === null && row.LIST_TYPE !== null) {
      ctx.addIssue({ code: "custom", path: ["LIST_TYPE"], message: `list ${row.LIST_TYPE} on a row that lifts the grade` });
    }
    return { level: row.CREDIT_GRADE, list: row.LIST_TYPE, reason: row.REASON, setBy: row.STAFF_CODE, setOn: row.SET_DATE };
  });
